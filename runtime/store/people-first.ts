import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Set while a person's request is handled (an agent's console, a supervisor's floor, an admin page,
 * an API token's call): its turns of the store go ahead of the turns of the messages in flight, as
 * `TurnOptions.ahead` does. Under load on SQLite a hundred messages queue for the one connection, and
 * each of the reads a console page makes waited behind all of them; people are few next to them.
 */
export const peopleFirst = new AsyncLocalStorage<true>();
