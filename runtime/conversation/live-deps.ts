import { randomUUID } from "node:crypto";
import { type Config, secretsFor } from "../config.js";
import { engineDeps } from "../engine/index.js";
import type { CompiledFlow, EngineDeps } from "../engine/types.js";

/** The engine's dependencies for live conversations: the real clock, the flows' secrets, the configured bounds. */
export function liveEngineDeps(config: Config, flows: ReadonlyMap<string, CompiledFlow>): EngineDeps {
  return engineDeps({
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
