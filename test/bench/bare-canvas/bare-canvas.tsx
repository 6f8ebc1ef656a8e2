/**
 * The baseline of the designer-canvas bench: React Flow alone, with its default nodes and nothing of
 * the designer, drawing the same flow from the same API at the same opening viewport. The designer
 * should open a flow in not much more time than this.
 */
import "@xyflow/react/dist/style.css";
import { applyNodeChanges, type Edge, type Node, type NodeChange, ReactFlow } from "@xyflow/react";
import { useCallback, useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import { openingViewport } from "../../../designer/src/canvas/viewport.js";
import { definitionOf, type Flow, type Layout } from "../../../schema/index.js";

interface Loaded {
  nodes: Node[];
  edges: Edge[];
  viewport: ReturnType<typeof openingViewport>;
}

async function load(id: string): Promise<Loaded> {
  const { flow, layout } = (await (await fetch(`/api/flows/${id}`)).json()) as { flow: Flow; layout: Layout };
  const nodes = flow.nodes.map((node) => ({
    id: node.id,
    position: layout.nodes[node.id] ?? { x: 0, y: 0 },
    data: { label: node.id },
  }));
  const edges = flow.nodes.flatMap((node) =>
    definitionOf(node)
      .transitions(node)
      .flatMap((transition) =>
        transition.target
          ? [{ id: `${node.id}>${transition.handle}`, source: node.id, target: transition.target }]
          : [],
      ),
  );
  return { nodes, edges, viewport: openingViewport(flow, layout, { width: innerWidth, height: innerHeight }) };
}

function Bare() {
  const [loaded, setLoaded] = useState<Loaded>();
  const [nodes, setNodes] = useState<Node[]>([]);
  useEffect(() => {
    const show = () => {
      const id = location.hash.slice(2);
      setLoaded(undefined);
      if (id)
        load(id).then((next) => {
          setLoaded(next);
          setNodes(next.nodes);
        });
    };
    show();
    addEventListener("hashchange", show);
    return () => removeEventListener("hashchange", show);
  }, []);
  const onNodesChange = useCallback((changes: NodeChange[]) => setNodes((old) => applyNodeChanges(changes, old)), []);
  if (!loaded) return null;
  return (
    <ReactFlow
      nodes={nodes}
      edges={loaded.edges}
      onNodesChange={onNodesChange}
      defaultViewport={loaded.viewport}
      onlyRenderVisibleElements
    />
  );
}

createRoot(document.getElementById("root") as HTMLElement).render(<Bare />);
