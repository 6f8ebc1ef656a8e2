import { createHash } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import {
  type Flow,
  formatFlow,
  migrateFlow,
  type Validated,
  validateFlow,
  validateLayout,
} from "../../schema/index.js";
import type { Db, Store } from "./db.js";
import { readJson } from "./json-column.js";
import { prepared } from "./prepared.js";
import type { FlowVersionRow } from "./records.js";

export interface FlowVersion {
  flowId: string;
  version: number;
  hash: string;
  flow: Flow;
  layout: unknown;
  author: string;
  note: string;
  createdAt: number;
}

/** The content hash of a flow: of its canonical text, so formatting never changes it. */
export const flowHash = (flow: unknown) => createHash("sha256").update(formatFlow(flow)).digest("hex").slice(0, 16);

/** A stored flow, brought to the current format (as a draft is) and checked against it. */
function checkStoredFlow(value: unknown): Validated<Flow> {
  const migrated = migrateFlow(value, "flow");
  return migrated.ok ? validateFlow(migrated.value, "flow") : migrated;
}

function toVersion(row: FlowVersionRow): FlowVersion {
  const at = (column: string) => ({ table: "flow_versions", column, id: `${row.flowId}@${row.version}` });
  return {
    ...row,
    flow: readJson(checkStoredFlow, row.flow, at("flow")),
    layout: row.layout ? readJson((value) => validateLayout(value, "layout"), row.layout, at("layout")) : null,
  };
}

export async function publishVersion(
  store: Store,
  input: { flow: Flow; layout: unknown; author: string; note: string; now: number },
): Promise<{ version: number; hash: string }> {
  const { flowVersions } = store.tables;
  return afterLiveChange(store, () =>
    store.tx(async (db) => {
      const [last] = await db
        .select({ version: flowVersions.version })
        .from(flowVersions)
        .where(eq(flowVersions.flowId, input.flow.id))
        .orderBy(desc(flowVersions.version))
        .limit(1);
      const version = (last?.version ?? 0) + 1;
      const hash = flowHash(input.flow);
      await db.insert(flowVersions).values({
        flowId: input.flow.id,
        version,
        hash,
        flow: JSON.stringify(input.flow),
        layout: input.layout === undefined || input.layout === null ? null : JSON.stringify(input.layout),
        author: input.author,
        note: input.note,
        createdAt: input.now,
      });
      await setLive(db, store, input.flow.id, version, input.now);
      return { version, hash };
    }),
  );
}

async function setLive(db: Db, store: Store, flowId: string, version: number, now: number) {
  const { liveFlows } = store.tables;
  liveKept.delete(store);
  await db
    .insert(liveFlows)
    .values({ flowId, version, updatedAt: now })
    .onConflictDoUpdate({ target: liveFlows.flowId, set: { version, updatedAt: now } });
}

/** Moves the live pointer; the versions themselves never change. */
export async function rollback(store: Store, flowId: string, version: number, now: number): Promise<boolean> {
  const { flowVersions } = store.tables;
  return afterLiveChange(store, () =>
    store.tx(async (db) => {
      const [row] = await db
        .select({ version: flowVersions.version })
        .from(flowVersions)
        .where(and(eq(flowVersions.flowId, flowId), eq(flowVersions.version, version)));
      if (!row) return false;
      await setLive(db, store, flowId, version, now);
      return true;
    }),
  );
}

const liveFlowRows = prepared((db, { liveFlows }) => db.select().from(liveFlows));

/**
 * The live pointers, kept between changes. On SQLite: one process, and every change goes through
 * `setLive`, which forgets them, as does the end of its transaction (committed or not), so a read in
 * between is never kept. On PostgreSQL another process may publish: each process keeps them at most
 * {@link LIVE_KEPT_MS}, and forgets them as soon as any process says over the bus that it changed them
 * (a notice can be missed while the listening connection is reopened: the age bounds that). They were
 * read for every message, twice for a new conversation, which was a tenth of its round trips.
 */
const liveKept = new WeakMap<Store, { at: number; rows: Promise<Map<string, number>> }>();
const LIVE_KEPT_MS = 1000;
/** The bus topic of a change to the live pointers, on PostgreSQL. */
const LIVE_CHANGED = "flows.live";
const listening = new WeakSet<Store>();

async function afterLiveChange<T>(store: Store, change: () => Promise<T>): Promise<T> {
  try {
    return await change();
  } finally {
    liveKept.delete(store);
    if (store.dialect === "postgres") store.bus.publish(LIVE_CHANGED, null);
  }
}

async function readLive(store: Store): Promise<Map<string, number>> {
  const rows = await store.read((db) => liveFlowRows(store, db));
  return new Map(rows.map((row) => [row.flowId, row.version]));
}

/** Read for every message (the channel checks the flow is live, a new conversation pins it). */
export async function liveVersions(store: Store): Promise<Map<string, number>> {
  if (store.dialect === "postgres" && !listening.has(store)) {
    listening.add(store);
    store.bus.subscribe(LIVE_CHANGED, () => liveKept.delete(store));
  }
  let kept = liveKept.get(store);
  if (!kept || (store.dialect === "postgres" && performance.now() - kept.at > LIVE_KEPT_MS)) {
    const reading = readLive(store);
    const entry = { at: performance.now(), rows: reading };
    kept = entry;
    liveKept.set(store, entry);
    reading.catch(() => {
      if (liveKept.get(store) === entry) liveKept.delete(store);
    });
  }
  return new Map(await kept.rows);
}

export async function listVersions(store: Store, flowId: string): Promise<Omit<FlowVersion, "flow" | "layout">[]> {
  const { flowVersions } = store.tables;
  return store.read((db) =>
    db
      .select({
        flowId: flowVersions.flowId,
        version: flowVersions.version,
        hash: flowVersions.hash,
        author: flowVersions.author,
        note: flowVersions.note,
        createdAt: flowVersions.createdAt,
      })
      .from(flowVersions)
      .where(eq(flowVersions.flowId, flowId))
      .orderBy(desc(flowVersions.version)),
  );
}

export async function getVersion(store: Store, flowId: string, version: number): Promise<FlowVersion | undefined> {
  const { flowVersions } = store.tables;
  const [row] = await store.read((db) =>
    db
      .select()
      .from(flowVersions)
      .where(and(eq(flowVersions.flowId, flowId), eq(flowVersions.version, version))),
  );
  return row ? toVersion(row) : undefined;
}

export async function hasAnyVersion(store: Store): Promise<boolean> {
  const { flowVersions } = store.tables;
  const rows = await store.read((db) => db.select({ v: flowVersions.version }).from(flowVersions).limit(1));
  return rows.length > 0;
}
