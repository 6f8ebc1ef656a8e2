import type { QuestionNode } from "../../schema/nodes/question.js";
import { findAmount } from "./amounts.js";
import { EngineFailure } from "./errors.js";
import { DEFAULT_PHONE_REGION } from "./phone.js";
import { readValue } from "./read-value.js";
import { goto, type Outcome, Run } from "./run.js";
import type { CompiledFlow, ConversationState, EngineDeps, EntityKind, GivenValue, HeardEntity } from "./types.js";
import { getPath } from "./variables.js";

/**
 * Slot filling: what a customer writes in any message (the opening one included) is searched for
 * the values the flow's questions ask for ("Bonjour, ma commande CMD-100001, mon e-mail
 * camille.martin@example.fr"); a question whose value was given, or whose variable already holds
 * one, is not asked, unless it is marked `alwaysAsk`.
 */

/** What a question takes from messages, and the key it is kept under; undefined for questions taking any text. */
export function entityOf(node: QuestionNode): { kind: EntityKind; key: string } | undefined {
  const spec = node.input;
  switch (spec.kind) {
    case "email":
      return { kind: "email", key: "email" };
    case "phone":
      return { kind: "phone", key: `phone:${spec.region ?? DEFAULT_PHONE_REGION}` };
    case "date":
      return { kind: "date", key: "date" };
    case "amount":
      return { kind: "amount", key: "amount" };
    case "pattern":
      return { kind: "pattern", key: `pattern:${spec.caseSensitive ? "" : "i:"}${spec.pattern}` };
    default:
      return undefined;
  }
}

/** The questions of the flows the conversation is in, and of those their jump nodes lead to. */
function questionsInReach(run: Run): QuestionNode[] {
  const questions: QuestionNode[] = [];
  const seen = new Set<string>();
  const queue = run.state.stack.map((frame) => frame.flowId);
  for (let flowId = queue.shift(); flowId !== undefined; flowId = queue.shift()) {
    if (seen.has(flowId)) continue;
    seen.add(flowId);
    const compiled = flowId === run.root.flow.id ? run.root : run.deps.flow(flowId);
    for (const node of compiled?.flow.nodes ?? []) {
      if (node.type === "question") questions.push(node);
      if (node.type === "jump") queue.push(node.flow);
    }
  }
  return questions;
}

/**
 * The question's value in the text; a question whose pattern cannot run says so when it is reached.
 * An amount counts only with its currency: any number in a sentence is no amount.
 */
function valueIn(question: QuestionNode, text: string, run: Run): { value: unknown } | undefined {
  if (question.input.kind === "amount") {
    const amount = findAmount(text);
    return amount && { value: amount };
  }
  try {
    return readValue(question, text, run);
  } catch (error) {
    if (error instanceof EngineFailure) return undefined;
    throw error;
  }
}

/** Characters of a message searched for values. */
const HEARD_CHARS = 1000;

/**
 * Keeps the values a customer text holds for any question in reach, each replacing an earlier one
 * of the same key (the customer corrected it), until a question takes it.
 */
export function hearEntities(run: Run, typed: string): void {
  // What people type to a bot fits; a pasted essay is not searched further, so a message costs little.
  const text = typed.slice(0, HEARD_CHARS);
  const heard: HeardEntity[] = [];
  for (const question of questionsInReach(run)) {
    const entity = entityOf(question);
    if (!entity || heard.some((each) => each.key === entity.key)) continue;
    const found = valueIn(question, text, run);
    if (found) heard.push({ ...entity, value: found.value });
  }
  keepHeard(run, heard);
}

/**
 * Keeps the values a classifier gave (a language model's reading of the message) that the flow's own
 * readers missed in the text: each is read by the questions of its kind as if typed alone, and a
 * value already heard is never replaced by one given.
 */
export function hearGiven(run: Run, given: readonly GivenValue[]): void {
  const held = new Set((run.state.entities ?? []).map((each) => each.key));
  const heard: HeardEntity[] = [];
  for (const question of questionsInReach(run)) {
    const entity = entityOf(question);
    if (!entity || held.has(entity.key) || heard.some((each) => each.key === entity.key)) continue;
    for (const value of given) {
      if (value.kind !== entity.kind) continue;
      const found = valueIn(question, value.text.slice(0, HEARD_CHARS), run);
      if (!found) continue;
      heard.push({ ...entity, value: found.value });
      break;
    }
  }
  keepHeard(run, heard);
}

