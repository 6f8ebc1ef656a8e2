import { pathsRead, TemplateSyntaxError, templateExpressions } from "../expression.js";
import { templatesOf } from "../nodes/index.js";
import type { Problem, ProblemParams } from "../problem.js";
import type { LintCode } from "./codes.js";
import { flowProblem, type LintContext, nodeProblem, nodesOf } from "./context.js";
import { expressionsOf } from "./graph.js";

/** An expression or template of the flow, wherever it sits: in a node or in the escalation policy. */
export interface FlowExpression {
  /** The node holding it; undefined for the escalation policy. */
  nodeIndex: number | undefined;
  /** Pointer inside the node, or inside the file when there is no node. */
  relative: string;
  source: string;
  kind: "expression" | "template";
  /** Evaluated over the HTTP response `{ status, headers, body }` rather than over the variables. */
  overResponse: boolean;
}

/** A response mapping reads the answer of the call; its paths are not variables. */
const RESPONSE_SCOPED = /^\/responseMapping\//;

const collected = new WeakMap<LintContext, FlowExpression[]>();
const reads = new WeakMap<FlowExpression, string[]>();

/** Every expression field of the flow, collected once per lint run: several rules go through them. */
export function flowExpressions(context: LintContext): FlowExpression[] {
  const known = collected.get(context);
  if (known) return known;
  const found = collect(context);
  collected.set(context, found);
  return found;
}

function collect(context: LintContext): FlowExpression[] {
  const inNodes = nodesOf(context.flow).flatMap((node, nodeIndex) =>
    expressionsOf(node).map((field) => ({
      nodeIndex,
      relative: field.pointer,
      source: field.source,
      kind: field.kind,
      overResponse: RESPONSE_SCOPED.test(field.pointer),
    })),
  );
  const escalation = context.flow.escalation;
  const rules = Array.isArray(escalation?.rules) ? escalation.rules : [];
  const inEscalation = [
    ...templatesOf(escalation?.text, "/escalation/text"),
    ...rules.flatMap((rule, i) =>
      rule.kind === "value"
        ? [{ pointer: `/escalation/rules/${i}/when`, source: rule.when, kind: "expression" as const }]
        : [],
    ),
  ].map((field) => ({
    nodeIndex: undefined,
    relative: field.pointer,
    source: field.source,
    kind: field.kind,
    overResponse: false,
  }));
  return [...inNodes, ...inEscalation].filter((expression) => typeof expression.source === "string");
}

/** The JSONata sources inside an expression field: itself, or each `{{ }}` of a template. */
export function sourcesOf(expression: FlowExpression): string[] {
  if (expression.kind === "expression") return [expression.source];
  try {
    return templateExpressions(expression.source);
  } catch (error) {
    if (error instanceof TemplateSyntaxError) return [];
    throw error;
  }
}

/** The variable paths an expression field reads, once each; none for what cannot be parsed. */
export function variablePathsRead(expression: FlowExpression): string[] {
  if (expression.overResponse) return [];
  const known = reads.get(expression);
  if (known) return known;
  const found = [...new Set(sourcesOf(expression).flatMap((source) => pathsRead(source)))];
  reads.set(expression, found);
  return found;
}

/** Where an expression sits, in words: "node `ask`" or "the escalation policy". */
export function ownerOf(context: LintContext, expression: FlowExpression): string {
  if (expression.nodeIndex === undefined) return "the escalation policy";
  return `node \`${nodesOf(context.flow)[expression.nodeIndex]?.id}\``;
}

export function expressionProblem(
  context: LintContext,
  expression: FlowExpression,
  code: LintCode,
  message: string,
  severity: Problem["severity"] = "error",
  params: ProblemParams = {},
): Problem {
  return expression.nodeIndex === undefined
    ? flowProblem(context, expression.relative, code, message, severity, params)
    : nodeProblem(context, expression.nodeIndex, expression.relative, code, message, severity, params);
}
