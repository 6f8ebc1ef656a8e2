import { AsyncLocalStorage } from "node:async_hooks";
import { mkdirSync } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import { type BetterSQLite3Database, drizzle as drizzleSqlite } from "drizzle-orm/better-sqlite3";
import { migrate as migrateSqlite } from "drizzle-orm/better-sqlite3/migrator";
import { drizzle as drizzlePg, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { type Bus, LocalBus, PgBus } from "./bus.js";
import { Mutex } from "./mutex.js";
import { peopleFirst } from "./people-first.js";
import { destroy, PgPing } from "./pg-ping.js";
import * as pgTables from "./schema.pg.js";
import * as sqliteTables from "./schema.sqlite.js";
import { BACKSTOP_PAGES, startWalCheckpointer } from "./wal-checkpointer.js";

/**
 * The repository code is written once against the SQLite typing. Both schemas declare the same
 * columns with the same JS types, and only the query builder's common surface is used (awaited
 * queries, `returning`, `onConflictDoNothing`), so the PostgreSQL database and tables are handed
 * out under the same names. This file is the whole dialect split.
 */
export type Db = BetterSQLite3Database;
export type Tables = typeof sqliteTables;

/** The tables of a schema module, by export name. */
type TablesOf<M> = { [K in keyof M as M[K] extends { $inferSelect: unknown } ? K : never]: M[K] };
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/**
 * `true` for each table whose PostgreSQL rows, read and written, are exactly its SQLite twin's;
 * the schemas-agree test checks what types cannot see (names, nullability, keys, indexes).
 */
type RowsAgree = {
  [K in keyof TablesOf<typeof sqliteTables>]: K extends keyof TablesOf<typeof pgTables>
    ? Same<Tables[K]["$inferSelect"], (typeof pgTables)[K]["$inferSelect"]> extends true
      ? Same<Tables[K]["$inferInsert"], (typeof pgTables)[K]["$inferInsert"]>
      : false
    : false;
};

type DialectsAgree = RowsAgree[keyof RowsAgree] extends true
  ? []
  : ["a table's rows differ between SQLite and PostgreSQL"];

/**
 * The PostgreSQL tables under the SQLite typing the repository is written against. A call compiles
 * only while every table reads and writes the same rows in both dialects (`RowsAgree` all `true`),
 * so the one conversion between the dialects' table types is checked rather than assumed.
 */
function pgTablesTypedAsSqlite(tables: typeof pgTables, ..._agree: DialectsAgree): Tables {
  return tables as unknown as Tables;
}

/** Items many transactions add, written together at their group's commit (see `Store.atGroupCommit`). */
export interface CommitBatch<T> {
  write(store: Store, db: Db, items: T[]): Promise<void>;
}

/** How a piece of work takes its turn on SQLite's one connection. */
export interface TurnOptions {
  /**
   * Before the turns waiting without it: for short work that a person waits on (a search), which would
   * otherwise queue behind the turn of every message in flight. Ignored on PostgreSQL, where none queue.
   * A person's request goes ahead without it (see `peopleFirst`).
   */
  ahead?: boolean;
}

export interface Store {
  dialect: "sqlite" | "postgres";
  tables: Tables;
  /** Runs `work` in one transaction: all of it is written, or none. */
  tx<T>(work: (db: Db) => Promise<T>, options?: TurnOptions): Promise<T>;
  /**
   * Runs reads; on SQLite they wait for the transaction in flight so they never see half of one. They
   * may see whole transactions of the group not committed yet (see `groupCommit`), which a failing
   * commit would take back; a transaction's own caller goes on only once it is committed.
   */
  read<T>(work: (db: Db) => Promise<T>, options?: TurnOptions): Promise<T>;
  /**
   * Runs `work` as the only holder of `key` among all processes sharing the database. On
   * PostgreSQL it is one transaction under `pg_advisory_xact_lock`: every `read` and `tx` inside
   * joins it, so the work is written whole or not at all and the lock holds until it is. On
   * SQLite (one process) it runs as is; the caller keeps its own turns within the process.
   */
  exclusive<T>(key: string, work: () => Promise<T>): Promise<T>;
  /**
   * A transaction that holds `key` shared: many at once, never while an `exclusive` holds it. Rows
   * written under it are all committed before the next exclusive holder looks, so ids taken
   * under it are seen in order.
   */
  sharedTx<T>(key: string, work: (db: Db) => Promise<T>): Promise<T>;
  /**
   * Runs `work`, which may span many transactions, unless another process sharing the database is running
   * work of the same `key`: then resolves `undefined` at once. For background work every process would
   * otherwise repeat over the same rows (the search index's catch-up). On PostgreSQL a session advisory
   * lock, held by a connection of its own until `work` ends (or the connection does); on SQLite (one
   * process) it runs as is.
   */
  alone<T>(key: string, work: () => Promise<T>): Promise<T | undefined>;
  /** Runs `effect` once what was written is committed: at once, or when the `exclusive` work around it commits. */
  afterCommit(effect: () => void): void;
  /**
   * On SQLite, adds `items` of the transaction in progress to `batch`, which writes the items of all the
   * transactions of a group in one go just before the group commits (see `groupCommit`): a transaction
   * rolled back adds none, and a batch that fails fails the group. Undefined on PostgreSQL, where each
   * transaction commits alone.
   */
  atGroupCommit?<T>(batch: CommitBatch<T>, items: readonly T[]): void;
  /**
   * Resolves once everything committed before the call is on disk, so that an answer sent after
   * it survives a power loss. Callers at the same time share one flush (group commit).
   */
  durable(): Promise<void>;
  /**
   * A round trip to the database that waits for no one's turn, for `/healthz`: a load balancer asks it
   * while every conversation is busy, and must hear that the process is alive, not how long the queue is.
   */
  ping(): Promise<void>;
  /** Messages to this process and, on PostgreSQL, to every other one on the same database and schema. */
  bus: Bus;
  /** Start-up is over (migrations, first admin, shipped flows, queues): the next process may start. */
  started(): Promise<void>;
  close(): Promise<void>;
}

const migrations = join(dirname(fileURLToPath(import.meta.url)), "migrations");
/**
 * How long PostgreSQL may take to answer a ping before it is taken for gone. A stopped server or a
 * silent network failure answers nothing at all; a busy one answers `SELECT 1` far sooner.
 */
const ANSWER_WITHIN_MS = 5000;
/** How long queued SQLite turns may hold the event loop before one lets it accept and read (see `turn`). */
const YIELD_AFTER_MS = 2;

export async function openStore(options: {
  dataDir: string;
  databaseUrl?: string;
  databaseSchema?: string;
  /** Failures of the live-update connection, which recovers by itself. */
  onBusError?: (error: unknown) => void;
  /** On SQLite, told of each group commit with how many transactions it held (see `groupCommit`). */
  onGroupCommit?: (transactions: number) => void;
  /** On SQLite, told why a checkpoint of the WAL failed (the next one tries again). */
  onCheckpointFailure?: (message: string) => void;
}): Promise<Store> {
  if (options.databaseUrl) {
    return openPostgres(options.databaseUrl, options.databaseSchema, options.onBusError ?? (() => undefined));
  }
  return openSqlite(
    join(options.dataDir, "relais.sqlite"),
    options.onGroupCommit ?? (() => undefined),
    options.onCheckpointFailure,
  );
}

export function openSqlite(
  file: string,
  onGroupCommit: (transactions: number) => void,
  onCheckpointFailure: (message: string) => void = () => undefined,
): Store {
  mkdirSync(dirname(file), { recursive: true });
  const client = new Database(file);
  client.pragma("journal_mode = WAL");
  // NORMAL: a commit is written to the WAL without waiting for the disk; `durable()` flushes the
  // WAL once for all the answers waiting, off the event loop, before they go out. FULL would flush
  // at every commit while holding the only connection, and cost most of the throughput.
  client.pragma("synchronous = NORMAL");
  client.pragma("busy_timeout = 5000");
  // Each step of a group commit is a savepoint: SQLite keeps the pages it changes in a statement
  // journal to undo it alone, a temporary file by default (tens of thousands of small writes a
  // second on the event loop under load); in memory they cost no system call.
  client.pragma("temp_store = MEMORY");
  client.pragma("cache_size = -65536");
  // Checkpoints run on a thread of their own (see `startWalCheckpointer`); a commit does one only as a backstop.
  client.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  const db = drizzleSqlite(client);
  migrateSqlite(db, { migrationsFolder: join(migrations, "sqlite") });
  // The WAL exists from the first write (the migrations) until the connection closes.
  const wal = walFlusher(`${file}-wal`);
  const checkpointer = startWalCheckpointer(file, onCheckpointFailure);
  // One connection: every access takes turns, so an open transaction is never seen half-done
  // by another request and never swallows another request's writes.
  const mutex = new Mutex();
  const bus = new LocalBus();
  const statements = {
    begin: client.prepare("BEGIN IMMEDIATE"),
    commit: client.prepare("COMMIT"),
    rollback: client.prepare("ROLLBACK"),
    savepoint: client.prepare("SAVEPOINT step"),
    release: client.prepare("RELEASE step"),
    rollbackStep: client.prepare("ROLLBACK TO step"),
  };
  const ping = client.prepare("SELECT 1");
  // The calls are synchronous and each turn starts in a promise callback of the one before: under
  // load, turns would follow each other in microtasks for as long as any is queued, and Node would
  // neither accept a connection nor read a request meanwhile. A turn starting after the loop has been
  // held for a while lets it take its I/O first.
  let heldSince = performance.now();
  const isAhead = (options?: TurnOptions) => options?.ahead ?? peopleFirst.getStore() === true;
  const turn = <T>(work: () => Promise<T>, ahead: boolean) => {
    return mutex.run(async () => {
      if (performance.now() - heldSince > YIELD_AFTER_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        heldSince = performance.now();
      }
      // A turn starts when the one before ends, in its context: a person's must not carry over to a message's.
      return ahead || peopleFirst.getStore() === undefined ? work() : peopleFirst.exit(work);
    }, ahead);
  };
  const group = groupCommit(
    statements,
    client,
    (commitTurn, ahead) => void mutex.run(commitTurn, ahead),
    (batches) => writeBatches(store, db, batches),
    onGroupCommit,
  );
  const store: Store = {
    dialect: "sqlite",
    tables: sqliteTables,
    tx: async (work, options) => {
      const ahead = isAhead(options);
      const { result, committed } = await turn(() => group.step(() => work(db), ahead), ahead);
      await committed;
      return result;
    },
    read: (work, options) => turn(() => work(db), isAhead(options)),
    ping: async () => {
      ping.get();
    },
    exclusive: (_key, work) => work(),
    alone: (_key, work) => work(),
    sharedTx: (_key, work) => store.tx(work),
    afterCommit: (effect) => effect(),
    atGroupCommit: group.add,
    durable: wal.durable,
    bus,
    started: async () => undefined,
    close: async () => {
      await bus.close();
      await group.idle();
      await checkpointer.stop();
      await mutex.run(async () => client.close());
      await wal.close();
    },
  };
  return store;
}

type Batches = Map<CommitBatch<unknown>, unknown[]>;

async function writeBatches(store: Store, db: Db, batches: Batches): Promise<void> {
  for (const [batch, items] of batches) await batch.write(store, db, items);
}

/** A statement of the store's one connection. */
interface Statement {
  run(): unknown;
}

/**
 * Group commit: the transactions asked for within one turn of the event loop are one SQLite
 * transaction, each a savepoint in it, so many conversations' steps cost one commit (one write of the
 * pages they share: the tails of the transcript, events and inbox, the analytics counts). A step that
 * fails rolls back to its savepoint alone. Each caller hears of its own outcome only once the whole
 * group is committed (its `committed`), so nothing is answered before it is written; one conversation's
 * next step waits for that, so it is never written in the same group as the step before it.
 * `schedule` runs the commit in the store's turn, after the steps already queued; a step that went
 * ahead of them (a person's) has its group committed ahead of them too, or its caller would wait for
 * every step queued behind it to run first.
 */
function groupCommit(
  sql: Record<"begin" | "commit" | "rollback" | "savepoint" | "release" | "rollbackStep", Statement>,
  client: { inTransaction: boolean },
  schedule: (commitTurn: () => Promise<void>, ahead: boolean) => void,
  writeBatches: (batches: Batches) => Promise<void>,
  onCommit: (transactions: number) => void,
) {
  let open:
    | {
        committed: Promise<void>;
        settle: (error?: unknown) => void;
        steps: number;
        batches: Batches;
        failure?: unknown;
        /** Its commit is also asked for ahead of the queued steps. */
        hurried: boolean;
        /** Committed or given up: a second commit turn asked for it finds nothing to do. */
        closed: boolean;
      }
    | undefined;
  /** The batch items of the step running now (steps run one at a time, in the store's turns). */
  let stepBatches: Batches | undefined;
  const openGroup = () => {
    let settle: (error?: unknown) => void = () => undefined;
    const committed = new Promise<void>((resolve, reject) => {
      settle = (error) => (error === undefined ? resolve() : reject(error));
    });
    // Callers that never reach it (a step that failed on its own) must not leave it unhandled.
    committed.catch(() => undefined);
    const group: NonNullable<typeof open> = {
      committed,
      settle,
      steps: 0,
      batches: new Map(),
      hurried: false,
      closed: false,
    };
    sql.begin.run();
    open = group;
    setImmediate(() => schedule(() => commit(group), false));
    return group;
  };
  const commit = async (group: NonNullable<typeof open>) => {
    if (group.closed) return;
    group.closed = true;
    if (open === group) open = undefined;
    if (group.failure !== undefined) return group.settle(group.failure);
    try {
      await writeBatches(group.batches);
      sql.commit.run();
      onCommit(group.steps);
      group.settle();
    } catch (error) {
      if (client.inTransaction) sql.rollback.run();
      group.settle(error);
    }
  };
  return {
    /** Resolves once the group open now, if any, is committed or given up. */
    idle: () => open?.committed.catch(() => undefined),
    async step<T>(work: () => Promise<T>, ahead: boolean): Promise<{ result: T; committed: Promise<void> }> {
      const group = open ?? openGroup();
      if (ahead && !group.hurried) {
        group.hurried = true;
        schedule(() => commit(group), true);
      }
      if (group.failure !== undefined) throw group.failure;
      sql.savepoint.run();
      const batches: Batches = new Map();
      stepBatches = batches;
      try {
        const result = await work();
        sql.release.run();
        group.steps++;
        for (const [batch, items] of batches) {
          const all = group.batches.get(batch);
          if (all) all.push(...items);
          else group.batches.set(batch, items);
        }
        return { result, committed: group.committed };
      } catch (error) {
        if (client.inTransaction) {
          sql.rollbackStep.run();
          sql.release.run();
        } else {
          // SQLite rolled the whole transaction back (a full disk, an I/O error): the group's other
          // steps are lost with it, and each of their callers hears so.
          group.failure = error;
        }
        throw error;
      } finally {
        stepBatches = undefined;
      }
    },
    add<T>(batch: CommitBatch<T>, items: readonly T[]): void {
      if (!stepBatches) throw new Error("A batch of a group commit takes items only within a transaction.");
      const kept = stepBatches.get(batch as CommitBatch<unknown>);
      if (kept) kept.push(...items);
      else stepBatches.set(batch as CommitBatch<unknown>, [...items]);
    },
  };
}

/**
 * Group commit on the WAL file: `fdatasync` writes the file's committed frames to disk whatever
 * descriptor wrote them, which is what `synchronous=FULL` does at each commit. A flush that has
 * not started yet covers every caller until it starts; the next callers wait for the next one.
 */
function walFlusher(file: string) {
  let handle: FileHandle | undefined;
  let running: Promise<void> = Promise.resolve();
  let next: Promise<void> | undefined;
  const flush = async () => {
    if (!handle) {
      try {
        handle = await open(file, "r");
      } catch (error) {
        // No WAL yet: nothing has been committed to it, so nothing waits for the disk.
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
        throw error;
      }
    }
    await handle.datasync();
  };
  return {
    durable: () => {
      next ??= running
        .catch(() => undefined)
        .then(() => {
          next = undefined;
          running = flush();
          return running;
        });
      return next;
    },
    close: async () => {
      await running.catch(() => undefined);
      await handle?.close();
      handle = undefined;
    },
  };
}

/** A transaction under an advisory lock, and what to do once it commits. */
interface Turn {
  db: NodePgDatabase;
  open: boolean;
  afterCommit: (() => void)[];
}

const lockKey = (key: string) => sql`hashtextextended(${key}, 0)`;

/**
 * One drizzle database per pooled connection, kept as long as the connection: the hot path's
 * statements (see `prepared`) are built once per connection rather than at every message.
 */
const clientDbs = new WeakMap<pg.PoolClient, NodePgDatabase>();
const dbOf = (client: pg.PoolClient) => {
  let db = clientDbs.get(client);
  if (!db) {
    db = drizzlePg(client);
    clientDbs.set(client, db);
  }
  return db;
};

/**
 * `BEGIN` and, when `lock` is given, the advisory lock on `key` in the same round trip: a simple query
 * of two statements, the key a literal quoted by the driver. The lock is taken by a statement of its
 * own, so the transaction's reads after it see all that its earlier holders committed.
 */
const begin = (client: pg.PoolClient, lock?: { fn: string; key: string }) =>
  lock ? `BEGIN; SELECT ${lock.fn}(hashtextextended(${client.escapeLiteral(lock.key)}, 0))` : "BEGIN";

/**
 * Runs `work` in a transaction on a connection of `pool`: BEGIN (with the lock) in one round trip, the
 * work, COMMIT. A connection whose rollback fails is closed rather than given back.
 */
async function transaction<T>(
  pool: pg.Pool,
  lock: { fn: string; key: string } | undefined,
  work: (db: NodePgDatabase) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(begin(client, lock));
    const result = await work(dbOf(client));
    await client.query("COMMIT");
    client.release();
    return result;
  } catch (error) {
    try {
      await client.query("ROLLBACK");
      client.release();
    } catch (lost) {
      client.release(lost instanceof Error ? lost : new Error(String(lost)));
    }
    throw error;
  }
}

