import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../runtime/app.js";
import { loadConfig } from "../../runtime/config.js";
import { openStore } from "../../runtime/store/db.js";
import { isUnreachable } from "../../runtime/store/failure.js";
import { crmEnv, dirWithLookupFlow, hangingCrm } from "./hanging-crm.js";
import { ADMIN, type Built, build, fixtures, send } from "./helpers.js";
import { dropSchema, freshSchema, POSTGRES_URL, requirePostgres } from "./postgres-server.js";
import { TcpProxy } from "./tcp-proxy.js";

const schema = freshSchema("relais_lost");

describe("PostgreSQL lost while running", () => {
  let built: Built;
  let proxy: TcpProxy;
  let crm: Awaited<ReturnType<typeof hangingCrm>>;
  let dir: string;
  /** Looks at the rows straight on the server, not through the runtime's cut connection. */
  const direct = new pg.Client({ connectionString: POSTGRES_URL });
  const inboxRow = async (externalId: string) => {
    const { rows } = await direct.query<{ processed_at: string | null; result: string | null }>(
      `select processed_at, result from ${schema}.inbox where external_id = $1`,
      [externalId],
    );
    return rows[0];
  };

  beforeAll(async () => {
    await requirePostgres();
    await direct.connect();
    const relayed = await TcpProxy.toDatabase(POSTGRES_URL);
    proxy = relayed.proxy;
    crm = await hangingCrm();
    dir = dirWithLookupFlow();
    built = await build({ DATABASE_URL: relayed.url, DATABASE_SCHEMA: schema, ...crmEnv(crm.url) }, { keepDir: dir });
  });
  afterAll(async () => {
    await crm?.close();
    await proxy?.restore();
    await built?.close();
    await proxy?.cut();
    rmSync(dir, { recursive: true, force: true });
    await direct.end();
    await dropSchema(schema);
  });

  it("answers 503 with Retry-After while it is gone, loses nothing it accepted, and resumes by itself", async () => {
    const first = await send(built.app, { flowId: "echo", from: "lost-a", messageId: "a-0", text: "Bonjour" });
    expect(first.statusCode).toBe(200);
    // Accepted (in the inbox) and waiting on the CRM when the database goes away.
    const looking = send(built.app, { flowId: "lookup", from: "lost-b", messageId: "b-0", text: "Bonjour" });
    await crm.waitingFor(1);
    expect((await inboxRow("b-0"))?.processed_at).toBeNull();

    await proxy.cut();
    const refused = await send(built.app, { flowId: "echo", from: "lost-a", messageId: "a-1", text: "encore" });
    expect(refused.statusCode).toBe(503);
    expect(refused.headers["retry-after"]).toBe("5");
    expect(refused.json().error.code).toBe("DATABASE_UNAVAILABLE");
    // Marked down: the next ones, and the load balancer's health check, are refused at once.
    const following = await send(built.app, { flowId: "echo", from: "lost-c", messageId: "c-0", text: "Bonjour" });
    expect(following.statusCode).toBe(503);
    expect(following.headers["retry-after"]).toBe("5");
    const health = await built.app.inject({ method: "GET", url: "/healthz" });
    expect(health.statusCode).toBe(503);
    // The CRM answers while the database is gone: that message cannot be written, and its sender hears 503.
    crm.release();
    const lookedUp = await looking;
    expect(lookedUp.statusCode).toBe(503);
    expect(lookedUp.headers["retry-after"]).toBeDefined();

    await proxy.restore();
    // Nobody sends anything: the accepted message is processed once the database answers.
    let row = await inboxRow("b-0");
    while (!row?.processed_at) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      row = await inboxRow("b-0");
    }
    const { rows: replies } = await direct.query<{ text: string }>(
      `select text from ${schema}.messages where reply_to = 'b-0' and role = 'bot' order by id`,
    );
    expect(replies[0]?.text).toBe("Bonjour lost-b");
    // Sent again, it gets the answer it was given, and the refused ones go through now.
    const again = await send(built.app, { flowId: "lookup", from: "lost-b", messageId: "b-0", text: "Bonjour" });
    expect(again.statusCode).toBe(200);
    expect(again.json().replies[0].text).toBe("Bonjour lost-b");
    const retried = await send(built.app, { flowId: "echo", from: "lost-a", messageId: "a-1", text: "encore" });
    expect(retried.statusCode).toBe(200);
    expect(retried.json().replies[0].text).toBe("Reçu : encore");
    expect((await built.app.inject({ method: "GET", url: "/healthz" })).statusCode).toBe(200);
    const { rows } = await direct.query<{ text: string; role: string }>(
      `select m.role, m.text from ${schema}.messages m join ${schema}.conversations c on c.id = m.conversation_id
       where c.address = 'lost-a' order by m.id`,
    );
    expect(rows.filter((m) => m.role === "customer").map((m) => m.text)).toEqual(["Bonjour", "encore"]);
  });

  it("answers 503 when the database stops answering instead of waiting on it, and resumes when it answers again", async () => {
    const before = await send(built.app, { flowId: "echo", from: "frozen-a", messageId: "f-0", text: "Bonjour" });
    expect(before.statusCode).toBe(200);

    // Every connection stays open and nothing comes back: no error says the database is gone.
    proxy.freeze();
    const held = await send(built.app, { flowId: "echo", from: "frozen-a", messageId: "f-1", text: "encore" });
    expect(held.statusCode).toBe(503);
    expect(held.headers["retry-after"]).toBe("5");
    expect(held.json().error.code).toBe("DATABASE_UNAVAILABLE");
    const health = await built.app.inject({ method: "GET", url: "/healthz" });
    expect(health.statusCode).toBe(503);
    // Its connections dropped, a new one towards it gives up too, instead of holding a place in the pool.
    const opening = built.app.store.read((db) => db.select().from(built.app.store.tables.queues));
    await expect(opening).rejects.toSatisfy(isUnreachable);

    await proxy.restore();
    let status = health.statusCode;
    while (status !== 200) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await built.app.inject({ method: "GET", url: "/healthz" })).statusCode;
    }
    const retried = await send(built.app, { flowId: "echo", from: "frozen-a", messageId: "f-1", text: "encore" });
    expect(retried.statusCode).toBe(200);
    expect(retried.json().replies[0].text).toBe("Reçu : encore");
    const { rows } = await direct.query<{ text: string; role: string }>(
      `select m.role, m.text from ${schema}.messages m join ${schema}.conversations c on c.id = m.conversation_id
       where c.address = 'frozen-a' order by m.id`,
    );
    expect(rows.filter((m) => m.role === "customer").map((m) => m.text)).toEqual(["Bonjour", "encore"]);
  });
});

