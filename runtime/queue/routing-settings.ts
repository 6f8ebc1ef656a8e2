import { DEFAULT_ROUTING, type QueueRouting, type QueueRoutingOf } from "../../schema/api/routing.js";
import { loadQueues } from "../conversation/queues.js";
import { DomainError } from "../domain-error.js";
import type { Store } from "../store/db.js";

/** Every queue's routing: its own settings, or the defaults (by hand) when an admin never set any. */
export async function loadRouting(store: Store): Promise<Map<string, QueueRoutingOf>> {
  const { queueRouting } = store.tables;
  const [queues, rows] = await Promise.all([loadQueues(store), store.read((db) => db.select().from(queueRouting))]);
  return new Map(
    [...queues.keys()].sort().map((queueId) => {
      const row = rows.find((candidate) => candidate.queueId === queueId);
      const routing: QueueRouting = row
        ? { mode: row.mode as QueueRouting["mode"], capacity: row.capacity, allowPicking: row.allowPicking === 1 }
        : DEFAULT_ROUTING;
      return [queueId, { queueId, ...routing }];
    }),
  );
}

export async function saveRouting(store: Store, queueId: string, routing: QueueRouting): Promise<void> {
  const queues = await loadQueues(store);
  if (!queues.has(queueId)) {
    throw new DomainError(
      "notFound",
      "UNKNOWN_QUEUE",
      `There is no queue \`${queueId}\`; known: ${[...queues.keys()].join(", ")}.`,
    );
  }
  const { queueRouting } = store.tables;
  const row = { mode: routing.mode, capacity: routing.capacity, allowPicking: routing.allowPicking ? 1 : 0 };
  await store.tx((db) =>
    db
      .insert(queueRouting)
      .values({ queueId, ...row })
      .onConflictDoUpdate({ target: queueRouting.queueId, set: row }),
  );
}
