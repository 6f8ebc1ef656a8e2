import type { Sender } from "./outbox.js";
import type { ProviderHttp } from "./provider-http.js";

/**
 * REST conversations get bot replies in the answer to each message. What is written later (an
 * agent's reply, the bot after an agent gives back) is POSTed to RELAIS_REST_CALLBACK_URL with
 * the outbox id as `Idempotency-Key`. Without a callback URL it cannot reach the customer, and the
 * agent is told at once (a reply marked sent that no one would ever read misled them).
 * The URL is the operator's, so it is called as configured, private addresses included.
 */
export function restSender(callbackUrl: string | undefined, http: ProviderHttp): Sender {
  return async (message) => {
    if (!callbackUrl) return { failed: NO_CALLBACK, final: true };
    const result = await http.post(
      callbackUrl,
      JSON.stringify({ conversationId: message.conversationId, to: message.address, message: message.message }),
      { "content-type": "application/json", "idempotency-key": String(message.id) },
    );
    if (result.ok) return true;
    return { failed: `The callback ${result.error}.`, ...(result.retryable ? {} : { final: true }) };
  };
}

const NO_CALLBACK =
  "RELAIS_REST_CALLBACK_URL is not set: what is written after a REST message's answer cannot reach its customer.";
