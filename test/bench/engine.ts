/**
 * The pure engine's costs, each against a baseline measured in the same run:
 * - a message of the shipped `order-status` flow (jump to identify-customer, two HTTP lookups
 *   answered from its test fixtures, JSONata templates, value rules) against a message of a minimal
 *   start → question → end flow;
 * - the heap held by 1 000 live conversation states against 1 000 empty objects;
 * - one JSONata escalation rule against the same comparison written in JavaScript.
 * Run alone: `npx tsx test/bench/engine.ts`.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { evaluateCompiled } from "../../runtime/engine/expressions.js";
import { compileFlow, engineDeps, type Settled, settle } from "../../runtime/engine/index.js";
import type { CompiledFlow, ConversationState, EngineDeps, EngineInput } from "../../runtime/engine/types.js";
import { findFixture, fixtureResult } from "../../runtime/testing/fixtures.js";
import {
  type ConversationTestFile,
  type FileKind,
  type Flow,
  type HttpFixture,
  readDocument,
} from "../../schema/index.js";
import { compare, median, retainedBytes } from "./measure.js";
import { type BenchReport, runWhenMain } from "./report.js";

const flowsDir = new URL("../../flows/", import.meta.url).pathname;

function load<K extends FileKind>(kind: K, name: string) {
  const path = join(flowsDir, name);
  const { value, problems } = readDocument(kind, readFileSync(path, "utf8"), path);
  if (!value) throw new Error(`${path} does not load: ${problems.map((p) => `${p.pointer} ${p.message}`).join("; ")}`);
  return value;
}

/** The baseline: the least a conversation can do, one question then the end. */
const minimalFlow: Flow = {
  schemaVersion: 1,
  id: "minimal",
  name: "Minimal",
  languages: ["fr"],
  nodes: [
    { id: "start", type: "start", next: "ask-name" },
    { id: "ask-name", type: "question", text: "Votre nom ?", input: { kind: "text" }, saveAs: "name", next: "end" },
    { id: "end", type: "end" },
  ],
};

/** A conversation to replay: what the customer sends, and the fixtures that answer its HTTP lookups. */
interface Script {
  name: string;
  inputs: EngineInput[];
  fixtures: HttpFixture[];
}

function scriptsOf(file: ConversationTestFile): Script[] {
  return file.tests.map((test) => ({
    name: test.name,
    inputs: [
      { type: "start", variables: test.variables, language: test.language },
      ...test.steps.flatMap((step): EngineInput[] =>
        step.kind === "user"
          ? [{ type: "text", text: step.text }]
          : step.kind === "choose"
            ? [{ type: "choice", choiceId: step.choice }]
            : [],
      ),
    ],
    fixtures: [...(test.http ?? []), ...(file.http ?? [])],
  }));
}

const messagesIn = (scripts: readonly Script[]) => scripts.reduce((sum, script) => sum + script.inputs.length, 0);

/** Deps as the conversation-test runner builds them: fixed clock, counter ids, the default NLU. */
function depsFor(flows: ReadonlyMap<string, CompiledFlow>, secrets: Record<string, string>): EngineDeps {
  const now = new Date("2026-11-20T09:00:00Z");
  let ids = 0;
  return engineDeps({ flows, secrets, now: () => now, newId: () => `effect-${++ids}` });
}

/** Plays a script through the engine, HTTP answered from fixtures; an engine error or a missing fixture breaks the bench. */
async function play(root: CompiledFlow, script: Script, deps: EngineDeps): Promise<Settled> {
  let state: ConversationState | undefined;
  let last: Settled | undefined;
  for (const input of script.inputs) {
    last = await settle(root, state, input, deps, async (effect) => {
      const fixture = findFixture(script.fixtures, effect.request);
      if (!fixture)
        throw new Error(`${script.name}: no fixture answers ${effect.request.method} ${effect.request.url}`);
      return fixtureResult(fixture);
    });
    const [error] = last.errors;
    if (error) throw new Error(`${script.name}: engine error ${error.code} at ${error.nodeId}: ${error.message}`);
    state = last.state;
  }
  if (!last) throw new Error(`${script.name}: empty script`);
  return last;
}

async function perMessage(flows: ReadonlyMap<string, CompiledFlow>, deps: EngineDeps) {
  const orderStatus = flows.get("order-status") as CompiledFlow;
  const scripts = scriptsOf(load("test", "order-status.test.json"));
  const happy = await play(orderStatus, scripts[0] as Script, deps);
  if (happy.status.type !== "end") throw new Error(`"${scripts[0]?.name}" should end; it is at ${happy.status.type}`);

  const minimal = compileFlow(minimalFlow);
  const minimalScript: Script = {
    name: "minimal",
    inputs: [{ type: "start" }, { type: "text", text: "Camille" }],
    fixtures: [],
  };
  const comparison = await compare(
    { ops: messagesIn([minimalScript]), run: () => play(minimal, minimalScript, deps) },
    {
      ops: messagesIn(scripts),
      run: async () => {
        for (const script of scripts) await play(orderStatus, script, deps);
      },
    },
    { rounds: 15, roundMs: 25 },
  );
  return { comparison, tests: scripts.length, messages: messagesIn(scripts) };
}

