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
import type { ConversationTest, ConversationTestFile, HttpFixture, TestStep } from "../../../schema/index.js";

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

/**
 * The answers the network gave during a session, as fixtures: a saved test then replays the same
 * conversation without calling anything. Failures other than a timeout are kept as network errors.
 */
export function fixturesOf(calls: Turn["calls"]): HttpFixture[] {
  return calls
    .filter((call) => call.from === "network")
    .map(({ request, result }) => ({
      ...(request.method === "GET" ? {} : { method: request.method }),
      url: request.url,
      ...(result.ok
        ? { ...(result.status === 200 ? {} : { status: result.status }), body: result.body }
        : { error: result.error === "timeout" ? ("timeout" as const) : ("network" as const) }),
    }));
}

/**
 * Stand-ins for the flow's secrets, the ones `relais test` gives them (runtime/testing/conversation.ts),
 * so the URLs the simulator calls are those the test file's fixtures answer.
 */
export function secretStandIns(
  secretNames: readonly string[],
  tests: ConversationTestFile | null,
): Record<string, string> {
  return Object.fromEntries(
    secretNames.map((name) => [name, tests?.secrets?.[name] ?? `test-${name.toLowerCase().replace(/_/g, "-")}`]),
  );
}

/** The flow's test file with one more test appended (a new file when it had none). */
export function withTest(
  flowId: string,
  tests: ConversationTestFile | null,
  test: ConversationTest,
): ConversationTestFile {
  return tests ? { ...tests, tests: [...tests.tests, test] } : { flow: flowId, tests: [test] };
}