/** Keeps values heard, each replacing an earlier one of the same key (the customer corrected it). */
function keepHeard(run: Run, heard: HeardEntity[]): void {
  if (heard.length === 0) return;
  const keys = new Set(heard.map((each) => each.key));
  run.state.entities = [...(run.state.entities ?? []).filter((each) => !keys.has(each.key)), ...heard];
  run.emit({
    type: "heard",
    flowId: run.frame.flowId,
    nodeId: run.frame.nodeId,
    entities: heard.map(({ kind, value }) => ({ kind, value })),
  });
}

/** A question answered (by the customer or from a message): its value is taken, and asking it again asks. */
export function recordAnswer(run: Run, node: QuestionNode): void {
  const entity = entityOf(node);
  if (entity) run.state.entities = (run.state.entities ?? []).filter((each) => each.key !== entity.key);
  if (!run.state.answered?.includes(node.saveAs)) run.state.answered = [...(run.state.answered ?? []), node.saveAs];
}

const heardFor = (run: Run, node: QuestionNode) => {
  const entity = entityOf(node);
  return entity && run.state.entities?.find((each) => each.key === entity.key);
};

/**
 * Where a question goes without asking, when its answer is known: its value given in a message; for
 * a choice, a value given for the question one of its choices leads to (an e-mail where the choices
 * are "my e-mail", "my phone"); or its variable holding a value no question of this conversation
 * saved (given at the start, found by a lookup). Undefined: the question is asked. A question an
 * agent resumes the bot at is always asked.
 */
export function knownAnswer(node: QuestionNode, run: Run): Outcome | undefined {
  if (node.alwaysAsk || run.enteredBy === "resume") return undefined;
  const heard = heardFor(run, node);
  if (heard) {
    run.setVariable(node.saveAs, heard.value);
    filled(run, node, heard.value, { from: "message", entity: heard.kind });
    return goto("next", node.next);
  }
  if (node.input.kind === "choice") {
    for (const choice of node.input.choices) {
      const next = choice.next === undefined ? undefined : run.flow.nodes.get(choice.next);
      const given = next?.type === "question" && !next.alwaysAsk ? heardFor(run, next) : undefined;
      if (!given) continue;
      const value = choice.value ?? choice.id;
      run.setVariable(node.saveAs, value);
      filled(run, node, value, { from: "message", entity: given.kind });
      return goto(`choice:${choice.id}`, choice.next);
    }
  }
  return knownValue(node, run);
}

function knownValue(node: QuestionNode, run: Run): Outcome | undefined {
  const value = getPath(run.variables, node.saveAs);
  if (value === undefined || value === null || value === "") return undefined;
  if (run.state.answered?.includes(node.saveAs) || isDeclaredDefault(run, node.saveAs, value)) return undefined;
  if (node.input.kind !== "choice") {
    filled(run, node, value, { from: "known" });
    return goto("next", node.next);
  }
  const choice = node.input.choices.find((each) => (each.value ?? each.id) === value);
  if (!choice) return undefined;
  filled(run, node, value, { from: "known" });
  return choice.next === undefined ? goto("next", node.next) : goto(`choice:${choice.id}`, choice.next);
}

/** A variable still at the default its flow declares holds nothing the customer said. */
function isDeclaredDefault(run: Run, path: string, value: unknown): boolean {
  const declared = run.flow.flow.variables?.[path]?.default;
  return declared !== undefined && JSON.stringify(declared) === JSON.stringify(value);
}

function filled(run: Run, node: QuestionNode, value: unknown, how: { from: "message" | "known"; entity?: EntityKind }) {
  recordAnswer(run, node);
  run.emit({ type: "filled", flowId: run.frame.flowId, nodeId: node.id, variable: node.saveAs, value, ...how });
}

/**
 * The values a text holds for the questions of a flow and of the flows it jumps to, as a
 * conversation in `language` would hear them: for the designer to show what a phrase gives.
 */
export function entitiesIn(
  compiled: CompiledFlow,
  text: string,
  language: string,
  deps: EngineDeps,
): { kind: EntityKind; value: unknown }[] {
  const state: ConversationState = {
    stack: [{ flowId: compiled.flow.id, nodeId: compiled.startNodeId }],
    status: "active",
    language,
    variables: {},
    attempts: 0,
    failedInputs: 0,
    visits: {},
  };
  const run = new Run(compiled, state, deps);
  hearEntities(run, text);
  return (run.state.entities ?? []).map(({ kind, value }) => ({ kind, value }));
}
