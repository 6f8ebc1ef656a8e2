import type { FlowNode } from "../../../schema/index.js";
import type { CustomerInput, Outcome, Run } from "../run.js";
import { enterCondition } from "./condition.js";
import { enterEnd } from "./end.js";
import { enterHandoff } from "./handoff.js";
import { enterHttp } from "./http.js";
import { answerIntent, enterIntent } from "./intent.js";
import { enterJump } from "./jump.js";
import { answerMessage, enterMessage } from "./message.js";
import { answerQuestion, enterQuestion } from "./question.js";
import { enterReturn } from "./return.js";
import { enterSet } from "./set.js";
import { enterStart } from "./start.js";

/** Runs a node the conversation just reached. Adding a node type adds a case here. */
export async function enterNode(node: FlowNode, run: Run): Promise<Outcome> {
  switch (node.type) {
    case "start":
      return enterStart(node);
    case "message":
      return enterMessage(node, run);
    case "question":
      return enterQuestion(node, run);
    case "intent":
      return enterIntent(node, run);
    case "condition":
      return enterCondition(node, run);
    case "set":
      return enterSet(node, run);
    case "http":
      return enterHttp(node, run);
    case "handoff":
      return enterHandoff(node, run);
    case "jump":
      return enterJump(node, run);
    case "return":
      return enterReturn(node, run);
    case "end":
      return enterEnd(node, run);
    default: {
      const unknown: never = node;
      throw new Error(`Unknown node type in ${JSON.stringify(unknown)}`);
    }
  }
}

type Answerer = (input: CustomerInput, run: Run) => Promise<Outcome>;

/** What takes a customer's text or tap at a node; undefined when the node waits for none. */
export function answererOf(node: FlowNode): Answerer | undefined {
  switch (node.type) {
    case "message":
      return node.choices?.length ? (input, run) => answerMessage(node, input, run) : undefined;
    case "question":
      return (input, run) => answerQuestion(node, input, run);
    case "intent":
      return (input, run) => answerIntent(node, input, run);
    case "start":
    case "condition":
    case "set":
    case "http":
    case "handoff":
    case "jump":
    case "return":
    case "end":
      return undefined;
    default: {
      const unknown: never = node;
      throw new Error(`Unknown node type in ${JSON.stringify(unknown)}`);
    }
  }
}
