import type { HttpClient } from "../http-client/http-client.js";
import type { Sender } from "./outbox.js";

/**
 * REST conversations get bot replies in the answer to each message. What is written later (an
 * agent's reply, the bot after an agent gives back) is POSTed to RELAIS_REST_CALLBACK_URL with
 * the outbox id as `Idempotency-Key`; without a callback URL it stays readable in the transcript.
 */
export function restSender(callbackUrl: string | undefined, http: HttpClient): Sender {
  return async (message) => {
    if (!callbackUrl) return true;
    const result = await http.run({
      method: "POST",
      url: callbackUrl,
      headers: { "content-type": "application/json", "idempotency-key": String(message.id) },
      body: JSON.stringify({
        conversationId: message.conversationId,
        to: message.address,
        message: message.message,
      }),
      timeoutMs: 5000,
    });
    if (!result.ok) return { failed: result.message };
    return result.status < 300 ? true : { failed: `The callback answered ${result.status}.` };
  };
}
