import type { ConversationTest, ConversationTestFile, HttpFixture, TestStep } from "../../schema/index.js";
import { engineDeps, reasonFormula, type Settled, settle } from "../engine/index.js";
import type { BotMessage, CompiledFlow, ConversationState, EngineDeps, EngineInput } from "../engine/types.js";
import { findFixture, fixtureResult, secretStandIns } from "./fixtures.js";

/**
 * The first way a test run differed from what the test expects, as data: the CLI prints
 * `failures`, the designer says this in the reader's language.
 */
export type Difference = { step?: number } & (
  | { kind: "botSaid"; expected: string; said: string[] }
  | { kind: "cannotAnswer"; status: string }
  | { kind: "variable"; path: string; expected: unknown; actual: unknown }
  | { kind: "notHandedOff"; status: string }
  | { kind: "handoff"; field: "queue" | "priority" | "rule" | "reason"; expected: string; actual: string }
  | { kind: "notEnded"; status: string }
  | { kind: "noFixture"; nodeId: string; method: string; url: string }
  | { kind: "engineError"; nodeId: string; message: string }
  | { kind: "unknownFlow"; flow: string }
);

export interface TestResult {
  name: string;
  passed: boolean;
  failures: string[];
  /** The first difference, when the test failed. */
  difference?: Difference;
  /** `flowId/nodeId` of every node the conversation went through. */
  visited: Set<string>;
}

export interface TestContext {
  flows: ReadonlyMap<string, CompiledFlow>;
  /** Fixed so that dates in messages do not change from one run to the next. */
  now?: Date;
}

/** Effects and engine calls for one test conversation, with HTTP answered from fixtures. */
class TestConversation {
  state: ConversationState | undefined;
  last: Settled | undefined;
  pending: BotMessage[] = [];
  visited = new Set<string>();
  failures: string[] = [];
  difference: Difference | undefined;

  constructor(
    private readonly root: CompiledFlow,
    private readonly fixtures: readonly HttpFixture[],
    private readonly deps: EngineDeps,
  ) {}

  static deps(context: TestContext, secrets: Record<string, string>, newId: () => string): EngineDeps {
    const now = context.now ?? new Date("2026-11-20T09:00:00Z");
    return engineDeps({ flows: context.flows, secrets, now: () => now, newId });
  }

  async send(input: EngineInput): Promise<void> {
    const turn = await settle(this.root, this.state, input, this.deps, async (effect) => {
      const fixture = findFixture(this.fixtures, effect.request);
      if (fixture) return fixtureResult(fixture);
      this.fail(
        `node \`${effect.nodeId}\` called ${effect.request.method} ${effect.request.url} and no fixture answers it; add one to \`http\`.`,
        { kind: "noFixture", nodeId: effect.nodeId, method: effect.request.method, url: effect.request.url },
      );
      return undefined;
    });
    this.record(turn);
  }

  private record(result: Settled) {
    this.state = result.state;
    this.last = result;
    this.pending.push(...result.outputs);
    for (const event of result.events) if (event.type === "node") this.visited.add(`${event.flowId}/${event.nodeId}`);
    for (const error of result.errors) {
      this.fail(`engine error ${error.code} at \`${error.flowId}/${error.nodeId}\`: ${error.message}`, {
        kind: "engineError",
        nodeId: error.nodeId,
        message: error.message,
      });
    }
  }

  fail(message: string, difference: Difference): void {
    this.failures.push(message);
    this.difference ??= difference;
  }
}

interface Failure {
  message: string;
  difference: Difference;
}

/** The status of a conversation in a word the messages use. */
const statusWord = (status: Settled["status"] | undefined) => status?.type ?? "not started";

/** `/regex/flags` is a regular expression; any other text must appear in the message. */
export function textMatches(expected: string, actual: string): boolean {
  const regex = /^\/(.*)\/([a-z]*)$/s.exec(expected);
  if (regex) return new RegExp(regex[1] ?? "", regex[2]).test(actual);
  return actual.includes(expected);
}

function valueAt(variables: Record<string, unknown>, path: string): unknown {
  return path.split(".").reduce<unknown>((value, key) => {
    if (typeof value !== "object" || value === null) return undefined;
    return (value as Record<string, unknown>)[key];
  }, variables);
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
  );
}

const quote = (text: string) => JSON.stringify(text);

