import { CHANNELS, type Channel } from "../channel-capabilities.js";
import type { Flow } from "../flow.js";
import type { FlowNode } from "../nodes/index.js";
import type { Problem, ProblemParams } from "../problem.js";
import type { LintCode } from "./codes.js";

/** What every rule is given: the flow, where it comes from, and the other flows a `jump` may reach. */
export interface LintContext {
  flow: Flow;
  file: string;
  /** Other flows by id, when the caller knows them (the CLI over `flows/`, the runtime's published set). */
  flows: ReadonlyMap<string, Flow> | undefined;
  /** Queue ids the runtime knows, when the caller knows them; handoffs elsewhere are reported. */
  queues: readonly string[] | undefined;
  /** The channels the flow is published on: their rules apply, the others' do not. */
  channels: ReadonlySet<Channel>;
  /** Index of the first node holding each id; later duplicates are reported and otherwise ignored. */
  indexById: ReadonlyMap<string, number>;
}

export type Rule = (context: LintContext) => Problem[];

export function lintContext(
  flow: Flow,
  file: string,
  flows?: ReadonlyMap<string, Flow>,
  queues?: readonly string[],
  channels: readonly Channel[] = CHANNELS,
): LintContext {
  const indexById = new Map<string, number>();
  nodesOf(flow).forEach((node, index) => {
    if (!indexById.has(node.id)) indexById.set(node.id, index);
  });
  return { flow, file, flows, queues, channels: new Set(channels), indexById };
}

/** The flow's nodes, read defensively: a rule must not throw on a document that slipped past validation. */
export const nodesOf = (flow: Flow): readonly FlowNode[] => (Array.isArray(flow.nodes) ? flow.nodes : []);

/** Escapes one segment of a JSON pointer (RFC 6901). */
export const pointerSegment = (segment: string | number) => String(segment).replace(/~/g, "~0").replace(/\//g, "~1");

export const nodePointer = (index: number, relative = "") => `/nodes/${index}${relative}`;

/** A problem about a node, located at `relative` (a pointer inside the node). */
export function nodeProblem(
  context: LintContext,
  index: number,
  relative: string,
  code: LintCode,
  message: string,
  severity: Problem["severity"] = "error",
  params: ProblemParams = {},
): Problem {
  const node = nodesOf(context.flow)[index];
  return {
    code: `lint/${code}`,
    params,
    severity,
    file: context.file,
    ...(typeof node?.id === "string" ? { nodeId: node.id } : {}),
    pointer: nodePointer(index, relative),
    message,
  };
}

/** A problem about the flow as a whole (its escalation policy, its list of nodes). */
export function flowProblem(
  context: LintContext,
  pointer: string,
  code: LintCode,
  message: string,
  severity: Problem["severity"] = "error",
  params: ProblemParams = {},
): Problem {
  return { code: `lint/${code}`, params, severity, file: context.file, pointer, message };
}
