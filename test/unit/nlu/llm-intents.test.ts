import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../runtime/config.js";
import type { IntentCandidate } from "../../../runtime/engine/types.js";
import { askModel, type LlmFallback, llmClassifier } from "../../../runtime/nlu/llm-intents.js";
import { chatCompletionsServer } from "../../integration/chat-completions-server.js";

const intents: IntentCandidate[] = [
  { id: "order_status", examples: ["où est ma commande", "suivi de colis", "ma commande n'est pas arrivée"] },
  { id: "order_cancel", examples: ["annuler ma commande", "je veux annuler"] },
];

/** The fallback stands for the trained model: a fixed answer that tells the two apart. */
const trained = () => [{ intent: "order_cancel", confidence: 0.42 }];

describe("language model intents over the chat-completions wire format", () => {
  let server: Awaited<ReturnType<typeof chatCompletionsServer>>;
  const fallbacks: { reason: LlmFallback; message: string }[] = [];
  let classify: ReturnType<typeof llmClassifier>;

  beforeAll(async () => {
    server = await chatCompletionsServer();
    classify = llmClassifier(
      { url: server.url, model: "mistral-small", apiKey: "sk-test-123", timeoutMs: 30_000 },
      trained,
      (reason, error) => fallbacks.push({ reason, message: (error as Error).message }),
    );
  });
  afterAll(() => server.close());

  it("uses a good answer, and sends the model, the intents with examples, the message and the key as Bearer", async () => {
    server.answer({ content: '{"intent":"order_status","confidence":0.93,"entities":[]}' });
    expect(await classify("mon colis n'est jamais arrivé", intents, "fr")).toEqual([
      { intent: "order_status", confidence: 0.93 },
    ]);
    const sent = server.requests.at(-1);
    expect(sent?.path).toBe("/v1/chat/completions");
    expect(sent?.headers.authorization).toBe("Bearer sk-test-123");
    expect(sent?.body.model).toBe("mistral-small");
    const asked = JSON.parse(sent?.body.messages.at(-1)?.content ?? "{}");
    expect(asked).toEqual({
      language: "fr",
      intents: intents.map(({ id, examples }) => ({ id, examples })),
      message: "mon colis n'est jamais arrivé",
    });
    expect(fallbacks).toEqual([]);
  });

  it("reads an intent the flow does not have as none", async () => {
    server.answer({ content: '{"intent":"refund","confidence":0.8}' });
    expect(await classify("je veux être remboursé", intents, "fr")).toEqual([{ intent: "none", confidence: 0.8 }]);
  });

  it("reads the entities the model lists, and the answer inside a Markdown code block", async () => {
    server.answer({
      content:
        '```json\n{"intent":"order_status","confidence":0.9,"entities":[{"kind":"reference","text":"CMD-100001"},{"kind":"email","text":"camille.martin@example.fr"}]}\n```',
    });
    const settings = { url: server.url, model: "m", apiKey: undefined, timeoutMs: 30_000 };
    const understood = await askModel(settings, "ma commande CMD-100001, camille.martin@example.fr", intents, "fr");
    expect(understood.entities).toEqual([
      { kind: "reference", text: "CMD-100001" },
      { kind: "email", text: "camille.martin@example.fr" },
    ]);
    expect(understood.classifications).toEqual([
      {
        intent: "order_status",
        confidence: 0.9,
        given: [
          { kind: "pattern", text: "CMD-100001" },
          { kind: "email", text: "camille.martin@example.fr" },
        ],
      },
    ]);
    expect(server.requests.at(-1)?.headers.authorization).toBeUndefined();
  });

  it.each([
    ["a 500", { status: 500 }, "http"],
    ["a body that is not JSON", { raw: "<html>oops" }, "malformed"],
    ["a completion without choices", { raw: '{"choices":[]}' }, "malformed"],
    ["a message that is not JSON", { content: "The intent is order_status." }, "malformed"],
    ["JSON of another shape", { content: '{"intent":"order_status","confidence":"high"}' }, "malformed"],
    ["a confidence above 1", { content: '{"intent":"order_status","confidence":7}' }, "malformed"],
  ] as const)("falls back to the trained model on %s", async (_name, behaviour, reason) => {
    fallbacks.length = 0;
    server.answer(behaviour);
    expect(await classify("où en est ma commande", intents, "fr")).toEqual(trained());
    expect(fallbacks.map((fallback) => fallback.reason)).toEqual([reason]);
  });

  it("falls back to the trained model when the server answers after the timeout", async () => {
    const reasons: LlmFallback[] = [];
    const impatient = llmClassifier({ url: server.url, model: "m", apiKey: undefined, timeoutMs: 200 }, trained, (r) =>
      reasons.push(r),
    );
    server.answer({ hangMs: 600_000, content: '{"intent":"order_status","confidence":0.9}' });
    expect(await impatient("où en est ma commande", intents, "fr")).toEqual(trained());
    expect(reasons).toEqual(["timeout"]);
  });

  it("falls back when nothing listens at the address", async () => {
    const reasons: LlmFallback[] = [];
    const closed = await chatCompletionsServer();
    await closed.close();
    const unreachable = llmClassifier(
      { url: closed.url, model: "m", apiKey: undefined, timeoutMs: 30_000 },
      trained,
      (r) => reasons.push(r),
    );
    expect(await unreachable("où en est ma commande", intents, "fr")).toEqual(trained());
    expect(reasons).toEqual(["network"]);
  });

  it("asks nothing for an empty text or a node without intents", async () => {
    const before = server.requests.length;
    expect(await classify("   ", intents, "fr")).toEqual(trained());
    expect(await classify("bonjour", [], "fr")).toEqual(trained());
    expect(server.requests.length).toBe(before);
  });
});

describe("language model settings", () => {
  it("are off by default", () => {
    expect(loadConfig({}).llm).toBeUndefined();
  });

  it("read the URL, model, key and timeout from the environment", () => {
    const config = loadConfig({
      RELAIS_LLM_URL: "http://127.0.0.1:8080/v1",
      RELAIS_LLM_MODEL: "qwen2.5-7b-instruct",
      RELAIS_LLM_API_KEY: "sk-x",
      RELAIS_LLM_TIMEOUT_MS: "1500",
    });
    expect(config.llm).toEqual({
      url: "http://127.0.0.1:8080/v1",
      model: "qwen2.5-7b-instruct",
      apiKey: "sk-x",
      timeoutMs: 1500,
    });
  });

  it("say what is missing or wrong", () => {
    expect(() => loadConfig({ RELAIS_LLM_URL: "http://127.0.0.1:8080/v1" })).toThrow(/RELAIS_LLM_MODEL/);
    expect(() => loadConfig({ RELAIS_LLM_URL: "127.0.0.1:8080", RELAIS_LLM_MODEL: "m" })).toThrow(/RELAIS_LLM_URL/);
    expect(() =>
      loadConfig({ RELAIS_LLM_URL: "http://h/v1", RELAIS_LLM_MODEL: "m", RELAIS_LLM_TIMEOUT_MS: "soon" }),
    ).toThrow(/RELAIS_LLM_TIMEOUT_MS/);
  });
});