/** Checks one step; returns how it failed, or undefined. */
async function check(step: TestStep, conversation: TestConversation): Promise<Failure | undefined> {
  const status = conversation.last?.status;
  switch (step.kind) {
    case "user":
    case "choose": {
      if (status?.type !== "wait") {
        return {
          message: `the customer cannot answer: the conversation is ${status?.type === "handoff" ? "with a person" : status?.type === "end" ? "over" : "not waiting"}.`,
          difference: { kind: "cannotAnswer", status: statusWord(status) },
        };
      }
      conversation.pending = [];
      await conversation.send(
        step.kind === "user" ? { type: "text", text: step.text } : { type: "choice", choiceId: step.choice },
      );
      return undefined;
    }
    case "bot": {
      const index = conversation.pending.findIndex((message) => textMatches(step.text, message.text));
      if (index === -1) {
        const said = conversation.pending.map((message) => message.text);
        const listed = said.map((text) => `  - ${quote(text)}`).join("\n");
        return {
          message: `expected the bot to say ${quote(step.text)}; it said:\n${listed || "  (nothing)"}`,
          difference: { kind: "botSaid", expected: step.text, said },
        };
      }
      conversation.pending = conversation.pending.slice(index + 1);
      return undefined;
    }
    case "variables": {
      const variables = conversation.state?.variables ?? {};
      const wrong = Object.entries(step.values).filter(
        ([path, expected]) => !sameValue(valueAt(variables, path), expected),
      );
      const [path, expected] = wrong[0] ?? [];
      if (path === undefined) return undefined;
      return {
        message: wrong
          .map(
            ([each, value]) =>
              `\`${each}\` is ${JSON.stringify(valueAt(variables, each)) ?? "unset"}, expected ${JSON.stringify(value)}`,
          )
          .join("; "),
        difference: { kind: "variable", path, expected, actual: valueAt(variables, path) },
      };
    }
    case "handoff": {
      if (status?.type !== "handoff") {
        return {
          message: `expected a handoff; the conversation is at \`${status?.type}\`.`,
          difference: { kind: "notHandedOff", status: statusWord(status) },
        };
      }
      const { handoff } = status;
      const wrong: { field: "queue" | "priority" | "rule" | "reason"; expected: string; actual: string }[] = [];
      if (step.queue && handoff.queue !== step.queue)
        wrong.push({ field: "queue", expected: step.queue, actual: handoff.queue });
      if (step.priority && handoff.priority !== step.priority) {
        wrong.push({ field: "priority", expected: step.priority, actual: handoff.priority });
      }
      if (step.rule && handoff.reason.ruleId !== step.rule) {
        wrong.push({ field: "rule", expected: step.rule, actual: handoff.reason.ruleId });
      }
      if (step.reason && !textMatches(step.reason, reasonFormula(handoff.reason))) {
        wrong.push({ field: "reason", expected: step.reason, actual: reasonFormula(handoff.reason) });
      }
      const [first] = wrong;
      if (!first) return undefined;
      const shown = (field: string, text: string) => (field === "reason" ? quote(text) : `\`${text}\``);
      return {
        message: `handoff: ${wrong.map((w) => `${w.field} is ${shown(w.field, w.actual)}, expected ${shown(w.field, w.expected)}`).join("; ")}`,
        difference: { kind: "handoff", ...first },
      };
    }
    case "end":
      return status?.type === "end"
        ? undefined
        : {
            message: `expected the conversation to end; it is at \`${status?.type}\`.`,
            difference: { kind: "notEnded", status: statusWord(status) },
          };
  }
}

export async function runConversationTest(
  file: ConversationTestFile,
  test: ConversationTest,
  context: TestContext,
): Promise<TestResult> {
  const root = context.flows.get(file.flow);
  if (!root) {
    return {
      name: test.name,
      passed: false,
      failures: [`flow \`${file.flow}\` was not found or does not validate.`],
      difference: { kind: "unknownFlow", flow: file.flow },
      visited: new Set(),
    };
  }
  // A jumped-to flow may name secrets of its own: every flow of the context gets its stand-ins.
  const secrets = secretStandIns(
    [...context.flows.values()].flatMap(({ flow }) => flow.secrets ?? []),
    file,
  );
  let ids = 0;
  const deps = TestConversation.deps(context, secrets, () => `effect-${++ids}`);
  const conversation = new TestConversation(root, [...(test.http ?? []), ...(file.http ?? [])], deps);
  await conversation.send({ type: "start", variables: test.variables, language: test.language, text: test.opening });
  for (const [index, step] of test.steps.entries()) {
    if (conversation.failures.length) break;
    const failure = await check(step, conversation);
    if (failure) {
      conversation.fail(`step ${index + 1} (${step.kind}): ${failure.message}`, {
        ...failure.difference,
        step: index + 1,
      });
    }
  }
  return {
    name: test.name,
    passed: conversation.failures.length === 0,
    failures: conversation.failures,
    ...(conversation.difference ? { difference: conversation.difference } : {}),
    visited: conversation.visited,
  };
}

export async function runTestFile(file: ConversationTestFile, context: TestContext): Promise<TestResult[]> {
  const results: TestResult[] = [];
  for (const test of file.tests) results.push(await runConversationTest(file, test, context));
  return results;
}

/** Nodes of the given flows that no test went through, as `flowId/nodeId`. */
export function unvisitedNodes(flows: Iterable<CompiledFlow>, results: readonly TestResult[]): string[] {
  const visited = new Set(results.flatMap((result) => [...result.visited]));
  return [...flows].flatMap(({ flow }) =>
    flow.nodes.map((node) => `${flow.id}/${node.id}`).filter((key) => !visited.has(key)),
  );
}
