import { Background, Controls, MiniMap, type NodeChange, ReactFlow } from "@xyflow/react";
import { useState } from "react";
import { canvasNodeTypes } from "../canvas/node-views.js";
import { FIT_VIEW } from "../canvas/viewport.js";
import type { FlowDocument } from "../model/document.js";
import { applyCanvasChanges, type CanvasNode, toGraph } from "../model/graph.js";

/**
 * A published version drawn like the draft, with every edit turned off: nothing can be moved,
 * connected or deleted, only looked at (pan, zoom, select to read a node).
 */
export function VersionCanvas({ doc, onSelection }: { doc: FlowDocument; onSelection: (ids: Set<string>) => void }) {
  const [graph] = useState(() => toGraph(doc.flow, doc.layout));
  const [nodes, setNodes] = useState<CanvasNode[]>(graph.nodes);

  return (
    <div className="canvas read-only">
      <ReactFlow<CanvasNode>
        nodes={nodes}
        edges={graph.edges}
        nodeTypes={canvasNodeTypes}
        // Measurements and selection only: positions never change here.
        onNodesChange={(changes: NodeChange<CanvasNode>[]) =>
          setNodes((current) => applyCanvasChanges(changes, current))
        }
        onSelectionChange={({ nodes: picked }) => onSelection(new Set(picked.map((node) => node.id)))}
        nodesDraggable={false}
        nodesConnectable={false}
        edgesReconnectable={false}
        deleteKeyCode={null}
        minZoom={0.1}
        fitView
        fitViewOptions={FIT_VIEW}
      >
        <Background />
        <MiniMap pannable zoomable />
        <Controls showInteractive={false} fitViewOptions={FIT_VIEW} />
      </ReactFlow>
    </div>
  );
}
