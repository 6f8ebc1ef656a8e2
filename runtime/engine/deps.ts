import { overlapClassifier } from "./classifier.js";
import type { EngineLimits } from "./limits.js";
import { lexiconSentiment } from "./sentiment.js";
import type { CompiledFlow, EngineDeps } from "./types.js";

/** What differs between hosts of the engine; the rest (classifier, sentiment) is the same everywhere. */
export interface EngineHost {
  /** Flows a conversation can run or jump to, by id, at the versions it is pinned to. */
  flows: ReadonlyMap<string, CompiledFlow>;
  secrets: Record<string, string>;
  /** The host's clock: the real one in the runtime, a fixed one in tests. */
  now: () => Date;
  newId: () => string;
  limits?: EngineLimits;
}

/**
 * The engine's dependencies, built the same way by the runtime, the CLI, the designer's simulator
 * and the tests, so that a conversation behaves alike wherever it runs.
 */
export function engineDeps(host: EngineHost): EngineDeps {
  return {
    now: host.now,
    newId: host.newId,
    classify: overlapClassifier,
    sentiment: lexiconSentiment,
    flow: (id) => host.flows.get(id),
    secrets: host.secrets,
    ...(host.limits ? { limits: host.limits } : {}),
  };
}
