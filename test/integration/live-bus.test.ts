import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PgBus } from "../../runtime/store/bus.js";
import { POSTGRES_URL, requirePostgres } from "./postgres-server.js";

describe("live updates between processes (LISTEN/NOTIFY)", () => {
  const channel = `relais_bus_${process.pid}_${Date.now()}`;
  const errors: unknown[] = [];
  let pool: pg.Pool;
  let bus: PgBus;

  beforeAll(async () => {
    await requirePostgres();
    pool = new pg.Pool({ connectionString: POSTGRES_URL });
    bus = await PgBus.open({
      url: POSTGRES_URL,
      channel,
      pool,
      onError: (error) => errors.push(error),
      connectWithinMs: 5000,
    });
  });
  afterAll(async () => {
    await bus?.close();
    await pool?.end();
  });

  it("drops a notification it did not send without quoting it, and goes on delivering", async () => {
    await pool.query("SELECT pg_notify($1, $2)", [channel, "not json: camille.durand@exemple.fr"]);
    await pool.query("SELECT pg_notify($1, $2)", [channel, JSON.stringify(["camille.durand@exemple.fr"])]);
    const heard = new Promise((resolve) => bus.subscribe("conversation", resolve));
    bus.publish("conversation", { id: "c-1" });
    expect(await heard).toEqual({ id: "c-1" });
    expect(errors).toHaveLength(2);
    for (const error of errors) {
      expect(String((error as Error).message)).toMatch(
        /^a live message of \d+ bytes on relais_bus_\S+ is not one Relais sent; dropped$/,
      );
    }
  });
});
