import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline/promises";
import { loadConfig, secretsFor } from "../config.js";
import { compileFlow, engineDeps, reasonFormula, type Settled, settle } from "../engine/index.js";
import type { BotMessage, CompiledFlow, ConversationState, EngineInput } from "../engine/types.js";
import { HttpClient } from "../http-client/http-client.js";
import type { Output } from "./commands.js";
import { defaultFlowsDir, loadWorkspace, resolvePaths } from "./workspace.js";

function show(message: BotMessage, io: Output) {
  io.out(`bot> ${message.text}`);
  for (const [index, choice] of (message.choices ?? []).entries())
    io.out(`     ${index + 1}. ${choice.label}  [${choice.id}]`);
  for (const media of message.media ?? []) io.out(`     (${media.kind}) ${media.url}`);
}

function showStatus(result: Settled, io: Output): boolean {
  for (const error of result.errors) io.err(`!! ${error.code} at ${error.flowId}/${error.nodeId}: ${error.message}`);
  const { status } = result;
  if (status.type === "handoff") {
    const { handoff } = status;
    io.out(
      `-- handed off to queue \`${handoff.queue}\` (${handoff.priority}): ${handoff.reason.ruleId} — ${reasonFormula(handoff.reason)}`,
    );
    io.out(`-- collected: ${JSON.stringify(handoff.summary)}`);
    return true;
  }
  if (status.type === "end") {
    io.out("-- the conversation has ended");
    return true;
  }
  return false;
}

/**
 * `relais chat <flow>`: talk to a flow in the terminal. HTTP effects run for real through the
 * runtime's guarded client, with the flow secrets of the environment (`RELAIS_SECRET_*`, the secrets file).
 */
export async function chatCommand(flowId: string, options: { language?: string }, io: Output): Promise<number> {
  const workspace = await loadWorkspace(await resolvePaths([], defaultFlowsDir()));
  const compiled = new Map<string, CompiledFlow>([...workspace.flows].map(([id, { flow }]) => [id, compileFlow(flow)]));
  const root = compiled.get(flowId);
  if (!root) {
    const broken = workspace.files.find((file) => file.path.endsWith(`/${flowId}.flow.json`));
    io.err(
      broken
        ? `flow \`${flowId}\` does not validate; run \`relais validate ${broken.path}\`.`
        : `no flow \`${flowId}\` in ${defaultFlowsDir()}; known: ${[...compiled.keys()].join(", ") || "none"}.`,
    );
    return 1;
  }
  const config = loadConfig();
  const client = new HttpClient({
    allow: config.httpAllow,
    maxResponseBytes: config.httpMaxResponseBytes,
    secretValues: [...config.flowSecrets.values()],
  });
  const secrets = secretsFor(
    config,
    [...compiled.values()].flatMap(({ flow }) => flow.secrets ?? []),
  );
  const deps = engineDeps({ flows: compiled, secrets, now: () => new Date(), newId: randomUUID });
  io.out(`Talking to \`${flowId}\`. Type your answers; a number picks a button; /quit leaves.`);
  let state: ConversationState | undefined;
  const step = async (input: EngineInput) => {
    const result = await settle(root, state, input, deps, (effect) => client.run(effect.request));
    for (const message of result.outputs) show(message, io);
    state = result.state;
    return showStatus(result, io);
  };
  const prompt = createInterface({ input: process.stdin, output: process.stdout, terminal: false });
  try {
    let done = await step({ type: "start", language: options.language });
    for await (const line of prompt) {
      if (done || line.trim() === "/quit") break;
      done = await step({ type: "text", text: line });
      if (done) break;
    }
  } finally {
    prompt.close();
    await client.close();
  }
  return 0;
}
