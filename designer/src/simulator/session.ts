import type {
  BotMessage,
  CompiledFlow,
  ConversationState,
  EngineDeps,
  EngineInput,
  EngineStatus,
  HttpRequest,
  HttpResult,
  StepResult,
} from "../../../runtime/engine/types.js";
import type { ConversationTestFile, HttpFixture, TestStep } from "../../../schema/index.js";

export type Advance = (
  compiled: CompiledFlow,
  state: ConversationState | undefined,
  input: EngineInput,
  deps: EngineDeps,
) => Promise<StepResult>;

export interface Turn {
  state: ConversationState;
  outputs: BotMessage[];
  status: EngineStatus;
  /** Each HTTP call of the turn and where its answer came from. */
  calls: { request: HttpRequest; result: HttpResult; from: "fixture" | "network" }[];
}

const EFFECT_LIMIT = 20;

/** Runs the engine until it waits, hands off or ends, answering its HTTP effects as it goes. */
export async function runTurn(
  advance: Advance,
  compiled: CompiledFlow,
  state: ConversationState | undefined,
  input: EngineInput,
  deps: EngineDeps,
  resolve: (request: HttpRequest) => Promise<{ result: HttpResult; from: "fixture" | "network" }>,
): Promise<Turn> {
  let result = await advance(compiled, state, input, deps);
  const outputs = [...result.outputs];
  const calls: Turn["calls"] = [];
  for (let i = 0; result.status.type === "effect" && i < EFFECT_LIMIT; i++) {
    const effect = result.status.effect;
    const answer = await resolve(effect.request);
    calls.push({ request: effect.request, ...answer });
    result = await advance(
      compiled,
      result.state,
      { type: "effectResult", effectId: effect.id, result: answer.result },
      deps,
    );
    outputs.push(...result.outputs);
  }
  return { state: result.state, outputs, status: result.status, calls };
}

const globToRegExp = (glob: string) =>
  new RegExp(
    `^${glob
      .split("*")
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
  );

/** The first fixture that answers this request, from the test file's shared fixtures and each test's own. */
export function fixtureFor(tests: ConversationTestFile | null, request: HttpRequest): HttpResult | undefined {
  const fixtures: HttpFixture[] = [...(tests?.http ?? []), ...(tests?.tests ?? []).flatMap((test) => test.http ?? [])];
  const fixture = fixtures.find(
    (candidate) =>
      (candidate.method ?? "GET").toUpperCase() === request.method && globToRegExp(candidate.url).test(request.url),
  );
  if (!fixture) return undefined;
  if (fixture.error) return { ok: false, error: fixture.error, message: `fixture: ${fixture.error}` };
  return { ok: true, status: fixture.status ?? 200, headers: fixture.headers ?? {}, body: fixture.body ?? null };
}

/** The steps a conversation test needs to replay what happened in one turn. */
export function stepsOf(input: EngineInput, turn: Pick<Turn, "outputs" | "status">): TestStep[] {
  const steps: TestStep[] = [];
  if (input.type === "text") steps.push({ kind: "user", text: input.text });
  if (input.type === "choice") steps.push({ kind: "choose", choice: input.choiceId });
  for (const output of turn.outputs) if (output.text) steps.push({ kind: "bot", text: output.text });
  if (turn.status.type === "handoff") {
    const { queue, reason } = turn.status.handoff;
    steps.push({ kind: "handoff", queue, rule: reason.ruleId });
  }
  if (turn.status.type === "end") steps.push({ kind: "end" });
  return steps;
}

/** The flow's test file with one more test appended (a new file when it had none). */
export function withTest(
  flowId: string,
  tests: ConversationTestFile | null,
  name: string,
  steps: TestStep[],
  variables?: Record<string, unknown>,
): ConversationTestFile {
  const test = { name, ...(variables && Object.keys(variables).length ? { variables } : {}), steps };
  return tests ? { ...tests, tests: [...tests.tests, test] } : { flow: flowId, tests: [test] };
}
