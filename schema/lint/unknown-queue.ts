import type { Problem } from "../problem.js";
import { flowProblem, type LintContext, nodeProblem, nodesOf } from "./context.js";
import { closest } from "./edit-distance.js";

/**
 * Flows name queues by id; a handoff to a queue the runtime does not know lands in `support`
 * instead of where the author meant. Checked only when the caller knows the queues (the runtime
 * does, the CLI alone does not). A warning: queues are set up in the running app, not in git.
 */
export function unknownQueue(context: LintContext): Problem[] {
  const known = context.queues;
  if (!known || known.length === 0) return [];
  const fix = (queue: string) => {
    const suggestion = closest(queue, known);
    return suggestion
      ? `did you mean \`${suggestion}\`? Otherwise create the queue \`${queue}\` (admin, Queues) or pick one of ${known.join(", ")}.`
      : `create the queue \`${queue}\` (admin, Queues) or pick one of ${known.join(", ")}.`;
  };
  const params = (queue: string) => {
    const suggestion = closest(queue, known);
    return { queue, known: [...known], ...(suggestion ? { suggestion } : {}) };
  };
  const escalation = context.flow.escalation;
  const problems: Problem[] = [];
  if (escalation && typeof escalation.defaultQueue === "string" && !known.includes(escalation.defaultQueue)) {
    problems.push(
      flowProblem(
        context,
        "/escalation/defaultQueue",
        "unknown-queue",
        `the escalation policy's default queue \`${escalation.defaultQueue}\` does not exist; ${fix(escalation.defaultQueue)}`,
        "warning",
        params(escalation.defaultQueue),
      ),
    );
  }
  (Array.isArray(escalation?.rules) ? escalation.rules : []).forEach((rule, index) => {
    if (typeof rule.queue !== "string" || known.includes(rule.queue)) return;
    problems.push(
      flowProblem(
        context,
        `/escalation/rules/${index}/queue`,
        "unknown-queue",
        `escalation rule \`${rule.id}\` hands over to the queue \`${rule.queue}\`, which does not exist; ${fix(rule.queue)}`,
        "warning",
        params(rule.queue),
      ),
    );
  });
  nodesOf(context.flow).forEach((node, index) => {
    if (node.type !== "handoff" || typeof node.queue !== "string" || known.includes(node.queue)) return;
    problems.push(
      nodeProblem(
        context,
        index,
        "/queue",
        "unknown-queue",
        `node \`${node.id}\` hands over to the queue \`${node.queue}\`, which does not exist; ${fix(node.queue)}`,
        "warning",
        params(node.queue),
      ),
    );
  });
  return problems;
}
