import type {
  BotMessage,
  CompiledFlow,
  ConversationState,
  EngineDeps,
  EngineEvent,
  EngineInput,
  EngineStatus,
  HttpEffect,
  HttpRequest,
  HttpResult,
} from "../../../runtime/engine/index.js";
import { settle } from "../../../runtime/engine/index.js";
import { allFixtures, findFixture, fixtureResult } from "../../../runtime/testing/index.js";
import type { ConversationTest, ConversationTestFile, HttpFixture, TestStep } from "../../../schema/index.js";

export interface Turn {
  state: ConversationState;
  outputs: BotMessage[];
  status: EngineStatus;
  /** What the engine recorded: intents recognised, values found and filled… */
  events: EngineEvent[];
  /** Each HTTP call of the turn and where its answer came from. */
  calls: { request: HttpRequest; result: HttpResult; from: "fixture" | "network"; note?: string }[];
}

/** An answer to an HTTP effect, where it came from, and what the transcript says about it instead of the request. */
export interface Answer {
  result: HttpResult;
  from: "fixture" | "network";
  note?: string;
}

/** Runs the engine until it waits, hands off or ends, answering its HTTP effects as it goes. */
export async function runTurn(
  compiled: CompiledFlow,
  state: ConversationState | undefined,
  input: EngineInput,
  deps: EngineDeps,
  resolve: (effect: HttpEffect, state: ConversationState) => Promise<Answer>,
): Promise<Turn> {
  const answers: Answer[] = [];
  const turn = await settle(compiled, state, input, deps, async (effect, asked) => {
    const answer = await resolve(effect, asked);
    answers.push(answer);
    return answer.result;
  });
  return {
    state: turn.state,
    outputs: turn.outputs,
    status: turn.status,
    events: turn.events,
    calls: turn.calls.map((call, i) => {
      const answer = answers[i];
      return { ...call, from: answer?.from ?? "network", ...(answer?.note ? { note: answer.note } : {}) };
    }),
  };
}

/** The first fixture of the flow's test file that answers this request. */
export function fixtureFor(tests: ConversationTestFile | null, request: HttpRequest): HttpResult | undefined {
  const fixture = findFixture(allFixtures(tests), request);
  return fixture ? fixtureResult(fixture) : undefined;
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

/** The flow's test file with one more test appended (a new file when it had none). */
export function withTest(
  flowId: string,
  tests: ConversationTestFile | null,
  test: ConversationTest,
): ConversationTestFile {
  return tests
    ? { ...tests, tests: [...tests.tests, test] }
    : { $schema: "../schema/conversation-test.schema.json", flow: flowId, tests: [test] };
}
