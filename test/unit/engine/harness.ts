import { expect } from "vitest";
import {
  advance,
  type CompiledFlow,
  type ConversationState,
  compileFlow,
  type EngineDeps,
  type EngineInput,
  engineDeps,
  type StepResult,
} from "../../../runtime/engine/index.js";
import { type Flow, validateFlow } from "../../../schema/index.js";

type FlowNodeInput = Flow["nodes"][number];

/** A flow built inline for a test, checked against the real schema so that tests only use valid flows. */
export function makeFlow(nodes: FlowNodeInput[], extra: Partial<Omit<Flow, "nodes">> = {}): Flow {
  const flow: Flow = { schemaVersion: 1, id: "test-flow", name: "Test", languages: ["fr", "en"], ...extra, nodes };
  const validated = validateFlow(flow, `${flow.id}.flow.json`);
  expect(validated.problems).toEqual([]);
  return flow;
}

export const NOW = new Date("2026-03-14T09:30:00.000Z");

/** Real default dependencies, with a fixed clock and counted ids so that results can be compared. */
export function makeDeps(overrides: Partial<EngineDeps> = {}, flows: CompiledFlow[] = []): EngineDeps {
  let next = 0;
  const byId = new Map(flows.map((compiled) => [compiled.flow.id, compiled]));
  return {
    ...engineDeps({ flows: byId, secrets: {}, now: () => NOW, newId: () => `effect-${++next}` }),
    ...overrides,
  };
}

/** Drives a conversation input by input, keeping the state between calls like the runtime does. */
export class Conversation {
  state: ConversationState | undefined;
  last!: StepResult;
  readonly compiled: CompiledFlow;

  constructor(
    flow: Flow | CompiledFlow,
    readonly deps: EngineDeps = makeDeps(),
  ) {
    this.compiled = "expressions" in flow ? flow : compileFlow(flow);
  }

  async send(input: EngineInput): Promise<StepResult> {
    const before = this.state === undefined ? undefined : structuredClone(this.state);
    this.last = await advance(this.compiled, this.state, input, this.deps);
    // The engine is pure: the state it was given is never changed.
    if (before !== undefined) expect(this.state).toEqual(before);
    this.state = this.last.state;
    return this.last;
  }

  start(variables?: Record<string, unknown>, language?: string) {
    return this.send({ type: "start", ...(variables ? { variables } : {}), ...(language ? { language } : {}) });
  }

  say(text: string) {
    return this.send({ type: "text", text });
  }

  tap(choiceId: string) {
    return this.send({ type: "choice", choiceId });
  }

  get texts(): string[] {
    return this.last.outputs.map((output) => output.text);
  }

  get variables(): Record<string, unknown> {
    return this.state?.variables ?? {};
  }
}