/** Order-status conversations waiting at `anything-else`, with the customer and the order found. */
async function liveStates(flows: ReadonlyMap<string, CompiledFlow>, deps: EngineDeps, count: number) {
  const orderStatus = flows.get("order-status") as CompiledFlow;
  const file = load("test", "order-status.test.json");
  const serialized: string[] = [];
  for (let i = 0; i < count; i++) {
    const script: Script = {
      name: `live ${i}`,
      inputs: [
        { type: "start" },
        { type: "choice", choiceId: "email" },
        { type: "text", text: "camille.martin@example.fr" },
        { type: "text", text: "CMD-100001" },
      ],
      fixtures: file.http ?? [],
    };
    const last = await play(orderStatus, script, deps);
    if (last.status.type !== "wait" || last.status.nodeId !== "anything-else") {
      throw new Error(`live state ${i} should wait at anything-else; it is at ${JSON.stringify(last.status)}`);
    }
    serialized.push(JSON.stringify(last.state));
  }
  return serialized;
}

/** Heap per 1 000 states as the runtime holds them (parsed from their stored JSON) against 1 000 `{}`. */
function heapPerThousand(serialized: readonly string[]) {
  const rounds = 5;
  const states: number[] = [];
  const empties: number[] = [];
  for (let round = 0; round < rounds; round++) {
    empties.push(retainedBytes(() => serialized.map(() => ({}))));
    states.push(retainedBytes(() => serialized.map((text) => JSON.parse(text) as ConversationState)));
  }
  const scale = 1000 / serialized.length;
  const jsonBytes = serialized.reduce((sum, text) => sum + Buffer.byteLength(text), 0) * scale;
  return { states: median(states) * scale, empties: median(empties) * scale, jsonBytes };
}

async function expressionCost(flows: ReadonlyMap<string, CompiledFlow>, now: Date) {
  const source = "order.total >= 500";
  const compiled = (flows.get("order-status") as CompiledFlow).expressions.expression(source);
  if (!compiled.ok) throw new Error(`\`${source}\` does not compile: ${compiled.message}`);
  const inputs = [{ order: { total: 740 } }, { order: { total: 89.9 } }];
  const plain = (variables: { order: { total: number } }) => variables.order.total >= 500;
  let holding = 0;
  const evaluations = 100;
  const comparisons = 100_000;
  const comparison = await compare(
    {
      ops: comparisons,
      run: () => {
        for (let i = 0; i < comparisons; i++) if (plain(inputs[i & 1] as { order: { total: number } })) holding++;
      },
    },
    {
      ops: evaluations,
      run: async () => {
        for (let i = 0; i < evaluations; i++)
          if (await evaluateCompiled(compiled.expression, inputs[i & 1], now)) holding++;
      },
    },
    { rounds: 15, roundMs: 20 },
  );
  // Both loops must have run for real: half of the inputs hold.
  if (holding === 0) throw new Error("the expression loops did not run");
  return { comparison, source };
}

export async function engineBench(): Promise<BenchReport> {
  const flows = new Map(
    readdirSync(flowsDir)
      .filter((name) => name.endsWith(".flow.json"))
      .map((name) => {
        const flow = load("flow", name);
        return [flow.id, compileFlow(flow)] as const;
      }),
  );
  const secrets = load("test", "order-status.test.json").secrets ?? {};
  const deps = depsFor(flows, secrets);

  const messages = await perMessage(flows, deps);
  const heap = heapPerThousand(await liveStates(flows, deps, 1000));
  const expression = await expressionCost(flows, deps.now());
  const µs = (ms: number) => `${(ms * 1000).toFixed(ms < 0.001 ? 4 : 1)} µs`;
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  return {
    bench: "engine",
    figures: [
      ["minimal flow, per message", µs(messages.comparison.baselineMs)],
      [
        `order-status, per message (its ${messages.tests} tests, ${messages.messages} messages, HTTP from fixtures)`,
        µs(messages.comparison.subjectMs),
      ],
      ["1 000 empty objects, heap", kb(heap.empties)],
      ["1 000 order-status states at anything-else, heap", kb(heap.states)],
      ["1 000 order-status states, JSON", kb(heap.jsonBytes)],
      ["plain JS comparison", µs(expression.comparison.baselineMs)],
      [`JSONata \`${expression.source}\` via evaluateCompiled`, µs(expression.comparison.subjectMs)],
    ],
    checks: [
      // A real message runs a dozen nodes, two lookups and JSONata templates where the minimal one runs one question.
      {
        label: "order-status message / minimal-flow message",
        ratio: messages.comparison.ratio,
        target: 30,
        direction: "atMost",
      },
      // A state holds the customer, the order and visit counts: a few KB, i.e. under ~100 empty objects.
      {
        label: "heap of a live state / heap of {}",
        ratio: heap.states / heap.empties,
        target: 100,
        direction: "atMost",
      },
      // Parsed state should cost about what its JSON says; far more means something retains hidden data.
      {
        label: "heap of a live state / its JSON bytes",
        ratio: heap.states / heap.jsonBytes,
        target: 4,
        direction: "atMost",
      },
      // JSONata is an interpreter, async on every call, and value rules run at every step. Budget: ~40 µs a
      // rule against ~2 ns in JS, so that two rules stay well under the cost of a real message.
      {
        label: "JSONata rule / plain JS comparison",
        ratio: expression.comparison.ratio,
        target: 20_000,
        direction: "atMost",
      },
    ],
  };
}

await runWhenMain(import.meta.url, engineBench);
