import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, type Built, build, listenOnLoopback, login, send } from "./helpers.js";
import { dropSchema, freshSchema, POSTGRES_URL, requirePostgres } from "./postgres-server.js";
import { openSse } from "./sse-client.js";

const schema = freshSchema("relais_outbox");

/** A provider bridge behind RELAIS_REST_CALLBACK_URL that answers what each test tells it to. */
let bridge: Server;
let bridgeUrl: string;
let answers: number[] = [];
const received: { key: string; text: string }[] = [];
/** Texts with this mark get no answer until a test ends the wait: a provider that hangs. */
const HANG = "(sans réponse)";
const hanging: ServerResponse[] = [];
/** A REST customer of the `escalate` flow handed over, then claimed from the support queue by `cookie`'s user. */
async function escalatedAndClaimed(built: Built, cookie: string, from: string): Promise<string> {
  await send(built.app, { flowId: "escalate", from, messageId: `${from}-0`, text: "Bonjour" });
  const id = (await send(built.app, { flowId: "escalate", from, messageId: `${from}-1`, text: "aide" })).json()
    .conversationId as string;
  for (;;) {
    const claimed = await built.app.inject({ method: "POST", url: "/api/queues/support/claim", headers: { cookie } });
    if (claimed.json().conversation.id === id) return id;
  }
}

beforeAll(async () => {
  bridge = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      const text = JSON.parse(body).message.text as string;
      if (text.includes(HANG)) {
        hanging.push(response);
        return;
      }
      const status = answers.shift() ?? 200;
      if (status === 200) {
        received.push({ key: String(request.headers["idempotency-key"]), text });
      }
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => bridge.listen(0, "127.0.0.1", resolve));
  bridgeUrl = `http://127.0.0.1:${(bridge.address() as AddressInfo).port}/callback`;
});
afterAll(() => {
  for (const response of hanging.splice(0)) response.writeHead(200).end();
  return new Promise<void>((resolve) => bridge.close(() => resolve()));
});

