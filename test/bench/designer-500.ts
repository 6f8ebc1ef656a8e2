/**
 * How the designer's graph mapping and auto-layout scale: a generated 500-node flow against a 50-node
 * baseline measured in the same run, reported as a ratio so the number means the same on any machine.
 * Run: `npx tsx test/bench/designer-500.ts`.
 */
import { performance } from "node:perf_hooks";
import { autoLayout } from "../../designer/src/model/auto-layout.js";
import { emptyLayout } from "../../designer/src/model/document.js";
import { toGraph } from "../../designer/src/model/graph.js";
import type { Flow, FlowNode } from "../../schema/index.js";

/** A flow of `size` nodes shaped like real ones: questions with choices that branch and rejoin, HTTP lookups, handoffs. */
export function generatedFlow(size: number): Flow {
  const nodes: FlowNode[] = [{ id: "start", type: "start", next: "n-1" }];
  for (let i = 1; i < size; i++) {
    const id = `n-${i}`;
    const next = i + 1 < size ? `n-${i + 1}` : undefined;
    const skip = i + 3 < size ? `n-${i + 3}` : next;
    if (i % 5 === 0) nodes.push({ id, type: "handoff", queue: "support" });
    else if (i % 3 === 0)
      nodes.push({ id, type: "http", method: "GET", url: `https://crm.example/${i}`, next, onError: skip });
    else
      nodes.push({
        id,
        type: "question",
        text: { fr: `Question ${i} ?`, en: `Question ${i}?` },
        input: {
          kind: "choice",
          choices: [
            { id: "a", label: "A", next },
            { id: "b", label: "B", next: skip },
          ],
        },
        saveAs: `answer${i}`,
        next,
      });
  }
  return { schemaVersion: 1, id: `bench-${size}`, name: `Bench ${size}`, languages: ["fr", "en"], nodes };
}

async function measure(size: number, rounds: number): Promise<{ mapping: number; layout: number }> {
  const flow = generatedFlow(size);
  let mapping = 0;
  let layoutTime = 0;
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    const layout = await autoLayout(flow, emptyLayout(flow.id));
    const laidOut = performance.now();
    toGraph(flow, layout);
    mapping += performance.now() - laidOut;
    layoutTime += laidOut - started;
  }
  return { mapping: mapping / rounds, layout: layoutTime / rounds };
}

await measure(50, 2); // warm-up: JIT and elk's first run
const base = await measure(50, 5);
const big = await measure(500, 3);
const ratio = (a: number, b: number) => (a / b).toFixed(1);
console.log(
  JSON.stringify(
    {
      "baseline 50 nodes (ms)": { mapping: base.mapping.toFixed(2), layout: base.layout.toFixed(1) },
      "500 nodes (ms)": { mapping: big.mapping.toFixed(2), layout: big.layout.toFixed(1) },
      "ratio 500/50 (10x the nodes)": {
        mapping: ratio(big.mapping, base.mapping),
        layout: ratio(big.layout, base.layout),
      },
    },
    null,
    2,
  ),
);