describe("PostgreSQL that stops answering at shutdown", () => {
  const frozenSchema = freshSchema("relais_lost_close");
  let proxy: TcpProxy | undefined;
  let dataDir: string | undefined;
  afterAll(async () => {
    await proxy?.restore();
    await proxy?.cut();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    await dropSchema(frozenSchema);
  });

  it("closes anyway: past the deadline the connections it waits on are dropped, and what waited fails", async () => {
    await requirePostgres();
    const relayed = await TcpProxy.toDatabase(POSTGRES_URL);
    proxy = relayed.proxy;
    dataDir = mkdtempSync(join(tmpdir(), "relais-lost-close-"));
    const store = await openStore({ dataDir, databaseUrl: relayed.url, databaseSchema: frozenSchema });
    await store.started();
    await store.read((db) => db.select().from(store.tables.queues));
    // A deploy stops the process while a read waits on a server that answers nothing (what it sent is held).
    proxy.freeze();
    const waiting = store.read((db) => db.select().from(store.tables.queues));
    waiting.catch(() => undefined);
    await expect.poll(() => proxy?.holding).toBeGreaterThan(0);
    await expect(store.close()).resolves.toBeUndefined();
    await expect(waiting).rejects.toThrow();
  });
});

describe("PostgreSQL lost between start-up and the first request", () => {
  const startSchema = freshSchema("relais_lost_start");
  let proxy: TcpProxy | undefined;
  let dir: string | undefined;
  let app: FastifyInstance | undefined;
  afterAll(async () => {
    await proxy?.restore();
    await app?.close();
    await proxy?.cut();
    if (dir) rmSync(dir, { recursive: true, force: true });
    await dropSchema(startSchema);
  });

  it("starts anyway, and takes up the messages a crash left once the database is back", async () => {
    await requirePostgres();
    const relayed = await TcpProxy.toDatabase(POSTGRES_URL);
    proxy = relayed.proxy;
    dir = mkdtempSync(join(tmpdir(), "relais-lost-start-"));
    cpSync(join(fixtures, "flows"), join(dir, "flows"), { recursive: true });
    app = await buildApp(
      loadConfig({
        DATA_DIR: join(dir, "data"),
        FLOWS_DIR: join(dir, "flows"),
        DESIGNER_DIR: join(dir, "no-designer"),
        RELAIS_ADMIN_EMAIL: ADMIN.email,
        RELAIS_ADMIN_PASSWORD: ADMIN.password,
        LOG_LEVEL: "silent",
        DATABASE_URL: relayed.url,
        DATABASE_SCHEMA: startSchema,
      }),
    );
    // A message the process before this one accepted and did not get to process.
    const direct = new pg.Client({ connectionString: POSTGRES_URL });
    await direct.connect();
    try {
      await direct.query(
        `insert into ${startSchema}.inbox (channel, external_id, flow_id, address, payload, received_at)
         values ('rest', 'left-0', 'echo', 'left-a', '{"text":"Bonjour"}', $1)`,
        [Date.now()],
      );
      // The database goes away as the runtime takes up what waited, before it listens.
      await proxy.cut();
      await expect(app.ready()).resolves.toBeDefined();
      expect((await app.inject({ method: "GET", url: "/healthz" })).statusCode).toBe(503);

      await proxy.restore();
      // Nobody sends anything: the probe finds the database back and the message is processed.
      const processedAt = async () =>
        (await direct.query(`select processed_at from ${startSchema}.inbox where external_id = 'left-0'`)).rows[0]
          ?.processed_at;
      while ((await processedAt()) === null) await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await direct.end();
    }
  });
});
