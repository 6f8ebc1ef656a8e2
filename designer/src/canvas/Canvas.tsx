import {
  applyEdgeChanges,
  Background,
  type Connection,
  Controls,
  type Edge,
  type EdgeChange,
  MiniMap,
  type NodeChange,
  type OnConnectEnd,
  ReactFlow,
  useReactFlow,
  type Viewport,
} from "@xyflow/react";
import { type DragEvent, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { type FlowNode, type NodeType, nodeDefinitions, nodeTypes, type Position } from "../../../schema/index.js";
import { say, t } from "../i18n.js";
import type { Command } from "../model/commands.js";
import type { FlowDocument } from "../model/document.js";
import {
  applyCanvasChanges,
  type CanvasNode,
  type GraphExtras,
  isNoteId,
  keepEdgeState,
  keepViewState,
  nodeSize,
  noteIdOf,
  toGraph,
} from "../model/graph.js";
import { freeSpot } from "../model/placement.js";
import { freshId } from "../model/slug.js";
import { keepShownContent, LiveNodes, LiveNodesContext } from "./live-nodes.js";
import { canvasNodeTypes, NoteEditing } from "./node-views.js";
import { FIT_VIEW, openingViewport } from "./viewport.js";

export const PALETTE_MIME = "application/relais-node";

const DELETE_KEYS = ["Delete", "Backspace"];
const MULTI_SELECTION_KEYS = ["Shift", "Meta", "Control"];
const isValidConnection = (connection: Edge | Connection) =>
  connection.source !== connection.target && !isNoteId(connection.target);

interface CanvasProps {
  doc: FlowDocument;
  extras: Omit<GraphExtras, "selected">;
  dispatch: (command: Command) => void;
  selection: ReadonlySet<string>;
  onSelection: (ids: Set<string>) => void;
}

/** Steps in the minimap in their palette colour; defined once, so the minimap never redraws for nothing. */
const minimapColor = (node: CanvasNode) => (node.type === "note" ? "#fde047" : nodeDefinitions[node.type].ui.color);

/** A link let go on empty canvas: the menu of steps it may lead to, where it was let go. */
interface NextStepMenu {
  source: string;
  handle: string;
  /** In the canvas element's pixels, for the menu. */
  screen: Position;
  /** In flow coordinates, for the new node. */
  at: Position;
}

export function Canvas({ doc, extras, dispatch, selection, onSelection }: CanvasProps) {
  const flowApi = useReactFlow();
  const area = useRef<HTMLDivElement>(null);
  const [menu, setMenu] = useState<NextStepMenu>();
  // The canvas opens where it should from its first frame: its size is read before React Flow is drawn.
  // Only the document at mount decides it: later edits never move the view.
  const [opening, setOpening] = useState<Viewport>();
  const [atMount] = useState(doc);
  useLayoutEffect(() => {
    const rect = area.current?.getBoundingClientRect();
    if (rect) setOpening(openingViewport(atMount.flow, atMount.layout, rect));
  }, [atMount]);
  const graph = useMemo(
    () => toGraph(doc.flow, doc.layout, { ...extras, selected: selection }),
    [doc, extras, selection],
  );
  const [nodes, setNodes] = useState<CanvasNode[]>(graph.nodes);
  const [edges, setEdges] = useState<Edge[]>(graph.edges);
  const [live] = useState(() => new LiveNodes());
  // Before the browser paints: the node typed into shows the new text in the same frame as the field.
  useLayoutEffect(() => live.show(doc.flow.nodes), [live, doc.flow.nodes]);
  useEffect(() => {
    setNodes((current) => keepViewState(keepShownContent(graph.nodes, current), current));
    setEdges((current) => keepEdgeState(graph.edges, current));
  }, [graph]);

  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
      // Removals go through `onDelete` as a command; everything else (drag, select, measure) is view state.
      setNodes((current) =>
        applyCanvasChanges(
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
      const at = flowApi.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const size = nodeSize(nodeDefinitions[nodeType].create(nodeType) as FlowNode);
      dispatch({ type: "addNode", nodeType, position: freeSpot(doc, at, size) });
    },
    [dispatch, flowApi, doc],
  );

  const addNextStep = useCallback(
    (nodeType: NodeType) => {
      if (!menu) return;
      const id = freshId(nodeType, new Set(doc.flow.nodes.map((node) => node.id)));
      const size = nodeSize(nodeDefinitions[nodeType].create(id) as FlowNode);
      // Let go at the new node's incoming side, middle height: where a person aims a link.
      const position = freeSpot(doc, { x: menu.at.x, y: menu.at.y - size.height / 2 }, size);
      dispatch({
        type: "batch",
        commands: [
          { type: "addNode", nodeType, position, id },
          { type: "connect", source: menu.source, handle: menu.handle, target: id },
        ],
      });
      onSelection(new Set([id]));
      setMenu(undefined);
    },
    [menu, doc, dispatch, onSelection],
  );

  const noteEditing = useMemo(() => ({ dispatch }), [dispatch]);

  // React Flow copies each of these props into its store when its identity changes, and every store
  // update re-runs its selectors over all edges: made once, a keystroke on a big flow stays cheap.
  const onConnect = useCallback(
    (connection: Connection) =>
      dispatch({
        type: "connect",
        source: connection.source,
        handle: connection.sourceHandle ?? "next",
        target: connection.target,
      }),
    [dispatch],
  );
  const onConnectEnd = useCallback<OnConnectEnd>(
    (event, connection) => {
      if (connection.isValid || !connection.fromNode || !connection.fromHandle?.id) return;
      if (!(event.target instanceof Element) || !event.target.classList.contains("react-flow__pane")) return;
      const point = "changedTouches" in event ? event.changedTouches[0] : event;
      const rect = area.current?.getBoundingClientRect();
      if (!point || !rect) return;
      setMenu({
        source: connection.fromNode.id,
        handle: connection.fromHandle.id,
        screen: { x: point.clientX - rect.left, y: point.clientY - rect.top },
        at: flowApi.screenToFlowPosition({ x: point.clientX, y: point.clientY }),
      });
    },
    [flowApi],
  );
  const closeMenu = useCallback(() => setMenu(undefined), []);

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the area takes the drop of a palette item and Escape bubbling up from the menu and the flow inside it; it is not a control itself.
    <div
      className="canvas"
      ref={area}
      onDrop={onDrop}
      onDragOver={(event) => event.preventDefault()}
      onKeyDown={(event) => event.key === "Escape" && setMenu(undefined)}
    >
      <LiveNodesContext.Provider value={live}>
        <NoteEditing.Provider value={noteEditing}>
          {opening && (
            <ReactFlow<CanvasNode>
              nodes={nodes}
              edges={edges}
              nodeTypes={canvasNodeTypes}
              onNodesChange={onNodesChange}
              onEdgesChange={onEdgesChange}
              onNodeDragStop={onDragStop}
              onDelete={onDelete}
              onConnect={onConnect}
              onConnectEnd={onConnectEnd}
              onPaneClick={closeMenu}
              defaultViewport={opening}
              isValidConnection={isValidConnection}
              deleteKeyCode={DELETE_KEYS}
              multiSelectionKeyCode={MULTI_SELECTION_KEYS}
              selectionOnDrag={false}
              minZoom={0.1}
              onlyRenderVisibleElements
            >
              <Background />
              <MiniMap pannable zoomable nodeColor={minimapColor} />
              <Controls fitViewOptions={FIT_VIEW} />
            </ReactFlow>
          )}
        </NoteEditing.Provider>
      </LiveNodesContext.Provider>
      {menu && (
        <div
          className="next-step-menu"
          role="menu"
          aria-label={t("nextStep")}
          style={{ left: menu.screen.x, top: menu.screen.y }}
        >
          <strong>{t("nextStep")}</strong>
          {nodeTypes
            .filter((type) => type !== "start")
            .map((type) => (
              <button
                key={type}
                type="button"
                role="menuitem"
                style={{ borderLeftColor: nodeDefinitions[type].ui.color }}
                onClick={() => addNextStep(type)}
              >
                {say(nodeDefinitions[type].ui.title)}
              </button>
            ))}
        </div>
      )}
    </div>
  );
}
