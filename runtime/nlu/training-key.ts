import type { IntentCandidate } from "../engine/types.js";

/** Bumped when models trained before would no longer load or answer the same. */
const MODEL_FORMAT = "nlpjs-4.27/3";

/**
 * The content hash of what a model learns from: the same examples in the same language give the
 * same key, whatever the flow, version or node, so a model is trained once and found again.
 * Web Crypto, so that the designer and the runtime compute the same key.
 */
export async function trainingKey(language: string, intents: readonly IntentCandidate[]): Promise<string> {
  return keyOfText(trainingText(language, intents));
}

/** What {@link trainingKey} hashes: equal texts, equal keys. */
const trainingText = (language: string, intents: readonly IntentCandidate[]) =>
  JSON.stringify([MODEL_FORMAT, language, intents.map((intent) => [intent.id, intent.examples])]);

async function keyOfText(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)]
    .slice(0, 16)
    .map((byte) => byte.toString(16).padStart(2, "0"))
    .join("");
}
