import { eq } from "drizzle-orm";
import type { ModelStore } from "../nlu/intent-models.js";
import type { Store } from "./db.js";

/** Trained intent models in the database, shared by every runtime process. */
export function storedModels(store: Store, now: () => number = Date.now): ModelStore {
  const { nluModels } = store.tables;
  return {
    async get(key) {
      const [row] = await store.read((db) =>
        db.select({ model: nluModels.model }).from(nluModels).where(eq(nluModels.key, key)).limit(1),
      );
      return row?.model;
    },
    async put(key, language, model) {
      // Two processes training the same examples store the same model: the first one stays.
      await store.tx((db) =>
        db.insert(nluModels).values({ key, language, model, createdAt: now() }).onConflictDoNothing(),
      );
    },
  };
}
