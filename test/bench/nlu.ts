/**
 * What understanding customers costs, on the shipped triage flow, each against a baseline of the same run:
 * - classification latency per message, p50 and p99, of the trained nlp.js model (as the runtime calls
 *   it, content hash included) against the word-overlap classifier, on the phrases of
 *   `flows/triage.eval.csv`, the two timed one after the other on each phrase;
 * - training the flow's models (both languages, as at publish) against compiling the flow.
 * Run alone: `npx tsx test/bench/nlu.ts`; `BENCH_SMOKE=1` runs it short, to check it works.
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { overlapClassifier } from "../../runtime/engine/classifier.js";
import { compileFlow } from "../../runtime/engine/index.js";
import { intentCandidates } from "../../runtime/engine/intent-candidates.js";
import { IntentModels, memoryModelStore } from "../../runtime/nlu/intent-models.js";
import { parseLabelledCsv } from "../../runtime/nlu/labelled-csv.js";
import { type Flow, readDocument } from "../../schema/index.js";
import { median } from "./measure.js";
import { type BenchReport, type Result, runWhenMain } from "./report.js";

const smoke = process.env.BENCH_SMOKE === "1";
/** Passes over every phrase: each gives one latency per phrase and classifier. */
const PASSES = smoke ? 1 : 20;
/** Trainings of the whole flow, each in a fresh store; the median is kept. */
const TRAININGS = smoke ? 1 : 3;

const flowsDir = new URL("../../flows/", import.meta.url).pathname;

function triageFlow(): Flow {
  const path = `${flowsDir}triage.flow.json`;
  const { value, problems } = readDocument("flow", readFileSync(path, "utf8"), path);
  if (!value) throw new Error(`${path} does not load: ${problems.map((p) => `${p.pointer} ${p.message}`).join("; ")}`);
  return value;
}

/** The value at or below which `share` of the sorted values lie (nearest rank). */
function percentile(values: readonly number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))] as number;
}

async function latencies(flow: Flow) {
  const node = flow.nodes.find((candidate) => candidate.type === "intent");
  if (node?.type !== "intent") throw new Error("the triage flow has no intent node");
  const models = new IntentModels(memoryModelStore(), { whenMissing: () => {} });
  await models.prepare(flow);
  const phrases = parseLabelledCsv(readFileSync(`${flowsDir}triage.eval.csv`, "utf8"), "triage.eval.csv");
  const candidates = new Map(flow.languages.map((language) => [language, intentCandidates(node, language)]));
  const overlap: number[] = [];
  const nlpjs: number[] = [];
  let agreed = 0;
  for (let pass = 0; pass <= PASSES; pass++) {
    for (const phrase of phrases) {
      const intents = candidates.get(phrase.lang) ?? [];
      let started = performance.now();
      const plain = overlapClassifier(phrase.text, intents, phrase.lang);
      const overlapMs = performance.now() - started;
      started = performance.now();
      const trained = await models.classify(phrase.text, intents, phrase.lang);
      const nlpjsMs = performance.now() - started;
      // The first pass warms both up (JIT, nlp.js's caches, the content hashes) and is not counted.
      if (pass === 0) continue;
      overlap.push(overlapMs);
      nlpjs.push(nlpjsMs);
      if (plain[0]?.intent === trained[0]?.intent) agreed++;
    }
  }
  if (models.trainedCount !== flow.languages.length) throw new Error("the models were not trained ahead");
  return { overlap, nlpjs, phrases: phrases.length, agreed: agreed / nlpjs.length };
}

async function training(flow: Flow) {
  const trainings: number[] = [];
  for (let round = 0; round < TRAININGS; round++) {
    const started = performance.now();
    const report = await new IntentModels(memoryModelStore()).prepare(flow);
    trainings.push(performance.now() - started);
    if (report.trained !== flow.languages.length)
      throw new Error(`trained ${report.trained} models, not one a language`);
  }
  // Compiling is far quicker: repeated until it lasts long enough to time, per compile.
  const compiles: number[] = [];
  for (let round = 0; round < 5; round++) {
    let count = 0;
    const started = performance.now();
    do {
      compileFlow(flow);
      count++;
    } while (performance.now() - started < 50);
    compiles.push((performance.now() - started) / count);
  }
  return { trainingMs: median(trainings), compileMs: median(compiles) };
}

export async function nluBench(): Promise<BenchReport> {
  const flow = triageFlow();
  const latency = await latencies(flow);
  const train = await training(flow);
  const p = (values: number[], share: number) => percentile(values, share);
  const overlap = { p50: p(latency.overlap, 0.5), p99: p(latency.overlap, 0.99) };
  const nlpjs = { p50: p(latency.nlpjs, 0.5), p99: p(latency.nlpjs, 0.99) };
  const ms = (value: number) => `${value.toFixed(value < 1 ? 3 : 1)} ms`;
  const results: Result[] = [
    {
      name: "nlp.js classification p50, triage",
      value: nlpjs.p50,
      unit: "ms",
      baseline: "word-overlap classifier p50, same phrases",
      baselineValue: overlap.p50,
      ratio: nlpjs.p50 / overlap.p50,
    },
    {
      name: "nlp.js classification p99, triage",
      value: nlpjs.p99,
      unit: "ms",
      baseline: "word-overlap classifier p99, same phrases",
      baselineValue: overlap.p99,
      ratio: nlpjs.p99 / overlap.p99,
    },
    {
      name: "intent training, triage flow (fr + en)",
      value: train.trainingMs,
      unit: "ms",
      baseline: "compiling the triage flow",
      baselineValue: train.compileMs,
      ratio: train.trainingMs / train.compileMs,
    },
  ];
  return {
    bench: "nlu",
    figures: [
      [`phrases of triage.eval.csv × ${PASSES} passes`, String(latency.nlpjs.length)],
      ["word overlap, p50 / p99 per message", `${ms(overlap.p50)} / ${ms(overlap.p99)}`],
      ["nlp.js (trained), p50 / p99 per message", `${ms(nlpjs.p50)} / ${ms(nlpjs.p99)}`],
      ["same best intent from both", `${(latency.agreed * 100).toFixed(0)} %`],
      [`training the triage flow, ${flow.languages.join(" + ")}`, ms(train.trainingMs)],
      ["compiling the triage flow", ms(train.compileMs)],
    ],
    checks: [
      // Measured at about half the overlap classifier's cost (which compares every word with every example's,
      // where nlp.js looks its stems up in a small network): the bound says a trained model must not make
      // a message noticeably dearer than the classifier without a model.
      { label: "nlp.js p50 / word-overlap p50", ratio: nlpjs.p50 / overlap.p50, target: 3, direction: "atMost" },
      { label: "nlp.js p99 / word-overlap p99", ratio: nlpjs.p99 / overlap.p99, target: 5, direction: "atMost" },
      // Training runs at publish and at start, never while a message waits; measured at ~70–140 compiles
      // (a tenth of a second or two), the bound leaves room for flows with several times triage's examples.
      {
        label: "training the flow / compiling it",
        ratio: train.trainingMs / train.compileMs,
        target: 1000,
        direction: "atMost",
      },
    ],
    results,
  };
}

await runWhenMain(import.meta.url, nluBench);
