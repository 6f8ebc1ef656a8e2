import { definitionOf, type FlowNode } from "../nodes/index.js";
import type { Problem } from "../problem.js";
import { type LintContext, nodeProblem, nodesOf, pointerSegment } from "./context.js";
import { ANY_VARIABLE, BUILT_IN_VARIABLES, mayBeSetOnArrival } from "./dataflow.js";
import { closest } from "./edit-distance.js";
import { expressionProblem, type FlowExpression, flowExpressions, ownerOf, variablePathsRead } from "./expressions.js";
import { rootOf, writesOf } from "./graph.js";
import { SECRETS } from "./secrets.js";

/** Roots that are not the flow's variables: the built-ins, and secrets (checked by their own rules). */
const NOT_VARIABLES = new Set([...BUILT_IN_VARIABLES, SECRETS]);

/** Roots an expression reads that are the flow's own variables, once each. */
const variableRoots = (expression: FlowExpression) =>
  [...new Set(variablePathsRead(expression).map(rootOf))].filter((root) => !NOT_VARIABLES.has(root));

/** A variable read where no path from the start can have set it yet: it is always empty there. */
export function variableReadBeforeSet(context: LintContext): Problem[] {
  const lookup = (id: string) => (id === context.flow.id ? context.flow : context.flows?.get(id));
  const others = [...(context.flows?.values() ?? [])].filter((flow) => flow.id !== context.flow.id);
  const arrival = mayBeSetOnArrival(context.flow, lookup, others);
  return flowExpressions(context).flatMap((expression) => {
    // The escalation policy runs at every step and is meant to wait until its variables exist.
    if (expression.nodeIndex === undefined) return [];
    const set = arrival[expression.nodeIndex];
    const node = nodesOf(context.flow)[expression.nodeIndex];
    // Unreachable nodes have their own warning; what they read does not matter until they are connected.
    if (!set || !node || set.has(ANY_VARIABLE)) return [];
    const earlier = new Set(setEarlierInNode(node, expression.relative));
    return variableRoots(expression)
      .filter((root) => !set.has(root) && !earlier.has(root))
      .map((root) =>
        expressionProblem(
          context,
          expression,
          "variable-read-before-set",
          `${ownerOf(context, expression)} reads \`${root}\` at \`${expression.relative}\`, but no path from the start sets it before; add a question or set node that saves \`${root}\` on the way here, or give \`${root}\` a \`default\` in \`variables\`.`,
          "error",
          { variable: root },
        ),
      );
  });
}

/** A set node assigns in order: its later values may read what its earlier assignments set. */
function setEarlierInNode(node: FlowNode, relative: string): string[] {
  const match = /^\/assign\/(\d+)\//.exec(relative);
  if (node.type !== "set" || !match) return [];
  return node.assign.slice(0, Number(match[1])).map((assignment) => rootOf(assignment.variable));
}

/** Variables written or read without a declaration: a typo, or a variable nobody documented. */
export function undeclaredVariable(context: LintContext): Problem[] {
  const declared = Object.keys(context.flow.variables ?? {});
  const isDeclared = (root: string) => declared.includes(root) || NOT_VARIABLES.has(root);
  const params = (root: string, access: "read" | "write") => {
    const suggestion = closest(root, declared);
    return { variable: root, access, ...(suggestion ? { suggestion } : {}) };
  };
  const fix = (root: string) => {
    const suggestion = closest(root, declared);
    const declare = `declare \`${root}\` in \`variables\` with its type`;
    return suggestion ? `did you mean \`${suggestion}\`? Otherwise ${declare}.` : `${declare}.`;
  };
  const writes = nodesOf(context.flow).flatMap((node, index) =>
    [...new Set(writesOf(node).map(rootOf))]
      .filter((root) => !isDeclared(root))
      .map((root) =>
        nodeProblem(
          context,
          index,
          writePointer(node, root),
          "undeclared-variable",
          `node \`${node.id}\` saves into \`${root}\`, which is not declared in \`variables\`; ${fix(root)}`,
          "warning",
          params(root, "write"),
        ),
      ),
  );
  const reads = flowExpressions(context).flatMap((expression) =>
    variableRoots(expression)
      .filter((root) => !isDeclared(root))
      .map((root) =>
        expressionProblem(
          context,
          expression,
          "undeclared-variable",
          `${ownerOf(context, expression)} reads \`${root}\` at \`${expression.relative}\`, which is not declared in \`variables\`; ${fix(root)}`,
          "warning",
          params(root, "read"),
        ),
      ),
  );
  return [...writes, ...reads];
}

/**
 * The field of a node that writes into `root`, found through the inspector's hints (a `variable`
 * field, an assignment list, a response mapping), so that no node type needs naming here.
 */
function writePointer(node: FlowNode, root: string): string {
  const fields = definitionOf(node)?.ui.fields ?? [];
  const record = node as unknown as Record<string, unknown>;
  const writesRoot = (path: unknown) => typeof path === "string" && rootOf(path) === root;
  for (const { field, widget } of fields) {
    const value = record[field];
    if (widget === "variable" && writesRoot(value)) return `/${field}`;
    if (widget === "assignments" && Array.isArray(value)) {
      const i = value.findIndex((item) => writesRoot((item as { variable?: unknown })?.variable));
      if (i >= 0) return `/${field}/${i}/variable`;
    }
    if (widget === "mapping" && typeof value === "object" && value !== null) {
      const key = Object.keys(value).find(writesRoot);
      if (key !== undefined) return `/${field}/${pointerSegment(key)}`;
    }
  }
  return "";
}
