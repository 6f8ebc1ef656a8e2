import type { ConversationTest, ConversationTestFile, HttpFixture, TestStep } from "../../schema/index.js";
import { lexiconSentiment, overlapClassifier, type Settled, settle } from "../engine/index.js";
import type { BotMessage, CompiledFlow, ConversationState, EngineDeps, EngineInput } from "../engine/types.js";
import { findFixture, fixtureResult, secretStandIns } from "./fixtures.js";

export interface TestResult {
  name: string;
  passed: boolean;
  failures: string[];
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

  constructor(
    private readonly root: CompiledFlow,
    private readonly fixtures: readonly HttpFixture[],
    private readonly deps: EngineDeps,
  ) {}

  static deps(context: TestContext, secrets: Record<string, string>, newId: () => string): EngineDeps {
    const now = context.now ?? new Date("2026-11-20T09:00:00Z");
    return {
      now: () => now,
      newId,
      classify: overlapClassifier,
      sentiment: lexiconSentiment,
      flow: (id) => context.flows.get(id),
      secrets,
    };
  }

  async send(input: EngineInput): Promise<void> {
    const turn = await settle(this.root, this.state, input, this.deps, async (effect) => {
      const fixture = findFixture(this.fixtures, effect.request);
      if (fixture) return fixtureResult(fixture);
      this.failures.push(
        `node \`${effect.nodeId}\` called ${effect.request.method} ${effect.request.url} and no fixture answers it; add one to \`http\`.`,
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
      this.failures.push(`engine error ${error.code} at \`${error.flowId}/${error.nodeId}\`: ${error.message}`);
    }
  }
}

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

/** Checks one step; returns a failure message or undefined. */
async function check(step: TestStep, conversation: TestConversation): Promise<string | undefined> {
  const status = conversation.last?.status;
  switch (step.kind) {
    case "user":
    case "choose": {
      if (status?.type !== "wait") {
        return `the customer cannot answer: the conversation is ${status?.type === "handoff" ? "with a person" : status?.type === "end" ? "over" : "not waiting"}.`;
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
        const said = conversation.pending.map((message) => `  - ${quote(message.text)}`).join("\n");
        return `expected the bot to say ${quote(step.text)}; it said:\n${said || "  (nothing)"}`;
      }
      conversation.pending = conversation.pending.slice(index + 1);
      return undefined;
    }
    case "variables": {
      const variables = conversation.state?.variables ?? {};
      const wrong = Object.entries(step.values)
        .filter(([path, expected]) => !sameValue(valueAt(variables, path), expected))
        .map(
          ([path, expected]) =>
            `\`${path}\` is ${JSON.stringify(valueAt(variables, path)) ?? "unset"}, expected ${JSON.stringify(expected)}`,
        );
      return wrong.length ? wrong.join("; ") : undefined;
    }
    case "handoff": {
      if (status?.type !== "handoff") return `expected a handoff; the conversation is at \`${status?.type}\`.`;
      const { handoff } = status;
      const wrong: string[] = [];
      if (step.queue && handoff.queue !== step.queue)
        wrong.push(`queue is \`${handoff.queue}\`, expected \`${step.queue}\``);
      if (step.priority && handoff.priority !== step.priority) {
        wrong.push(`priority is \`${handoff.priority}\`, expected \`${step.priority}\``);
      }
      if (step.rule && handoff.reason.ruleId !== step.rule) {
        wrong.push(`rule is \`${handoff.reason.ruleId}\`, expected \`${step.rule}\``);
      }
      if (step.reason && !textMatches(step.reason, handoff.reason.detail)) {
        wrong.push(`reason is ${quote(handoff.reason.detail)}, expected ${quote(step.reason)}`);
      }
      return wrong.length ? `handoff: ${wrong.join("; ")}` : undefined;
    }
    case "end":
      return status?.type === "end" ? undefined : `expected the conversation to end; it is at \`${status?.type}\`.`;
  }
}

export async function runConversationTest(
  file: ConversationTestFile,
  test: ConversationTest,
  context: TestContext,
): Promise<TestResult> {
  const root = context.flows.get(file.flow);
  const failed = (message: string): TestResult => ({
    name: test.name,
    passed: false,
    failures: [message],
    visited: new Set(),
  });
  if (!root) return failed(`flow \`${file.flow}\` was not found or does not validate.`);
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
    if (failure) conversation.failures.push(`step ${index + 1} (${step.kind}): ${failure}`);
  }
  return {
    name: test.name,
    passed: conversation.failures.length === 0,
    failures: conversation.failures,
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
