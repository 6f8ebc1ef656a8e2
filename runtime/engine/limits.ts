/**
 * How much a conversation may hold, in characters of JSON. Each value is kept with the
 * conversation, written at every step and copied into every handoff: one expression that built a
 * 33-million-character text once blocked each message for seconds and grew the database by 33 MB
 * per conversation. A flow never needs that much (a customer message is at most a few thousand).
 */
export interface EngineLimits {
  /** The longest text an expression may build, and the largest value a variable may hold. */
  valueChars: number;
  /** All of a conversation's variables together. */
  stateChars: number;
}

export const DEFAULT_LIMITS: EngineLimits = { valueChars: 64 * 1024, stateChars: 256 * 1024 };
