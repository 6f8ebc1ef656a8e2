import type { Flow } from "../../schema/index.js";
import { overlapClassifier } from "../engine/classifier.js";
import { trainingSets } from "../engine/intent-candidates.js";
import type { Classification, EngineDeps, IntentCandidate } from "../engine/types.js";
import { type IntentModel, loadIntentModel, supportsLanguage, trainIntentModel } from "./nlpjs-intents.js";
import { trainingKey } from "./training-key.js";

/** Where trained models are kept: the database for the runtime, memory for the simulator and tests. */
export interface ModelStore {
  get(key: string): Promise<string | undefined>;
  put(key: string, language: string, model: string): Promise<void>;
}

export function memoryModelStore(): ModelStore & { size: () => number } {
  const models = new Map<string, string>();
  return {
    get: async (key) => models.get(key),
    put: async (key, _language, model) => {
      models.set(key, model);
    },
    size: () => models.size,
  };
}

export interface PrepareReport {
  /** Models trained now. */
  trained: number;
  /** Models already stored under the same content hash. */
  reused: number;
  trainingMs: number;
}

/**
 * The flows' trained intent models, by content hash. Models are trained ahead (at publish, at start
 * for the live versions, in the simulator when a flow changes) and stored; classifying only ever
 * loads one. A text that reaches an intent node whose model is not ready is classified by word
 * overlap meanwhile: a customer never waits for training. The simulator then trains the model in
 * the background; the runtime reports it (its models are trained at publish and at start).
 */
export class IntentModels {
  readonly #loaded = new Map<string, IntentModel>();
  /**
   * Each classify would write out and hash its node's examples again (an asynchronous digest per message):
   * by the list itself, which `intentCandidates` keeps for as long as its flow's node.
   */
  readonly #keys = new WeakMap<readonly IntentCandidate[], { language: string; key: string }>();
  readonly #pending = new Map<string, Promise<void>>();
  #trained = 0;

  constructor(
    private readonly store: ModelStore,
    private readonly options: {
      fallback?: EngineDeps["classify"];
      /** Train a missing model in the background (simulator, CLI), or only report it. */
      whenMissing?: "train" | ((key: string, language: string) => void);
      /** Told about a background training that failed; the fallback goes on answering. */
      onError?: (error: unknown, key: string) => void;
      now?: () => number;
    } = {},
  ) {}

  /** Trains and stores every model the flow needs that is not stored yet, and loads them all. */
  async prepare(flow: Flow): Promise<PrepareReport> {
    const now = this.options.now ?? Date.now;
    const report: PrepareReport = { trained: 0, reused: 0, trainingMs: 0 };
    for (const set of trainingSets(flow)) {
      if (!supportsLanguage(set.language)) continue;
      const key = await trainingKey(set.language, set.intents);
      if (this.#loaded.has(key) || (await this.#fromStore(key, set.language))) {
        report.reused += 1;
        continue;
      }
      const started = now();
      await this.#train(key, set.language, set.intents);
      report.trainingMs += now() - started;
      report.trained += 1;
    }
    return report;
  }

  /** Loads the stored models of a flow, training none; answers how many it lacks. */
  async load(flow: Flow): Promise<number> {
    let missing = 0;
    for (const set of trainingSets(flow)) {
      if (!supportsLanguage(set.language)) continue;
      const key = await trainingKey(set.language, set.intents);
      if (!this.#loaded.has(key) && !(await this.#fromStore(key, set.language))) missing += 1;
    }
    return missing;
  }

  /** The engine's classifier: the trained model when it is ready, word overlap until then. */
  readonly classify = async (
    text: string,
    intents: readonly IntentCandidate[],
    language: string,
  ): Promise<Classification[]> => {
    const fallback = this.options.fallback ?? overlapClassifier;
    if (!supportsLanguage(language) || intents.length === 0) return fallback(text, intents, language);
    const key = await this.#keyOf(language, intents);
    const model = this.#loaded.get(key) ?? (await this.#fromStore(key, language));
    if (model) return model.classify(text);
    const whenMissing = this.options.whenMissing ?? "train";
    if (whenMissing === "train") this.#background(key, language, intents);
    else whenMissing(key, language);
    return fallback(text, intents, language);
  };

  /** Models this instance trained (rather than found stored). */
  get trainedCount(): number {
    return this.#trained;
  }

  /** Resolves when every background training started so far has ended, for tests and shutdown. */
  async idle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending.values()]);
  }

  async #keyOf(language: string, intents: readonly IntentCandidate[]): Promise<string> {
    const known = this.#keys.get(intents);
    if (known?.language === language) return known.key;
    const key = await trainingKey(language, intents);
    this.#keys.set(intents, { language, key });
    return key;
  }

  async #fromStore(key: string, language: string): Promise<IntentModel | undefined> {
    const stored = await this.store.get(key);
    if (stored === undefined) return undefined;
    const model = await loadIntentModel(language, stored);
    this.#loaded.set(key, model);
    return model;
  }

  #train(key: string, language: string, intents: readonly IntentCandidate[], after?: Promise<unknown>): Promise<void> {
    let pending = this.#pending.get(key);
    if (!pending) {
      pending = (async () => {
        await after;
        const model = await trainIntentModel(language, intents);
        this.#trained += 1;
        await this.store.put(key, language, model);
        this.#loaded.set(key, await loadIntentModel(language, model));
      })().finally(() => this.#pending.delete(key));
      this.#pending.set(key, pending);
    }
    return pending;
  }

  #background(key: string, language: string, intents: readonly IntentCandidate[]): void {
    if (this.#pending.has(key)) return;
    // After the current message is answered: training takes the processor for a while.
    const later = new Promise((resolve) => setTimeout(resolve, 0));
    this.#train(key, language, intents, later).catch((error: unknown) => this.options.onError?.(error, key));
  }
}
