import { advance } from "./advance.js";
import type {
  BotMessage,
  CompiledFlow,
  ConversationState,
  EngineDeps,
  EngineError,
  EngineEvent,
  EngineInput,
  EngineStatus,
  HttpEffect,
  HttpRequest,
  HttpResult,
} from "./types.js";

/** One input's whole turn: everything the engine said and did until it needed the customer again. */
export interface Settled {
  state: ConversationState;
  outputs: BotMessage[];
  /** `effect` only when `answer` could not answer it. */
  status: EngineStatus;
  events: EngineEvent[];
  errors: EngineError[];
  calls: { request: HttpRequest; result: HttpResult }[];
}

/**
 * Feeds one input to the engine and answers the HTTP effects it asks for until it waits, hands off
 * or ends. The runtime answers over the network, conversation tests and the simulator from
 * fixtures; `answer` returns undefined when it has no answer, and the turn stops at that effect.
 * It gets the state the effect was asked in, for a shell that renders the request again elsewhere.
 * The engine itself bounds the calls between two customer inputs, so this loop ends.
 */
export async function settle(
  compiled: CompiledFlow,
  state: ConversationState | undefined,
  input: EngineInput,
  deps: EngineDeps,
  answer: (effect: HttpEffect, state: ConversationState) => Promise<HttpResult | undefined>,
): Promise<Settled> {
  const turn: Omit<Settled, "state" | "status"> = { outputs: [], events: [], errors: [], calls: [] };
  let next = input;
  let current = state;
  for (;;) {
    const step = await advance(compiled, current, next, deps);
    turn.outputs.push(...step.outputs);
    turn.events.push(...step.events);
    turn.errors.push(...step.errors);
    current = step.state;
    if (step.status.type !== "effect") return { ...turn, state: step.state, status: step.status };
    const { effect } = step.status;
    const result = await answer(effect, step.state);
    if (!result) return { ...turn, state: step.state, status: step.status };
    turn.calls.push({ request: effect.request, result });
    next = { type: "effectResult", effectId: effect.id, result };
  }
}
