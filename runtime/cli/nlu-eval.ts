import { readFile } from "node:fs/promises";
import { overlapClassifier } from "../engine/classifier.js";
import { evaluateIntents, formatEvaluation } from "../nlu/evaluate.js";
import { IntentModels, memoryModelStore } from "../nlu/intent-models.js";
import { parseLabelledCsv } from "../nlu/labelled-csv.js";
import type { Output } from "./commands.js";
import { defaultFlowsDir, loadWorkspace, resolvePaths } from "./workspace.js";

export interface NluEvalOptions {
  /** A share (0.9) or a percentage (90); below it in any language, or overall, the exit code is 1. */
  minAccuracy?: string;
  /** The intent node to evaluate; the flow's first intent node by default. */
  node?: string;
  /** `nlpjs` (the runtime's trained model, default) or `overlap` (the fixed word-overlap classifier). */
  classifier?: string;
}

/** `relais nlu eval <flow> <file.csv>`: how well the flow's intent node recognises labelled phrases. */
export async function nluEvalCommand(
  flowId: string,
  file: string,
  options: NluEvalOptions,
  io: Output,
): Promise<number> {
  const workspace = await loadWorkspace(await resolvePaths([], defaultFlowsDir()));
  const flow = workspace.flows.get(flowId)?.flow;
  if (!flow) {
    io.err(
      `no valid flow \`${flowId}\` in ${defaultFlowsDir()}; known: ${[...workspace.flows.keys()].join(", ") || "none"}.`,
    );
    return 1;
  }
  const intentNodes = flow.nodes.filter((node) => node.type === "intent");
  const node = options.node ? intentNodes.find((candidate) => candidate.id === options.node) : intentNodes[0];
  if (!node) {
    io.err(
      options.node
        ? `flow \`${flowId}\` has no intent node \`${options.node}\`; its intent nodes: ${intentNodes.map((n) => n.id).join(", ") || "none"}.`
        : `flow \`${flowId}\` has no intent node to evaluate.`,
    );
    return 1;
  }
  let bound: number | undefined;
  if (options.minAccuracy !== undefined) {
    const value = Number(options.minAccuracy);
    if (!Number.isFinite(value) || value < 0 || value > 100) {
      io.err(`--min-accuracy must be a share (0.9) or a percentage (90), not \`${options.minAccuracy}\`.`);
      return 1;
    }
    bound = value > 1 ? value / 100 : value;
  }
  const classifierName = options.classifier ?? "nlpjs";
  if (classifierName !== "nlpjs" && classifierName !== "overlap") {
    io.err(`--classifier must be \`nlpjs\` or \`overlap\`, not \`${classifierName}\`.`);
    return 1;
  }
  let phrases: ReturnType<typeof parseLabelledCsv>;
  try {
    phrases = parseLabelledCsv(await readFile(file, "utf8"), file);
  } catch (error) {
    io.err(error instanceof Error ? error.message : String(error));
    return 1;
  }
  let classify = overlapClassifier as Parameters<typeof evaluateIntents>[2];
  if (classifierName === "nlpjs") {
    const models = new IntentModels(memoryModelStore());
    await models.prepare(flow);
    classify = models.classify;
  }
  const evaluation = await evaluateIntents(node, phrases, classify);
  io.out(`flow ${flowId}, intent node ${node.id}, classifier ${classifierName}`);
  for (const line of formatEvaluation(evaluation)) io.out(line);
  if (bound === undefined) return 0;
  const below = Object.entries(evaluation.byLanguage).filter(([, { accuracy }]) => accuracy < bound);
  if (evaluation.accuracy < bound || below.length > 0) {
    const where = below.length ? below.map(([lang]) => lang).join(", ") : "overall";
    io.err(`accuracy below ${(bound * 100).toFixed(1)} % (${where}).`);
    return 1;
  }
  return 0;
}
