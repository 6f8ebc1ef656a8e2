import { EngineFailure } from "./errors.js";
import { defaultEscalationText, ERROR_QUEUE, escalate, sayEscalationText } from "./escalation.js";
import { receiveHttpResult } from "./nodes/http.js";
import { answererOf, enterNode } from "./nodes/index.js";
import { readOpeningIntent } from "./nodes/intent.js";
import { type CustomerInput, goto, type Outcome, Run } from "./run.js";
import { hearEntities } from "./slots.js";
import type {
  CompiledFlow,
  ConversationState,
  EngineDeps,
  EngineInput,
  EngineStatus,
  Handoff,
  StepResult,
} from "./types.js";

/** Node executions allowed in one `advance` call before the flow is taken to loop without end. */
export const MAX_STEPS = 100;

/**
 * Moves a conversation on by one input: runs nodes until the flow waits for the customer, asks the
 * shell for an effect, hands over to a person or ends. Pure: the state passed in is not changed,
 * and time, ids, the classifier, sentiment, secrets and other flows all come from `deps`.
 *
 * A `start` input, or any input without a state, starts the conversation over at the start node.
 * A `resume` input puts the bot back in charge at a node, whether an agent had it or not.
 * Whatever goes wrong in the flow, the conversation gets a next step: a handoff, with the error
 * in `errors` for the operator.
 */
export async function advance(
  compiled: CompiledFlow,
  state: ConversationState | undefined,
  input: EngineInput,
  deps: EngineDeps,
): Promise<StepResult> {
  if (input.type === "start" || state === undefined) {
    const run = new Run(compiled, initialState(compiled, input), deps);
    if (run.state.openingText !== undefined) {
      followLanguage(run, run.state.openingText);
      hearEntities(run, run.state.openingText);
    }
    return finish(run, async () => {
      if (!compiled.startNodeId) {
        throw run.failure("UNKNOWN_NODE", `Flow \`${compiled.flow.id}\` has no start node: add one and connect it.`);
      }
      // Variables given at the start can already meet a value rule.
      const escalated = await escalate(run, { input: true });
      return drive(run, escalated ?? goto("start", compiled.startNodeId));
    });
  }
  const run = new Run(compiled, structuredClone(state), deps);
  if (state.status === "ended") {
    run.errors.push(
      run
        .failure(
          "UNEXPECTED_INPUT",
          `The conversation has ended, yet it received a \`${input.type}\` input: start a new conversation with a \`start\` input.`,
        )
        .toEngineError(),
    );
    return result(run, { type: "end" });
  }
  if (input.type === "resume") return finish(run, () => resume(run, input.nodeId));
  if (state.status === "handoff") {
    const failure = run.failure(
      "UNEXPECTED_INPUT",
      `The conversation is with a person, yet the bot received a \`${input.type}\` input: hand it to the agent, or resume the bot first.`,
    );
    if (!state.handoff) return finish(run, () => Promise.reject(failure));
    run.errors.push(failure.toEngineError());
    return result(run, { type: "handoff", handoff: state.handoff });
  }
  return finish(run, () => receive(run, input));
}

function initialState(compiled: CompiledFlow, input: EngineInput): ConversationState {
  const { flow } = compiled;
  const variables: Record<string, unknown> = {};
  for (const [name, declaration] of Object.entries(flow.variables ?? {})) {
    if (declaration.default !== undefined) variables[name] = structuredClone(declaration.default);
  }
  const start = input.type === "start" ? input : undefined;
  Object.assign(variables, structuredClone(start?.variables ?? {}));
  const hint = start?.language === undefined ? undefined : flowLanguage(flow.languages, start.language);
  return {
    stack: [{ flowId: flow.id, nodeId: compiled.startNodeId }],
    status: "active",
    language: hint ?? flow.languages[0] ?? "fr",
    languageFrom: { source: hint ? "hint" : "default" },
    variables,
    attempts: 0,
    failedInputs: 0,
    visits: {},
    firedRules: [],
    ...(start?.text?.trim() ? { openingText: start.text } : {}),
  };
}

/** The flow's language a hint names (`en-GB` is the flow's `en`), or undefined. */
function flowLanguage(languages: readonly string[], hint: string): string | undefined {
  const base = hint.split("-")[0];
  return (
    languages.find((language) => language === hint) ?? languages.find((language) => language.split("-")[0] === base)
  );
}

/** Above it, a detection replaces the flow's default language; above `SURE_LANGUAGE`, a channel's hint too. */
export const LIKELY_LANGUAGE = 0.7;
/** From it on, the conversation's language is settled and no later message changes it. */
export const SURE_LANGUAGE = 0.8;

