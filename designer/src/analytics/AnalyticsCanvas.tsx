import {
  applyNodeChanges,
  Background,
  Controls,
  type Edge,
  MarkerType,
  MiniMap,
  type NodeChange,
  type NodeProps,
  ReactFlow,
} from "@xyflow/react";
import { type ComponentType, createContext, memo, useContext, useEffect, useMemo, useState } from "react";
import type { AnalyticsFigures, NodeFigures } from "../../../schema/api/index.js";
import { canvasNodeTypes } from "../canvas/node-views.js";
import { FIT_VIEW } from "../canvas/viewport.js";
import { language, useLanguage } from "../i18n.js";
import type { FlowDocument } from "../model/document.js";
import { type CanvasNode, type FlowCanvasNode, toGraph } from "../model/graph.js";
import { edgeWidth, inkOn, number, percent, reachColour, share } from "./format.js";
import { w } from "./words.js";

interface Reach {
  nodes: ReadonlyMap<string, NodeFigures>;
  started: number;
}

const ReachContext = createContext<Reach>({ nodes: new Map(), started: 0 });

/** A node of the canvas drawn as in the editor, tinted by the conversations that reached it, with its figures. */
function withReach(Base: ComponentType<NodeProps<FlowCanvasNode>>) {
  return memo(function ReachNode(props: NodeProps<FlowCanvasNode>) {
    useLanguage();
    const { nodes, started } = useContext(ReachContext);
    const [hover, setHover] = useState(false);
    const figures = nodes.get(props.id);
    const reached = figures?.reached ?? 0;
    const part = share(reached, started);
    return (
      // biome-ignore lint/a11y/noStaticElementInteractions: hovering only previews the figures that selecting the node (by keyboard too) shows.
      <div
        className="reach"
        data-reached={reached}
        style={{ "--reach-bg": reachColour(part), "--reach-ink": inkOn(part) } as React.CSSProperties}
        onMouseEnter={() => setHover(true)}
        onMouseLeave={() => setHover(false)}
      >
        <Base {...props} />
        <div className="reach-badge">{w("reached", { count: reached })}</div>
        {(figures?.dropOff ?? 0) > 0 && (
          <div className="drop-off-badge">⤓ {w("dropOff", { count: figures?.dropOff ?? 0 })}</div>
        )}
        {(hover || props.selected) && (
          <div className="reach-card" role="tooltip">
            <strong>{w("reached", { count: reached })}</strong>
            <span>{w("reachedShare", { share: percent(part, language) })}</span>
            <span>{w("dropOff", { count: figures?.dropOff ?? 0 })}</span>
            {(figures?.answers ?? 0) > 0 && (
              <span>
                {w("answersHere", {
                  answers: number(figures?.answers ?? 0, language),
                  share: percent(share(figures?.notUnderstood ?? 0, figures?.answers ?? 0), language),
                })}
              </span>
            )}
          </div>
        )}
      </div>
    );
  });
}

/** Flow node types wrapped once at module scope, so React Flow never remounts them. */
const { note, ...flowNodeTypes } = canvasNodeTypes;
const reachNodeTypes = {
  ...Object.fromEntries(
    Object.entries(flowNodeTypes).map(([type, view]) => [
      type,
      withReach(view as ComponentType<NodeProps<FlowCanvasNode>>),
    ]),
  ),
  note,
};

/**
 * A published version read-only on the canvas, each node coloured by the share of conversations
 * that reached it and each transition drawn as thick as the conversations that took it.
 */
export function AnalyticsCanvas({ doc, figures }: { doc: FlowDocument; figures: AnalyticsFigures }) {
  useLanguage();
  const graph = useMemo(() => toGraph(doc.flow, doc.layout), [doc]);
  const [nodes, setNodes] = useState<CanvasNode[]>(graph.nodes);
  useEffect(() => setNodes(graph.nodes), [graph]);
  const started = figures.conversations.started;
  const reach = useMemo<Reach>(
    () => ({ nodes: new Map(figures.nodes.map((node) => [node.nodeId, node])), started }),
    [figures, started],
  );
  const edges = useMemo<Edge[]>(() => {
    const taken = new Map(figures.transitions.map((transition) => [transition.id, transition.count]));
    return graph.edges.map((edge) => {
      const count = taken.get(edge.id) ?? 0;
      const part = share(count, started);
      return {
        ...edge,
        label: number(count, language),
        className: count === 0 ? "untaken" : "taken",
        style: { strokeWidth: edgeWidth(part), stroke: count === 0 ? "#9ca3af" : "#1d4ed8" },
        markerEnd: { type: MarkerType.ArrowClosed, color: count === 0 ? "#9ca3af" : "#1d4ed8" },
        labelBgPadding: [4, 2] as [number, number],
        labelBgBorderRadius: 4,
        data: { count },
      };
    });
  }, [graph, figures, started]);

  return (
    <ReachContext.Provider value={reach}>
      <div className="canvas read-only analytics-canvas">
        <ReactFlow<CanvasNode>
          nodes={nodes}
          edges={edges}
          nodeTypes={reachNodeTypes}
          onNodesChange={(changes: NodeChange<CanvasNode>[]) =>
            setNodes((current) => applyNodeChanges(changes, current))
          }
          nodesDraggable={false}
          nodesConnectable={false}
          edgesReconnectable={false}
          deleteKeyCode={null}
          minZoom={0.1}
          fitView
          fitViewOptions={FIT_VIEW}
        >
          <Background />
          <MiniMap
            pannable
            zoomable
            nodeColor={(node) => reachColour(share(reach.nodes.get(node.id)?.reached ?? 0, started))}
          />
          <Controls showInteractive={false} fitViewOptions={FIT_VIEW} />
        </ReactFlow>
        <div className="reach-legend">
          <span>{w("legend")}</span>
          <span className="reach-scale">
            <span>{percent(0, language)}</span>
            <span className="reach-gradient" />
            <span>{percent(1, language)}</span>
          </span>
          <span className="drop-off-key">⤓ {w("legendDropOff")}</span>
        </div>
      </div>
    </ReachContext.Provider>
  );
}
