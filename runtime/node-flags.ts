/**
 * The Node.js flags the runtime is started with (`npm start`, `relais start`, each cluster worker).
 *
 * A message allocates short-lived objects (the request, the engine's state, the statements' rows)
 * that V8's default 16 MB young generation promotes when a scavenge runs while 100 requests are in
 * flight; 64 MB lets most die young. Side by side with the default on the 2-core VM (2 Dec 2026, 100
 * conversations, alternating rounds of 5 s), every run in its favour: 0.87–0.96× the CPU per message,
 * for about 100 MB more resident memory (see README, Performance). package.json's `start`, `serve` and
 * `relais` scripts and the first line of `runtime/cli/bin.js`, which cannot import this, repeat it.
 */
export const RUNTIME_NODE_FLAGS = ["--max-semi-space-size=64"] as const;