describe.each([
  ["SQLite", {}],
  ["PostgreSQL", { DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: schema }],
] as const)("the outbox retries on its own on %s", (database, env) => {
  let built: Built;
  let base: string;
  let admin: string;
  beforeAll(async () => {
    if (database === "PostgreSQL") await requirePostgres();
    built = await build({
      ...env,
      // The callback is on a loopback address and nothing allows it for flows: the operator's
      // own destination is trusted by configuration, never refused by the flows' address guard.
      RELAIS_REST_CALLBACK_URL: bridgeUrl,
      RELAIS_OUTBOX_RETRY_MS: "20",
      RELAIS_OUTBOX_MAX_ATTEMPTS: "3",
    });
    base = await listenOnLoopback(built.app);
    admin = await login(built.app, ADMIN.email, ADMIN.password);
  });
  afterAll(async () => {
    await built?.close();
    if (database === "PostgreSQL") await dropSchema(schema);
  });

  /** A REST conversation the admin holds, ready for an agent reply. */
  async function held(from: string): Promise<string> {
    const id = await escalatedAndClaimed(built, admin, from);
    // The customer is told who took the case; that notice is sent before a test fails the callback.
    const { outbox } = built.app.store.tables;
    await expect
      .poll(async () =>
        (await built.app.store.read((db) => db.select().from(outbox))).filter((row) => !row.sentAt && !row.failedAt),
      )
      .toEqual([]);
    return id;
  }
  const reply = (id: string, text: string) =>
    built.app.inject({
      method: "POST",
      url: `/api/conversations/${id}/reply`,
      headers: { cookie: admin },
      payload: { text },
    });
  const outboxRow = async (text: string) => {
    const { outbox } = built.app.store.tables;
    const rows = await built.app.store.read((db) => db.select().from(outbox));
    return rows.find((row) => row.message.includes(text));
  };

  it("sends again after a failure, without any other send to wake it, and counts the attempts", async () => {
    const id = await held(`retry-1-${database}`);
    answers = [503, 503];
    await reply(id, `Votre colis part demain (${database})`);
    await expect.poll(() => received.map((each) => each.text)).toContain(`Votre colis part demain (${database})`);
    // The provider has the message before the sender hears its answer and marks the row sent.
    await expect
      .poll(async () => (await outboxRow(`Votre colis part demain (${database})`))?.sentAt)
      .toBeTypeOf("number");
    expect(await outboxRow(`Votre colis part demain (${database})`)).toMatchObject({ attempts: 2, failedAt: null });
  });

  it("gives up after the bound and tells the agents on the conversation", async () => {
    const id = await held(`retry-2-${database}`);
    const live = await openSse(`${base}/api/events`, { cookie: admin });
    answers = [503, 503, 503];
    await reply(id, `Remboursement envoyé (${database})`);
    const failed = await live.next((event) => event.event === "conversation.delivery_failed");
    expect(JSON.parse(failed.data)).toMatchObject({
      conversationId: id,
      attempts: 3,
      error: "The callback answered 503.",
    });
    live.close();
    const detail = (
      await built.app.inject({ method: "GET", url: `/api/conversations/${id}`, headers: { cookie: admin } })
    ).json();
    expect(detail.deliveryFailures).toEqual([
      expect.objectContaining({
        text: `Remboursement envoyé (${database})`,
        attempts: 3,
        error: "The callback answered 503.",
      }),
    ]);
    // What comes after is not held back by the message given up on.
    await reply(id, `Pardon pour le retard (${database})`);
    await expect.poll(() => received.map((each) => each.text)).toContain(`Pardon pour le retard (${database})`);
  });

  it("sends other conversations' messages while one waits on a provider that hangs, holding no lock meanwhile", async () => {
    const [stuck, other] = [await held(`hang-1-${database}`), await held(`hang-2-${database}`)];
    await reply(stuck, `Votre dossier est transmis ${HANG} (${database})`);
    await expect.poll(() => hanging.length).toBe(1);
    await reply(other, `Votre avoir est disponible (${database})`);
    await expect.poll(() => received.map((each) => each.text)).toContain(`Votre avoir est disponible (${database})`);
    expect(hanging).toHaveLength(1);
    if (database === "PostgreSQL") {
      // Nothing of the database waits with the provider: no lock on the conversation's sends.
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      const { rows } = await client.query(
        "select count(*)::int as held from pg_locks where locktype = 'advisory' and ((classid::bigint << 32) | objid::bigint) = hashtextextended($1, 0)",
        [`outbox:${stuck}`],
      );
      await client.end();
      expect(rows[0].held).toBe(0);
    }
    // Once the provider answers, the message is marked sent, and the conversation's next one goes out.
    await reply(stuck, `Nous revenons vers vous (${database})`);
    (hanging.shift() as ServerResponse).writeHead(200).end();
    await expect.poll(() => received.map((each) => each.text)).toContain(`Nous revenons vers vous (${database})`);
    expect((await outboxRow(`Votre dossier est transmis ${HANG} (${database})`))?.sentAt).toBeTypeOf("number");
  });

  it("waits about twice as long before each next retry", () => {
    const delays = [1, 2, 3, 4].map((attempt) => built.app.outbox.retryDelay(attempt));
    expect(delays[0]).toBeGreaterThanOrEqual(10);
    expect(delays[0]).toBeLessThanOrEqual(20);
    expect(delays[3]).toBeGreaterThanOrEqual(80);
    expect(delays[3]).toBeLessThanOrEqual(160);
  });
});

describe("an agent's reply to a REST customer without RELAIS_REST_CALLBACK_URL", () => {
  let built: Built;
  beforeAll(async () => {
    built = await build();
  });
  afterAll(() => built?.close());

  it("is shown to the agent as not delivered at once, never as sent", async () => {
    const admin = await login(built.app, ADMIN.email, ADMIN.password);
    const id = await escalatedAndClaimed(built, admin, "no-callback");
    await built.app.inject({
      method: "POST",
      url: `/api/conversations/${id}/reply`,
      headers: { cookie: admin },
      payload: { text: "Je regarde votre commande." },
    });
    const failures = async () =>
      (await built.app.inject({ method: "GET", url: `/api/conversations/${id}`, headers: { cookie: admin } })).json()
        .deliveryFailures as { text: string; attempts: number; error: string }[];
    await expect
      .poll(async () => (await failures()).find((failure) => failure.text === "Je regarde votre commande."))
      .toEqual(
        expect.objectContaining({
          attempts: 1,
          error: expect.stringContaining("RELAIS_REST_CALLBACK_URL is not set"),
        }),
      );
    const { outbox } = built.app.store.tables;
    const rows = await built.app.store.read((db) => db.select().from(outbox));
    expect(rows.filter((row) => row.sentAt !== null)).toEqual([]);
  });
});
