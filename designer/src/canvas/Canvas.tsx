import {
  applyEdgeChanges,
  applyNodeChanges,
  Background,
  Controls,
  type Edge,
  type EdgeChange,
  MiniMap,
  type NodeChange,
  ReactFlow,
  useReactFlow,
} from "@xyflow/react";
import { type DragEvent, useCallback, useEffect, useMemo, useState } from "react";
import type { NodeType } from "../../../schema/index.js";
import type { Command } from "../model/commands.js";
import type { FlowDocument } from "../model/document.js";
import { type CanvasNode, type GraphExtras, isNoteId, noteIdOf, toGraph } from "../model/graph.js";
import { canvasNodeTypes } from "./node-views.js";

export const PALETTE_MIME = "application/relais-node";

interface CanvasProps {
  doc: FlowDocument;
  extras: Omit<GraphExtras, "selected">;
  dispatch: (command: Command) => void;
  selection: ReadonlySet<string>;
  onSelection: (ids: Set<string>) => void;
}

export function Canvas({ doc, extras, dispatch, selection, onSelection }: CanvasProps) {
  const flowApi = useReactFlow();
  const graph = useMemo(
    () => toGraph(doc.flow, doc.layout, { ...extras, selected: selection }),
    [doc, extras, selection],
  );
  const [nodes, setNodes] = useState<CanvasNode[]>(graph.nodes);
  const [edges, setEdges] = useState<Edge[]>(graph.edges);
  useEffect(() => {
    setNodes(graph.nodes);
    setEdges(graph.edges);
  }, [graph]);

  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
      // Removals go through `onDelete` as a command; everything else (drag, select, measure) is view state.
      setNodes((current) =>
        applyNodeChanges(
          changes.filter((change) => change.type !== "remove"),
          current,
        ),
      );
      const selectionChanges = changes.filter((change) => change.type === "select");
      if (selectionChanges.length > 0) {
        const next = new Set(selection);
        for (const change of selectionChanges) {
          if (change.selected) next.add(change.id);
          else next.delete(change.id);
        }
        onSelection(next);
      }
    },
    [selection, onSelection],
  );

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    setEdges((current) =>
      applyEdgeChanges(
        changes.filter((change) => change.type !== "remove"),
        current,
      ),
    );
  }, []);

  const onDragStop = useCallback(
    (_event: unknown, _node: CanvasNode, moved: CanvasNode[]) => {
      dispatch({ type: "move", positions: Object.fromEntries(moved.map((node) => [node.id, node.position])) });
    },
    [dispatch],
  );

  const onDelete = useCallback(
    ({ nodes: gone, edges: cut }: { nodes: CanvasNode[]; edges: Edge[] }) => {
      const nodeIds = gone.filter((node) => !isNoteId(node.id)).map((node) => node.id);
      const noteIds = gone.filter((node) => isNoteId(node.id)).map((node) => noteIdOf(node.id));
      const commands: Command[] = [
        ...cut
          .filter((edge) => !nodeIds.includes(edge.source))
          .map(
            (edge): Command => ({
              type: "connect",
              source: edge.source,
              handle: edge.sourceHandle ?? "next",
              target: undefined,
            }),
          ),
        ...(nodeIds.length ? [{ type: "deleteNodes", ids: nodeIds } as const] : []),
        ...(noteIds.length ? [{ type: "deleteNotes", ids: noteIds } as const] : []),
      ];
      if (commands.length) dispatch({ type: "batch", commands });
    },
    [dispatch],
  );

  const onDrop = useCallback(
    (event: DragEvent) => {
      const nodeType = event.dataTransfer.getData(PALETTE_MIME) as NodeType;
      if (!nodeType) return;
      event.preventDefault();
      const position = flowApi.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      dispatch({ type: "addNode", nodeType, position });
    },
    [dispatch, flowApi],
  );

  return (
    <div className="canvas" onDrop={onDrop} onDragOver={(event) => event.preventDefault()}>
      <ReactFlow<CanvasNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={canvasNodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStop={onDragStop}
        onDelete={onDelete}
        onConnect={(connection) =>
          dispatch({
            type: "connect",
            source: connection.source,
            handle: connection.sourceHandle ?? "next",
            target: connection.target,
          })
        }
        isValidConnection={(connection) => connection.source !== connection.target && !isNoteId(connection.target)}
        deleteKeyCode={["Delete", "Backspace"]}
        multiSelectionKeyCode={["Shift", "Meta", "Control"]}
        selectionOnDrag={false}
        minZoom={0.1}
        onlyRenderVisibleElements
        fitView
      >
        <Background />
        <MiniMap pannable zoomable />
        <Controls />
      </ReactFlow>
    </div>
  );
}
