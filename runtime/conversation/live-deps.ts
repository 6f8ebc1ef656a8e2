import { randomUUID } from "node:crypto";
import { type Config, secretsFor } from "../config.js";
import { engineDeps } from "../engine/index.js";
import type { CompiledFlow, EngineDeps } from "../engine/types.js";
import { guessLanguage } from "../nlu/language.js";

/**
 * The engine's dependencies for live conversations: the real clock, the flows' secrets, the configured
 * bounds, the language guesser, and the flows' trained intent models when given.
 */
export function liveEngineDeps(
  config: Config,
  flows: ReadonlyMap<string, CompiledFlow>,
  classify?: EngineDeps["classify"],
): EngineDeps {
  return engineDeps({
    ...(classify ? { classify } : {}),
    detectLanguage: guessLanguage,
    flows,
    secrets: secretsFor(
      config,
      [...flows.values()].flatMap((compiled) => compiled.flow.secrets ?? []),
    ),
    now: () => new Date(),
    newId: randomUUID,
    limits: { valueChars: config.maxValueChars, stateChars: config.maxStateChars },
  });
}
