import { rmSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConversationRow } from "../../runtime/store/records.js";
import { ADMIN, type Built, build, bulkConversations, login, send } from "./helpers.js";

const BULK = 5_000;

/**
 * A process asked to stop while its search index has a long catch-up before it (a bulk change, the start
 * of a big history) stops without waiting for it: what is left is for the next start.
 */
describe("the search index at close", () => {
  let built: Built;
  let closed = false;
  beforeAll(async () => {
    built = await build();
  });
  afterAll(async () => {
    if (!closed) await built?.close();
  });

  it("stops a catch-up in progress at its next slice, and the next start takes up the rest", async () => {
    const { store } = built.app;
    const { conversations } = store.tables;
    const first = await send(built.app, { flowId: "echo", from: "template", messageId: "t-1", text: "Bonjour" });
    const [template] = await store.read((db) => db.select().from(conversations));
    expect(first.statusCode).toBe(200);
    // Conversations all changed in the same instant, as a bulk close or an import leaves them.
    await bulkConversations(built.app, template as ConversationRow, BULK, Date.now() - 1_000);
    // A search starts the catch-up of all of them; the process is told to stop meanwhile.
    const cookie = await login(built.app, ADMIN.email, ADMIN.password);
    const searching = built.app.inject({ method: "GET", url: "/api/search?q=bulk4999", headers: { cookie } });
    await new Promise((resolve) => setImmediate(resolve));
    await built.app.close();
    closed = true;
    await searching.catch(() => undefined);
    const file = new Database(join(built.dir, "data", "relais.sqlite"), { readonly: true });
    const { indexed } = file.prepare("SELECT count(*) AS indexed FROM conversation_search").get() as {
      indexed: number;
    };
    file.close();
    expect(indexed).toBeLessThan(BULK);

    // The next start takes them up: the last one is found.
    const again = await build({}, { keepDir: built.dir });
    try {
      const admin = await login(again.app, ADMIN.email, ADMIN.password);
      const found = await again.app.inject({
        method: "GET",
        url: "/api/search?q=bulk4999",
        headers: { cookie: admin },
      });
      expect((found.json() as { results: { id: string }[] }).results.map((hit) => hit.id)).toEqual(["bulk-4999"]);
    } finally {
      await again.app.close();
      rmSync(built.dir, { recursive: true, force: true });
    }
  });
});