/**
 * A pooled connection that gives up connecting after the ping's deadline: one opened towards a server
 * that answers nothing (an address a failover left behind) would otherwise hold its place in the pool
 * until TCP gives up, minutes later. pg-pool's own `connectionTimeoutMillis` would also count the wait
 * for a free connection, and so take a busy process for a database gone.
 */
class ConnectingWithinDeadline extends pg.Client {
  constructor(config: pg.ClientConfig) {
    super({ ...config, connectionTimeoutMillis: ANSWER_WITHIN_MS });
  }
}

async function openPostgres(
  url: string,
  schema: string | undefined,
  onBusError: (error: unknown) => void,
): Promise<Store> {
  if (schema && !/^[a-z_][a-z0-9_]*$/.test(schema)) {
    throw new Error(`DATABASE_SCHEMA must be a plain lowercase identifier, not ${JSON.stringify(schema)}.`);
  }
  const options = {
    connectionString: url,
    keepAlive: true,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  };
  // pg-pool hands its options to the client's constructor; the typings say it takes none.
  const pooled = { ...options, Client: ConnectingWithinDeadline as unknown as new () => pg.ClientBase };
  const pool = new pg.Pool(pooled);
  // Turns hold their connection while a flow's HTTP lookups run, and inbox writes may wait for a
  // turn: their own pool keeps them from starving everything else (the sample CRM's reads among it).
  const turnPool = new pg.Pool(pooled);
  const connections = new Set<pg.Client>();
  for (const each of [pool, turnPool]) {
    each.on("error", () => undefined);
    each.on("connect", (client) => {
      connections.add(client);
      // The pool listens for errors of idle connections only: one lost while a turn holds it between two
      // statements (the engine running) would emit an error nobody hears, and Node would end the process.
      // Heard here, it fails the turn's next statement instead, as a connection error (see `isTransient`).
      client.on("error", () => undefined);
    });
    each.on("remove", (client) => connections.delete(client));
  }
  let bus: PgBus | undefined;
  const dropConnections = () => {
    for (const client of connections) destroy(client);
    bus?.drop();
  };
  const pinger = new PgPing(options, ANSWER_WITHIN_MS, dropConnections);
  // Processes starting together take turns: one migrates and seeds, the next finds it done.
  let startup: pg.PoolClient | undefined;
  const started = async () => {
    const held = startup;
    startup = undefined;
    await held?.query("SELECT pg_advisory_unlock_all()").catch(() => undefined);
    held?.release();
  };
  try {
    // A server that takes the connection and answers nothing would hold the start for ever.
    await pinger.ping();
    startup = await pool.connect();
    await startup.query("SELECT pg_advisory_lock(hashtextextended($1, 0))", [`relais:startup:${schema ?? "public"}`]);
    if (schema) await startup.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await migratePg(drizzlePg(pool), {
      migrationsFolder: join(migrations, "pg"),
      migrationsSchema: schema ?? "drizzle",
    });
    bus = await PgBus.open({
      url,
      channel: `relais_${schema ?? "public"}`,
      pool,
      onError: onBusError,
      connectWithinMs: ANSWER_WITHIN_MS,
    });
  } catch (error) {
    await started();
    await Promise.all([pool.end(), turnPool.end(), pinger.close()]);
    throw error;
  }
  const listening = bus;
  const db = drizzlePg(pool);
  const turns = new AsyncLocalStorage<Turn>();
  const current = () => {
    const turn = turns.getStore();
    return turn?.open ? turn : undefined;
  };
  return {
    dialect: "postgres",
    tables: pgTablesTypedAsSqlite(pgTables),
    // Within a turn, the work joins its transaction as it is, without a savepoint of its own (two round
    // trips): a statement failing aborts the whole turn, which is then rolled back whole anyway.
    tx: (work) => {
      const turn = current();
      if (turn) return work(turn.db as unknown as Db);
      return transaction(pool, undefined, (tx) => work(tx as unknown as Db));
    },
    read: (work) => work((current()?.db ?? db) as unknown as Db),
    exclusive: async (key, work) => {
      const outer = current();
      if (outer) {
        await outer.db.execute(sql`SELECT pg_advisory_xact_lock(${lockKey(key)})`);
        return work();
      }
      const turn: Turn = { db, open: false, afterCommit: [] };
      const result = await transaction(turnPool, { fn: "pg_advisory_xact_lock", key }, async (tx) => {
        turn.db = tx;
        turn.open = true;
        try {
          return await turns.run(turn, work);
        } finally {
          turn.open = false;
        }
      });
      for (const effect of turn.afterCommit) effect();
      return result;
    },
    alone: async (key, work) => {
      const client = await pool.connect();
      let lost: Error | undefined;
      const query = async (text: string) => {
        try {
          return await client.query<{ locked: boolean }>(text, [key]);
        } catch (error) {
          lost = error instanceof Error ? error : new Error(String(error));
          throw error;
        }
      };
      try {
        const taken = await query("SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked");
        if (!taken.rows[0]?.locked) return undefined;
        try {
          return await work();
        } finally {
          // A connection lost meanwhile took the lock with it; it is not given back to the pool.
          await query("SELECT pg_advisory_unlock(hashtextextended($1, 0))").catch(() => undefined);
        }
      } finally {
        client.release(lost);
      }
    },
    sharedTx: async (key, work) => {
      const turn = current();
      if (turn) {
        await turn.db.execute(sql`SELECT pg_advisory_xact_lock_shared(${lockKey(key)})`);
        return work(turn.db as unknown as Db);
      }
      return transaction(turnPool, { fn: "pg_advisory_xact_lock_shared", key }, (tx) => work(tx as unknown as Db));
    },
    afterCommit: (effect) => {
      const turn = current();
      if (turn) turn.afterCommit.push(effect);
      else effect();
    },
    // A PostgreSQL commit returns once it is durable (with `synchronous_commit` on, its default).
    durable: async () => undefined,
    ping: () => pinger.ping(),
    bus: listening,
    started,
    close: async () => {
      // Closing waits for the statements in flight; a server that stopped answering would hold it for
      // ever (a deploy's stop among it), so past the deadline their connections are dropped and they fail.
      const deadline = setTimeout(dropConnections, ANSWER_WITHIN_MS);
      try {
        await listening.close();
        await started();
        await Promise.all([pool.end(), turnPool.end(), pinger.close()]);
      } finally {
        clearTimeout(deadline);
      }
    },
  };
}