/**
 * The conversation follows the language the customer writes in, among the flow's: a likely guess
 * replaces the default, only a sure one overrides the channel's hint, and once sure it sticks.
 */
function followLanguage(run: Run, text: string): void {
  const { state } = run;
  const from = state.languageFrom ?? { source: "default" };
  if (from.sure || !run.deps.detectLanguage) return;
  const guess = run.deps.detectLanguage(text, run.root.flow.languages);
  if (!guess || !run.root.flow.languages.includes(guess.language)) return;
  const needed = from.source === "hint" ? SURE_LANGUAGE : LIKELY_LANGUAGE;
  if (guess.confidence < needed) return;
  state.language = guess.language;
  state.languageFrom = { source: "detected", confidence: guess.confidence, sure: guess.confidence >= SURE_LANGUAGE };
}

/** An agent gives the conversation back to the bot at a node of the current flow, counters reset. */
async function resume(run: Run, nodeId: string): Promise<EngineStatus> {
  const { state } = run;
  state.status = "active";
  delete state.handoff;
  delete state.pendingEffect;
  state.attempts = 0;
  state.failedInputs = 0;
  state.effectsSinceInput = 0;
  state.visits = {};
  if (!run.flow.nodes.has(nodeId)) {
    throw run.failure(
      "UNKNOWN_NODE",
      `The bot was resumed at node \`${nodeId}\`, which is not in flow \`${run.frame.flowId}\`: pick a node of that flow.`,
    );
  }
  return drive(run, goto("resume", nodeId));
}

/** A customer's text or tap for the waiting node, or an effect's result for the HTTP node. */
async function receive(run: Run, input: Exclude<EngineInput, { type: "start" | "resume" }>): Promise<EngineStatus> {
  const pending = run.state.pendingEffect;
  if (input.type === "effectResult") {
    if (pending?.id !== input.effectId) {
      const waiting = pending ? `effect \`${pending.id}\` of node \`${pending.nodeId}\`` : "no effect";
      throw run.failure(
        "UNEXPECTED_INPUT",
        `The result of effect \`${input.effectId}\` arrived while the conversation waits for ${waiting}: it is stale or belongs to another conversation.`,
      );
    }
    delete run.state.pendingEffect;
    const node = run.node();
    if (node.type !== "http") {
      throw run.failure(
        "UNEXPECTED_INPUT",
        `An effect result arrived at node \`${node.id}\`, which is not an HTTP node.`,
      );
    }
    return drive(run, await receiveHttpResult(node, input.result, run));
  }
  if (pending) {
    throw run.failure(
      "UNEXPECTED_INPUT",
      `A customer input arrived while the conversation waits for the result of effect \`${pending.id}\` (node \`${pending.nodeId}\`): pass the effect's result to the engine first.`,
    );
  }
  run.state.effectsSinceInput = 0;
  const node = run.node();
  const answer = answererOf(node);
  if (!answer) {
    throw run.failure(
      "UNEXPECTED_INPUT",
      `A customer input arrived at node \`${node.id}\`, which does not wait for one.`,
    );
  }
  if (input.type === "text") {
    followLanguage(run, input.text);
    hearEntities(run, input.text);
  }
  const customer: CustomerInput =
    input.type === "text" ? { type: "text", text: input.text } : { type: "choice", choiceId: input.choiceId };
  const escalated = await escalate(run, { input: true, ...(input.type === "text" ? { text: input.text } : {}) });
  return drive(run, escalated ?? (await answer(customer, run)));
}

/** Follows gotos from node to node until the flow waits, calls out, hands over or ends. */
async function drive(run: Run, first: Outcome): Promise<EngineStatus> {
  let outcome = first;
  for (;;) {
    if (run.wrote && (outcome.type === "goto" || outcome.type === "wait")) {
      run.wrote = false;
      outcome = (await escalate(run, { wrote: true })) ?? outcome;
    }
    switch (outcome.type) {
      case "goto":
        outcome = await step(run, outcome.handle, outcome.target);
        break;
      case "wait": {
        const opening = await readOpeningText(run);
        if (!opening) return { type: "wait", nodeId: run.frame.nodeId };
        outcome = opening;
        break;
      }
      case "effect":
        return { type: "effect", effect: outcome.effect };
      case "handoff":
        return handOver(run, outcome.handoff);
      case "end":
        run.state.status = "ended";
        run.emit({ type: "end", flowId: run.frame.flowId, nodeId: run.frame.nodeId });
        return { type: "end" };
    }
  }
}

