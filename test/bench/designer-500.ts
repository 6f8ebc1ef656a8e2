/**
 * How the designer's graph mapping and auto-layout scale: a generated 500-node flow against a 50-node
 * baseline measured in the same run, reported as a ratio so the number means the same on any machine.
 * Run: `npx tsx test/bench/designer-500.ts`.
 */
import { autoLayout } from "../../designer/src/model/auto-layout.js";
import { emptyLayout } from "../../designer/src/model/document.js";
import { toGraph } from "../../designer/src/model/graph.js";
import type { Flow, FlowNode, Layout } from "../../schema/index.js";
import { compare } from "./measure.js";
import { type BenchReport, runWhenMain } from "./report.js";

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

/** Both steps of opening a flow with no layout yet, for a 50-node baseline and a 500-node flow. */
export async function designerBench(): Promise<BenchReport> {
  const small = generatedFlow(50);
  const big = generatedFlow(500);
  const laidOut = new Map<Flow, Layout>();
  const layOut = (flow: Flow) => async () => {
    laidOut.set(flow, await autoLayout(flow, emptyLayout(flow.id)));
  };
  // elk is slow on its first runs (JIT of its compiled Java): a few small layouts before any timing.
  for (let i = 0; i < 3; i++) await layOut(small)();
  const layout = await compare({ ops: 1, run: layOut(small) }, { ops: 1, run: layOut(big) }, { rounds: 3, roundMs: 0 });
  const mapOnce = (flow: Flow) => () => toGraph(flow, laidOut.get(flow) as Layout);
  const mapping = await compare(
    { ops: 1, run: mapOnce(small) },
    { ops: 1, run: mapOnce(big) },
    { rounds: 9, roundMs: 15 },
  );
  const ms = (value: number) => `${value.toFixed(value < 1 ? 3 : 1)} ms`;
  return {
    bench: "designer-500",
    figures: [
      ["graph mapping, 50 nodes", ms(mapping.baselineMs)],
      ["graph mapping, 500 nodes", ms(mapping.subjectMs)],
      ["elk auto-layout, 50 nodes", ms(layout.baselineMs)],
      ["elk auto-layout, 500 nodes", ms(layout.subjectMs)],
    ],
    checks: [
      // Mapping is one pass over nodes and their transitions: 10× the nodes should cost about 10×.
      { label: "graph mapping 500 / 50 nodes", ratio: mapping.ratio, target: 15, direction: "atMost" },
      // Layered layout minimises crossings layer by layer, a little worse than linear is expected.
      { label: "auto-layout 500 / 50 nodes", ratio: layout.ratio, target: 25, direction: "atMost" },
    ],
  };
}

await runWhenMain(import.meta.url, designerBench);
