import { type Static, Type } from "@sinclair/typebox";
import { TypeCompiler } from "@sinclair/typebox/compiler";
import { request } from "undici";
import type { Classification, EngineDeps, EntityKind, IntentCandidate } from "../engine/types.js";
import { MAX_TEXT_CHARS, NO_INTENT } from "./nlpjs-intents.js";

/** Where a language model answers, as the operator configured it (`RELAIS_LLM_*`). */
export interface LlmSettings {
  /** The OpenAI-compatible API's base, e.g. `https://api.openai.com/v1` or `http://127.0.0.1:8080/v1`. */
  url: string;
  model: string;
  apiKey: string | undefined;
  timeoutMs: number;
}

/** Why the model's answer was not used: the trained model answered instead. */
export type LlmFallback = "timeout" | "http" | "network" | "malformed";

/** Examples per intent shown to the model: enough to say what the intent means, few enough to keep the prompt short. */
const EXAMPLES_SHOWN = 5;

export const LlmEntity = Type.Object(
  {
    kind: Type.Union([
      Type.Literal("email"),
      Type.Literal("phone"),
      Type.Literal("date"),
      Type.Literal("amount"),
      Type.Literal("reference"),
    ]),
    text: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);
export type LlmEntity = Static<typeof LlmEntity>;

/** The questions a model's kind of value fills: references are what flows ask for with their own patterns. */
const GIVEN_KIND: Record<LlmEntity["kind"], EntityKind> = {
  email: "email",
  phone: "phone",
  date: "date",
  amount: "amount",
  reference: "pattern",
};

/** The only answer accepted from the model; anything else is malformed and the trained model answers. */
const LlmAnswer = Type.Object({
  intent: Type.String({ minLength: 1, maxLength: 200 }),
  confidence: Type.Number({ minimum: 0, maximum: 1 }),
  entities: Type.Optional(Type.Array(LlmEntity, { maxItems: 20 })),
});
const checkAnswer = TypeCompiler.Compile(LlmAnswer);

/** The chat-completions response, as far as it is read. */
const ChatCompletion = Type.Object({
  choices: Type.Array(Type.Object({ message: Type.Object({ content: Type.String() }) }), { minItems: 1 }),
});
const checkCompletion = TypeCompiler.Compile(ChatCompletion);

class Malformed extends Error {}
class HttpStatus extends Error {}

export interface Understanding {
  classifications: Classification[];
  /** Values the model saw in the text, in their usual written form. */
  entities: LlmEntity[];
}

const SYSTEM_PROMPT = [
  "You read one message a customer wrote to a customer-service bot.",
  "Choose the one intent, among those listed with example phrases, that the message expresses; answer `none` when no listed intent fits.",
  "List the values the message contains: e-mail addresses, phone numbers, dates, amounts of money, order or customer references, each in its usual written form (an e-mail as an address, a phone number as digits, a date as YYYY-MM-DD, an amount as a number and its ISO currency code, a reference as printed on the order) even when the customer spelt it out in words.",
  'Answer with one JSON object and nothing else: {"intent": "<an intent id or none>", "confidence": <0 to 1>, "entities": [{"kind": "email|phone|date|amount|reference", "text": "<as written>"}]}.',
].join("\n");

function prompt(text: string, intents: readonly IntentCandidate[], language: string) {
  const listed = intents.map((intent) => ({ id: intent.id, examples: intent.examples.slice(0, EXAMPLES_SHOWN) }));
  return [
    { role: "system", content: SYSTEM_PROMPT },
    {
      role: "user",
      content: JSON.stringify({ language, intents: listed, message: text.slice(0, MAX_TEXT_CHARS) }),
    },
  ];
}

/** The JSON object in the model's text; some models wrap it in a Markdown code block despite being asked not to. */
function answerOf(content: string): Static<typeof LlmAnswer> {
  const unfenced = content
    .trim()
    .replace(/^```(?:json)?\s*/i, "")
    .replace(/\s*```$/, "");
  let parsed: unknown;
  try {
    parsed = JSON.parse(unfenced);
  } catch {
    throw new Malformed("the model's message is not JSON");
  }
  if (!checkAnswer.Check(parsed)) {
    const first = checkAnswer.Errors(parsed).First();
    throw new Malformed(`the model's JSON is not the answer asked for (${first?.path || "/"}: ${first?.message})`);
  }
  return parsed;
}

/**
 * Asks the model once. An intent the flow does not have is read as `none`: the model cannot send a
 * conversation down a path the flow does not draw.
 */
export async function askModel(
  settings: LlmSettings,
  text: string,
  intents: readonly IntentCandidate[],
  language: string,
): Promise<Understanding> {
  const response = await request(`${settings.url.replace(/\/+$/, "")}/chat/completions`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {}),
    },
    body: JSON.stringify({ model: settings.model, messages: prompt(text, intents, language), temperature: 0 }),
    signal: AbortSignal.timeout(settings.timeoutMs),
    headersTimeout: settings.timeoutMs,
    bodyTimeout: settings.timeoutMs,
  });
  if (response.statusCode < 200 || response.statusCode >= 300) {
    await response.body.dump();
    throw new HttpStatus(`the endpoint answered HTTP ${response.statusCode}`);
  }
  let completion: unknown;
  try {
    completion = await response.body.json();
  } catch (error) {
    if (isTimeout(error)) throw error;
    throw new Malformed("the endpoint's answer is not JSON");
  }
  if (!checkCompletion.Check(completion))
    throw new Malformed("the endpoint's answer has no choices[0].message.content");
  const answer = answerOf((completion as Static<typeof ChatCompletion>).choices[0]?.message.content ?? "");
  const known = intents.some((intent) => intent.id === answer.intent);
  const entities = answer.entities ?? [];
  const given = entities.map((entity) => ({ kind: GIVEN_KIND[entity.kind], text: entity.text }));
  return {
    classifications: [
      { intent: known ? answer.intent : NO_INTENT, confidence: answer.confidence, ...(given.length ? { given } : {}) },
    ],
    entities,
  };
}

const isTimeout = (error: unknown): boolean =>
  error instanceof Error &&
  (error.name === "TimeoutError" ||
    error.name === "AbortError" ||
    ("code" in error && (error.code === "UND_ERR_HEADERS_TIMEOUT" || error.code === "UND_ERR_BODY_TIMEOUT")));

function fallbackReason(error: unknown): LlmFallback {
  if (error instanceof Malformed) return "malformed";
  if (error instanceof HttpStatus) return "http";
  return isTimeout(error) ? "timeout" : "network";
}

/**
 * The engine's classifier with a language model in front: the model's answer when it comes in time and
 * holds, else the trained model's (`fallback`), the reason told to `onFallback` (logged and counted by
 * the runtime). A customer waits at most the timeout longer than without the model.
 */
export function llmClassifier(
  settings: LlmSettings,
  fallback: EngineDeps["classify"],
  onFallback: (reason: LlmFallback, error: unknown) => void,
): EngineDeps["classify"] {
  return async (text, intents, language) => {
    if (intents.length === 0 || text.trim() === "") return fallback(text, intents, language);
    try {
      return (await askModel(settings, text, intents, language)).classifications;
    } catch (error) {
      onFallback(fallbackReason(error), error);
      return fallback(text, intents, language);
    }
  };
}
