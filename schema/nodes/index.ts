import { condition } from "./condition.js";
import type { NodeDefinition } from "./definition.js";
import { end } from "./end.js";
import { handoff } from "./handoff.js";
import { http } from "./http.js";

export type { HttpNode } from "./http.js";

import { intent } from "./intent.js";
import { jump } from "./jump.js";
import { message } from "./message.js";
import { question } from "./question.js";
import { returnNode } from "./return.js";
import { set } from "./set.js";
import { start } from "./start.js";

/** Every node type: adding a type is adding a file here and a case to the engine's switch. */
export const nodeDefinitions = {
  start,
  message,
  question,
  intent,
  condition,
  set,
  http,
  handoff,
  jump,
  return: returnNode,
  end,
} as const;

export type NodeType = keyof typeof nodeDefinitions;
export const nodeTypes = Object.keys(nodeDefinitions) as NodeType[];

type NodeOf<T extends NodeType> = (typeof nodeDefinitions)[T] extends NodeDefinition<infer N> ? N : never;
export type FlowNode = { [T in NodeType]: NodeOf<T> }[NodeType];

/** The definition of a node's type, typed loosely enough to call on any node. */
export function definitionOf(node: FlowNode): NodeDefinition<FlowNode> {
  return nodeDefinitions[node.type] as unknown as NodeDefinition<FlowNode>;
}

export * from "./condition.js";
export * from "./definition.js";
export * from "./end.js";
export * from "./handoff.js";
export * from "./http.js";
export * from "./intent.js";
export * from "./jump.js";
export * from "./message.js";
export * from "./question.js";
export * from "./return.js";
export * from "./set.js";
export * from "./start.js";
