import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openStore, type Store } from "../../runtime/store/db.js";
import { type Built, build, send } from "./helpers.js";

describe("group commit on SQLite", () => {
  const dirs: string[] = [];
  const stores: Store[] = [];
  afterAll(async () => {
    for (const store of stores) await store.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("writes concurrent transactions in one commit, rolls a failing one back alone, and answers each after the commit", async () => {
    const dir = mkdtempSync(join(tmpdir(), "relais-group-"));
    dirs.push(dir);
    const groups: number[] = [];
    const store = await openStore({ dataDir: dir, onGroupCommit: (transactions) => groups.push(transactions) });
    stores.push(store);
    const other = new Database(join(dir, "relais.sqlite"), { readonly: true });
    const seenByOther = (id: string) => other.prepare("SELECT key FROM nlu_models WHERE key = ?").get(id) !== undefined;
    const { nluModels } = store.tables;
    const ids = Array.from({ length: 50 }, (_, i) => `group-${i}`);
    const outcomes = await Promise.allSettled(
      ids.map((id, i) =>
        store
          .tx(async (db) => {
            await db.insert(nluModels).values({ key: id, language: "fr", model: "{}", createdAt: i });
            if (i === 7) throw new Error("this step fails");
            return id;
          })
          // Another connection sees the row as soon as the caller hears of it: committed, not just written.
          .then((written) => ({ written, visible: seenByOther(written) })),
      ),
    );
    expect(outcomes.filter((o) => o.status === "rejected")).toHaveLength(1);
    const fulfilled = outcomes.flatMap((o) => (o.status === "fulfilled" ? [o.value] : []));
    expect(fulfilled).toHaveLength(49);
    expect(fulfilled.every((o) => o.visible)).toBe(true);
    expect(seenByOther("group-7")).toBe(false);
    expect(seenByOther("group-8")).toBe(true);
    // The 50 were asked for at once: one commit holds the 49 that succeeded.
    expect(groups.at(-1)).toBe(49);
    const [stored] = await store.read((db) => db.select().from(nluModels).where(eq(nluModels.key, "group-7")));
    expect(stored).toBeUndefined();
    other.close();
  });
});

describe("group commit under concurrent customers", () => {
  let built: Built;
  afterAll(() => built.close());

  it("answers 100 conversations at once, each in order, with far fewer commits than messages", async () => {
    built = await build();
    const conversations = 100;
    const rounds = 3;
    for (let round = 0; round < rounds; round++) {
      const answers = await Promise.all(
        Array.from({ length: conversations }, (_, c) =>
          send(built.app, { flowId: "echo", from: `group-${c}`, messageId: `group-${c}-${round}`, text: `m${round}` }),
        ),
      );
      for (const answer of answers) {
        expect(answer.statusCode).toBe(200);
        if (round > 0) expect(answer.json().replies[0].text).toBe(`Reçu : m${round}`);
      }
    }
    const histogram = await built.app.metrics.groupCommits.get();
    const count = histogram.values.find((v) => v.metricName === "relais_group_commit_transactions_count")?.value ?? 0;
    const sum = histogram.values.find((v) => v.metricName === "relais_group_commit_transactions_sum")?.value ?? 0;
    // Each message is one transaction, its step written with its inbox row: 300, in many fewer commits.
    expect(sum).toBeGreaterThanOrEqual(conversations * rounds);
    expect(count).toBeLessThan(sum / 5);
    const { inbox } = built.app.store.tables;
    const rows = await built.app.store.read((db) => db.select().from(inbox));
    expect(rows).toHaveLength(conversations * rounds);
    expect(rows.filter((row) => row.processedAt !== null && row.result !== null)).toHaveLength(conversations * rounds);
  });
});
