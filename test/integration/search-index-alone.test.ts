import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEARCH_INDEX_LOCK, SearchIndexer } from "../../runtime/queue/search-index.js";
import { openStore, type Store } from "../../runtime/store/db.js";
import { build, send } from "./helpers.js";
import { dropSchema, freshSchema, POSTGRES_URL, requirePostgres } from "./postgres-server.js";

const schema = freshSchema("relais_search_alone");
const dirs: string[] = [];
const stores: Store[] = [];
/** Ends the lock holder's work: a store closing waits for the connection that holds the lock. */
let release: () => void = () => undefined;

/** Another process's store on the same database. */
async function processStore(): Promise<Store> {
  const dir = mkdtempSync(join(tmpdir(), "relais-search-alone-"));
  dirs.push(dir);
  const store = await openStore({ dataDir: dir, databaseUrl: POSTGRES_URL, databaseSchema: schema });
  await store.started();
  stores.push(store);
  return store;
}

const documents = async (store: Store) => {
  const { conversationSearch } = store.tables;
  const [row] = await store.read((db) => db.select({ n: count() }).from(conversationSearch));
  return Number(row?.n ?? 0);
};

beforeAll(async () => {
  await requirePostgres();
});
afterAll(async () => {
  release();
  for (const store of stores) await store.close();
  await dropSchema(schema);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("the search index of processes sharing PostgreSQL", () => {
  it("is brought up to date by one process at a time; a search elsewhere waits for it rather than repeating it", async () => {
    // A process that writes conversations (it publishes its flows as it starts)...
    const writer = await build({ DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: schema });
    // ...while another holds the index's turn (taken once the writer's first catch-up is over).
    const holder = await processStore();
    let holds = false;
    const holding = (async () => {
      while (!holds) {
        await holder.alone(SEARCH_INDEX_LOCK, () => {
          holds = true;
          return new Promise<void>((resolve) => {
            release = resolve;
          });
        });
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    await expect.poll(() => holds).toBe(true);
    for (const from of ["+33611111111", "+33622222222", "+33633333333"]) {
      const answer = await send(writer.app, { flowId: "escalate", from, messageId: `${from}-1`, text: "Bonjour" });
      expect(answer.statusCode, answer.body).toBe(200);
    }
    // Its own catch-ups found the turn taken, and stop with it.
    await writer.close();

    const other = new SearchIndexer(await processStore());
    expect(await other.catchUpSoon()).toBe(0);
    expect(await documents(holder)).toBe(0);
    let caughtUp: number | undefined;
    const search = other.catchUp().then((indexed) => {
      caughtUp = indexed;
      return indexed;
    });
    // Several of its looks at the lock later, the search still waits for the holder.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(caughtUp).toBeUndefined();
    release();
    await holding;
    expect(await search).toBe(3);
    expect(await documents(holder)).toBe(3);
    await other.stop();
  });
});