/**
 * The customer's first message, given with `start`, is read where the flow first waits: it is
 * checked against the escalation policy (a request for a person is honoured), then an intent node
 * routes it when it says what the customer wants ("où en est ma commande ?"), without asking its
 * question. Otherwise, and at any other node, the node's own question stands and nothing counts as a
 * failed answer.
 */
async function readOpeningText(run: Run): Promise<Outcome | undefined> {
  const text = run.state.openingText;
  if (text === undefined) return undefined;
  delete run.state.openingText;
  const node = run.node();
  // A message that already answers the node's question, or asks for a person, is not asked it.
  const question = run.outputs.splice(run.saidBeforeNode);
  const escalated = await escalate(run, { text });
  const outcome = escalated ?? (node.type === "intent" ? await readOpeningIntent(node, text, run) : undefined);
  if (outcome && outcome.type !== "wait") return outcome;
  run.outputs.splice(run.saidBeforeNode, 0, ...question);
  return undefined;
}

async function step(run: Run, handle: string, target: string | undefined): Promise<Outcome> {
  const { flowId, nodeId: from } = run.frame;
  if (target === undefined) {
    throw run.failure(
      "UNKNOWN_NODE",
      `Node \`${from}\` of flow \`${flowId}\` has no \`${handle}\` transition: connect it in the designer.`,
    );
  }
  const node = run.flow.nodes.get(target);
  if (!node) {
    throw run.failure(
      "UNKNOWN_NODE",
      `Node \`${from}\` of flow \`${flowId}\` leads (\`${handle}\`) to \`${target}\`, which is not in the flow: connect it to an existing node.`,
    );
  }
  const key = `${flowId}/${target}`;
  const reached = (run.stepsByNode.get(key) ?? 0) + 1;
  if (run.steps >= MAX_STEPS) {
    throw new EngineFailure(
      "STEP_LIMIT",
      flowId,
      target,
      `Node \`${target}\` of flow \`${flowId}\` was reached ${reached} times in ${MAX_STEPS} steps without waiting for the customer: a loop with no question. Add a question to the loop, or a condition that leaves it.`,
    );
  }
  run.steps += 1;
  run.stepsByNode.set(key, reached);
  run.frame.nodeId = target;
  run.enteredBy = handle;
  run.saidBeforeNode = run.outputs.length;
  run.state.attempts = 0;
  run.state.visits[key] = (run.state.visits[key] ?? 0) + 1;
  const transition = handle === "start" || handle === "resume" ? {} : { from, handle };
  run.emit({ type: "node", flowId, nodeId: target, ...transition });
  return (await escalate(run, { entered: key })) ?? enterNode(node, run);
}

function handOver(run: Run, handoff: Handoff): EngineStatus {
  run.state.status = "handoff";
  run.state.handoff = handoff;
  run.emit({ type: "handoff", flowId: handoff.flowId, nodeId: handoff.nodeId, ruleId: handoff.reason.ruleId });
  return { type: "handoff", handoff };
}

async function finish(run: Run, work: () => Promise<EngineStatus>): Promise<StepResult> {
  let status: EngineStatus;
  try {
    status = await work();
  } catch (error) {
    if (!(error instanceof EngineFailure)) throw error;
    run.errors.push(error.toEngineError());
    status = await failover(run, error);
  }
  return result(run, status);
}

/** An engine error hands over too, to the policy's default queue, so the customer is never left waiting. */
async function failover(run: Run, failure: EngineFailure): Promise<EngineStatus> {
  delete run.state.pendingEffect;
  let queue = ERROR_QUEUE;
  try {
    queue = run.policy?.defaultQueue ?? ERROR_QUEUE;
    await sayEscalationText(run);
  } catch {
    // The current flow is what failed (missing, or a broken escalation text): fall back on defaults.
    queue = run.root.flow.escalation?.defaultQueue ?? ERROR_QUEUE;
    run.say({ nodeId: failure.nodeId, text: defaultEscalationText(run.state.language) });
  }
  const handoff = run.handoff(queue, "normal", {
    ruleId: "error",
    kind: "error",
    message: failure.message,
    values: { code: failure.code },
  });
  return handOver(run, { ...handoff, flowId: failure.flowId, nodeId: failure.nodeId });
}

function result(run: Run, status: EngineStatus): StepResult {
  return { state: run.state, outputs: run.outputs, status, events: run.events, errors: run.errors };
}
