import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isStorageFull } from "../../runtime/store/failure.js";
import { type Built, build, send } from "./helpers.js";

/**
 * SQLite's page limit stands for a full disk: a write needing one more page fails as it would with no
 * room left (`SQLITE_FULL`, "database or disk is full").
 */
describe("a database with no room left to write", () => {
  let built: Built;
  beforeAll(async () => {
    built = await build();
  });
  afterAll(() => built?.close());

  /** Sets the limit on the store's connection; a group that could not commit for want of room fails its steps, this one too. */
  const pageLimit = async (pages: number | "now") => {
    for (;;) {
      try {
        return await built.app.store.tx(async (db) => {
          const [row] = db.all<{ page_count: number }>(sql`PRAGMA page_count`);
          db.run(sql.raw(`PRAGMA max_page_count = ${pages === "now" ? row?.page_count : pages}`));
        });
      } catch (error) {
        if (!isStorageFull(error)) throw error;
      }
    }
  };

  it("refuses messages with 503 saying so, keeps nothing half-written, and takes them once there is room", async () => {
    const first = await send(built.app, { flowId: "echo", from: "full-a", messageId: "0", text: "Bonjour" });
    expect(first.statusCode).toBe(200);

    await pageLimit("now");
    const long = "un message assez long pour demander une page de plus ".repeat(70);
    const refused = [];
    for (let n = 1; n <= 8; n++) {
      refused.push(await send(built.app, { flowId: "echo", from: `full-${n}`, messageId: `${n}`, text: long }));
    }
    const full = refused.filter((response) => response.statusCode !== 200);
    expect(full.length).toBeGreaterThan(0);
    for (const response of full) {
      expect(response.statusCode).toBe(503);
      expect(response.headers["retry-after"]).toBe("60");
      expect(response.json().error.code).toBe("DATABASE_FULL");
    }

    await pageLimit(1_073_741_823);
    for (let n = 1; n <= 8; n++) {
      const again = await send(built.app, { flowId: "echo", from: `full-${n}`, messageId: `${n}`, text: long });
      expect(again.statusCode).toBe(200);
      // Sent once more, it gets the same answer: answered once, whether or not it was refused first.
      const repeated = await send(built.app, { flowId: "echo", from: `full-${n}`, messageId: `${n}`, text: long });
      expect(repeated.json()).toEqual(again.json());
    }
    const { messages, conversations } = built.app.store.tables;
    const lines = await built.app.store.read((db) =>
      db
        .select({ address: conversations.address, role: messages.role })
        .from(messages)
        .innerJoin(conversations, sql`${conversations.id} = ${messages.conversationId}`),
    );
    // Each customer's message once, whether or not it was refused first.
    for (let n = 1; n <= 8; n++) {
      expect(lines.filter((line) => line.address === `full-${n}` && line.role === "customer")).toHaveLength(1);
    }
  });
});
