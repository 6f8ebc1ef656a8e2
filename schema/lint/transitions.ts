import type { Transition } from "../nodes/index.js";
import { type LintContext, nodeProblem, nodesOf } from "./context.js";
import { closest } from "./edit-distance.js";
import { transitionsOf } from "./graph.js";

/** The handle a question uses when the customer runs out of attempts; it has its own rule. */
const MAX_ATTEMPTS_HANDLE = "maxAttempts";

/** A handle in words: `choice \`yes\``, `status 404`, `` `error` ``. */
export function describeHandle(handle: string): string {
  const [kind, ...rest] = handle.split(":");
  if (rest.length === 0) return `\`${handle}\``;
  const value = rest.join(":");
  return kind === "status" ? `status ${value}` : `${kind} \`${value}\``;
}

/** Transitions that lead to a node id the flow does not have. */
export function missingTarget(context: LintContext) {
  return eachTransition(context, (index, nodeId, transition) => {
    if (transition.target === undefined || context.indexById.has(transition.target)) return [];
    const suggestion = closest(transition.target, context.indexById.keys());
    const fix = suggestion ? `did you mean \`${suggestion}\`?` : "connect it to an existing node.";
    return [
      nodeProblem(
        context,
        index,
        transition.pointer,
        "missing-target",
        `node \`${nodeId}\` leads to \`${transition.target}\` for ${describeHandle(transition.handle)}, but no node has that id; ${fix}`,
        "error",
        { handle: transition.handle, target: transition.target, ...(suggestion ? { suggestion } : {}) },
      ),
    ];
  });
}

/** A required way out left unconnected: the conversation would be stuck there. */
export function missingTransition(context: LintContext) {
  return eachTransition(context, (index, nodeId, transition) => {
    if (!transition.required || transition.target !== undefined || transition.handle === MAX_ATTEMPTS_HANDLE) {
      return [];
    }
    return [
      nodeProblem(
        context,
        index,
        transition.pointer,
        "missing-transition",
        `node \`${nodeId}\` has no transition for ${describeHandle(transition.handle)}; connect it to a node.`,
        "error",
        { handle: transition.handle },
      ),
    ];
  });
}

/** A question that gives up after `maxAttempts` needs somewhere to go then. */
export function noPathAfterMaxAttempts(context: LintContext) {
  return eachTransition(context, (index, nodeId, transition) => {
    if (transition.handle !== MAX_ATTEMPTS_HANDLE || transition.target !== undefined) return [];
    return [
      nodeProblem(
        context,
        index,
        transition.pointer,
        "no-path-after-max-attempts",
        `question \`${nodeId}\` gives up after \`maxAttempts\` answers but has nowhere to go then; connect \`onMaxAttempts\` or remove \`maxAttempts\`. A handoff to a person is the usual place to go.`,
        "error",
        { handle: transition.handle },
      ),
    ];
  });
}

/** Two ways out with one handle (two choices with the same id…): the designer cannot tell them apart. */
export function duplicateHandle(context: LintContext) {
  return nodesOf(context.flow).flatMap((node, index) => {
    const seen = new Set<string>();
    return transitionsOf(node).flatMap((transition) => {
      if (!seen.has(transition.handle)) {
        seen.add(transition.handle);
        return [];
      }
      return [
        nodeProblem(
          context,
          index,
          parentOf(transition.pointer),
          "duplicate-handle",
          `node \`${node.id}\` has two ways out for ${describeHandle(transition.handle)}; give each one its own id.`,
          "error",
          { handle: transition.handle },
        ),
      ];
    });
  });
}

/** `/choices/2/next` → `/choices/2`: the item that repeats, rather than its target field. */
const parentOf = (pointer: string) => pointer.slice(0, Math.max(0, pointer.lastIndexOf("/"))) || pointer;

function eachTransition<T>(
  context: LintContext,
  check: (index: number, nodeId: string, transition: Transition) => T[],
): T[] {
  return nodesOf(context.flow).flatMap((node, index) =>
    transitionsOf(node).flatMap((transition) => check(index, node.id, transition)),
  );
}
