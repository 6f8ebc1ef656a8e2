import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatCompletionsServer } from "./chat-completions-server.js";
import { type Built, build, fixtures, send } from "./helpers.js";

/** A flow whose first step routes by intent, each intent answering a sentence of its own. */
const routerFlow = {
  schemaVersion: 1,
  id: "router",
  name: "Aiguillage",
  languages: ["fr"],
  nodes: [
    { id: "start", type: "start", next: "ask" },
    {
      id: "ask",
      type: "intent",
      text: "Que puis-je faire pour vous ?",
      intents: [
        {
          id: "order_status",
          examples: {
            fr: [
              "où en est ma commande",
              "suivi de mon colis",
              "ma commande n'est pas arrivée",
              "quand vais-je être livré",
              "mon colis est en retard",
            ],
          },
          next: "status",
        },
        {
          id: "order_cancel",
          examples: {
            fr: [
              "annuler ma commande",
              "je veux annuler",
              "je ne veux plus de ma commande",
              "annulation de commande",
              "stoppez ma commande",
            ],
          },
          next: "cancel",
        },
      ],
      fallback: "unknown",
    },
    { id: "status", type: "message", text: "Voyons où en est votre colis.", next: "done" },
    { id: "cancel", type: "message", text: "Annulons votre commande.", next: "done" },
    { id: "unknown", type: "message", text: "Je n'ai pas compris.", next: "done" },
    { id: "done", type: "end" },
  ],
};

const lastReply = (answer: Awaited<ReturnType<typeof send>>): string => answer.json().replies.at(-1)?.text;

/** An app whose drafts hold the router flow beside the fixtures, published at first start. */
async function routerApp(env: Record<string, string>): Promise<Built> {
  const dir = mkdtempSync(join(tmpdir(), "relais-llm-"));
  cpSync(join(fixtures, "flows"), join(dir, "flows"), { recursive: true });
  writeFileSync(join(dir, "flows", "router.flow.json"), JSON.stringify(routerFlow));
  const built = await build(env, { keepDir: dir });
  return {
    ...built,
    close: async () => {
      await built.app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const fallbackCount = async (built: Built, reason: string): Promise<number> => {
  const metrics = await built.app.inject({ method: "GET", url: "/metrics", remoteAddress: "127.0.0.1" });
  const line = metrics.body.split("\n").find((row) => row.startsWith(`relais_llm_fallbacks_total{reason="${reason}"}`));
  return Number(line?.split(" ").at(-1) ?? 0);
};

describe("a language model classifying a REST conversation's intents", () => {
  let server: Awaited<ReturnType<typeof chatCompletionsServer>>;
  let built: Built;
  let messages = 0;
  const say = (text: string) =>
    send(built.app, {
      flowId: "router",
      from: `+3361111${String(++messages).padStart(4, "0")}`,
      messageId: `m-${messages}`,
      text,
    });

  beforeAll(async () => {
    server = await chatCompletionsServer();
    built = await routerApp({
      RELAIS_LLM_URL: server.url,
      RELAIS_LLM_MODEL: "local-test",
      RELAIS_LLM_API_KEY: "sk-local",
      RELAIS_LLM_TIMEOUT_MS: "3000",
    });
  });
  afterAll(async () => {
    await built?.close();
    await server?.close();
  });

  it("follows the model's intent, the key sent as Bearer", async () => {
    server.answer({ content: '{"intent":"order_cancel","confidence":0.97,"entities":[]}' });
    // Words of the other intent: only the model's answer sends it down the cancel path.
    expect(lastReply(await say("où en est ma commande"))).toBe("Annulons votre commande.");
    expect(server.requests.at(-1)?.headers.authorization).toBe("Bearer sk-local");
    expect(server.requests.at(-1)?.body.messages.at(-1)?.content).toContain("où en est ma commande");
  });

  it("takes the fallback path when the model names an intent the flow does not have", async () => {
    server.answer({ content: '{"intent":"refund","confidence":0.9}' });
    const from = "+33699999999";
    // An opening the flow has no intent for is no failed answer: the node asks and waits.
    await send(built.app, { flowId: "router", from, messageId: "refund-1", text: "je veux être remboursé" });
    const again = await send(built.app, { flowId: "router", from, messageId: "refund-2", text: "remboursez-moi" });
    expect(lastReply(again)).toBe("Je n'ai pas compris.");
  });

  it.each([
    ["an HTTP 500", { status: 500 }, "http"],
    ["garbage instead of JSON", { content: "order_cancel, I think" }, "malformed"],
    [
      "a model that answers too late",
      { hangMs: 600_000, content: '{"intent":"order_cancel","confidence":1}' },
      "timeout",
    ],
  ] as const)("answers with the trained model on %s, and counts it", async (_name, behaviour, reason) => {
    const before = await fallbackCount(built, reason);
    server.answer(behaviour);
    expect(lastReply(await say("où en est ma commande"))).toBe("Voyons où en est votre colis.");
    expect(await fallbackCount(built, reason)).toBe(before + 1);
  });
});

describe("without RELAIS_LLM_URL", () => {
  it("no customer text leaves the machine, whatever else is set: the trained model answers", async () => {
    const server = await chatCompletionsServer();
    // What an operator may have in the environment for other tools: none of it turns the model on.
    const built = await routerApp({ OPENAI_BASE_URL: server.url, OPENAI_API_KEY: "sk-other", RELAIS_LLM_MODEL: "m" });
    try {
      const answer = await send(built.app, {
        flowId: "router",
        from: "+33622222222",
        messageId: "off-1",
        text: "je veux annuler",
      });
      expect(lastReply(answer)).toBe("Annulons votre commande.");
      expect(server.requests).toEqual([]);
    } finally {
      await built.close();
      await server.close();
    }
  });
});
