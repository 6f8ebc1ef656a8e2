import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AutoAssigner } from "../../runtime/queue/auto-assign.js";
import { ADMIN, ageSeen, type Built, build, listenOnLoopback, login, send, userWithRole } from "./helpers.js";
import { dropSchema, freshSchema, POSTGRES_URL, requirePostgres } from "./postgres-server.js";
import { openSse } from "./sse-client.js";

async function escalate(built: Built, from: string) {
  await send(built.app, { flowId: "escalate", from, messageId: `${from}-1`, text: "Bonjour" });
  const answer = await send(built.app, {
    flowId: "escalate",
    from,
    messageId: `${from}-2`,
    text: "mon colis est perdu",
  });
  return (answer.json() as { conversationId: string }).conversationId;
}

/** Looks again until `check` holds; automatic assignment runs beside the requests that wake it. */
async function until<T>(read: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const schema = freshSchema("relais_routing");

describe.each([
  ["SQLite", {}],
  ["PostgreSQL", { DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: schema }],
] as const)("presence and automatic assignment on %s", (database, env) => {
  let built: Built;
  let admin: string;
  let alice: string;
  let bruno: string;
  let carla: string;
  let base: string;
  const ids: Record<string, string> = {};

  const as = (cookie: string, method: "GET" | "POST" | "PUT", url: string, payload?: object) =>
    built.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const mine = async (cookie: string) =>
    ((await as(cookie, "GET", "/api/conversations?mine=1")).json() as { id: string }[]).map((c) => c.id);
  const routing = (settings: object) => as(admin, "PUT", "/api/queues/support/routing", settings);
  const presence = (cookie: string, status: string) => as(cookie, "PUT", "/api/presence/me", { status });
  /** What an open console sends every 30 s. */
  const heartbeat = (cookie: string) => as(cookie, "GET", "/api/presence/me");
  const resolveAll = async (cookie: string) => {
    for (const id of await mine(cookie)) {
      await as(cookie, "POST", `/api/conversations/${id}/resolve`, { disposition: "resolved" });
    }
  };

  beforeAll(async () => {
    if (database === "PostgreSQL") await requirePostgres();
    built = await build(env);
    base = await listenOnLoopback(built.app);
    admin = await login(built.app, ADMIN.email, ADMIN.password);
    alice = await userWithRole(built.app, "agent", "alice");
    bruno = await userWithRole(built.app, "agent", "bruno");
    carla = await userWithRole(built.app, "agent", "carla");
    for (const member of (await as(admin, "GET", "/api/users")).json() as { id: string; name: string }[]) {
      ids[member.name] = member.id;
    }
  });
  afterAll(async () => {
    await built?.close();
    if (database === "PostgreSQL") await dropSchema(schema);
  });

  it("shows a person away until they say they are available, and offline once their last session ends", async () => {
    expect((await as(alice, "GET", "/api/presence/me")).json()).toEqual({
      userId: ids.alice,
      presence: "away",
      load: 0,
    });
    expect((await presence(alice, "available")).json().presence).toBe("available");
    const extra = await login(built.app, "alice@example.fr", "alice-password-1");
    await as(extra, "POST", "/api/auth/logout");
    const floor = (await as(admin, "GET", "/api/presence")).json() as { userId: string; presence: string }[];
    expect(floor.find((p) => p.userId === ids.alice)?.presence).toBe("available");
    const sessionOfBruno = await login(built.app, "bruno@example.fr", "bruno-password-1");
    await presence(sessionOfBruno, "available");
    await as(sessionOfBruno, "POST", "/api/auth/logout");
    await as(bruno, "POST", "/api/auth/logout");
    const after = (await as(admin, "GET", "/api/presence")).json() as { userId: string; presence: string }[];
    expect(after.find((p) => p.userId === ids.bruno)?.presence).toBe("offline");
    bruno = await login(built.app, "bruno@example.fr", "bruno-password-1");
    // Back at work, they are as they left: available.
    expect((await as(bruno, "GET", "/api/presence/me")).json().presence).toBe("available");
    expect((await presence(bruno, "busy")).statusCode).toBe(400);
    expect((await presence(bruno, "away")).statusCode).toBe(200);
  });

  it("gives waiting cases to available people with room, never to someone away, and never beyond capacity", async () => {
    expect((await routing({ mode: "automatic", capacity: 1, allowPicking: true })).json()).toEqual({
      queueId: "support",
      mode: "automatic",
      capacity: 1,
      allowPicking: true,
    });
    const first = await escalate(built, "auto-1");
    const second = await escalate(built, "auto-2");
    expect(
      await until(
        () => mine(alice),
        (held) => held.length === 1,
      ),
    ).toEqual([first]);
    const queues = (await as(bruno, "GET", "/api/queues")).json() as { id: string; waiting: number }[];
    expect(queues.find((q) => q.id === "support")?.waiting).toBe(1);
    expect(await mine(bruno)).toEqual([]);
    const refused = await as(bruno, "POST", "/api/queues/support/claim");
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe("AUTOMATIC_QUEUE");

    await presence(bruno, "available");
    expect(
      await until(
        () => mine(bruno),
        (held) => held.length === 1,
      ),
    ).toEqual([second]);
    // Alice's room comes back when she resolves: the next case is hers.
    const third = await escalate(built, "auto-3");
    await as(alice, "POST", `/api/conversations/${first}/resolve`, { disposition: "resolved" });
    expect(
      await until(
        () => mine(alice),
        (held) => held.length === 1,
      ),
    ).toEqual([third]);
    const transcript = (await as(alice, "GET", `/api/conversations/${third}`)).json().transcript as {
      role: string;
      text: string;
    }[];
    expect(transcript.map((line) => line.text)).toContain("alice, du service client, prend le relais.");
    await resolveAll(alice);
    await resolveAll(bruno);
  });

  it("holds capacity under many arrivals at once", async () => {
    await routing({ mode: "automatic", capacity: 2, allowPicking: true });
    await Promise.all(Array.from({ length: 7 }, (_, i) => escalate(built, `burst-${i}`)));
    await until(
      async () => [...(await mine(alice)), ...(await mine(bruno))],
      (held) => held.length === 4,
    );
    const people = (await as(admin, "GET", "/api/presence")).json() as { userId: string; load: number }[];
    expect(people.filter((p) => p.userId === ids.alice || p.userId === ids.bruno).map((p) => p.load)).toEqual([2, 2]);
    const queues = (await as(admin, "GET", "/api/queues")).json() as { id: string; waiting: number }[];
    expect(queues.find((q) => q.id === "support")?.waiting).toBe(3);
    await presence(alice, "away");
    await presence(bruno, "away");
    await resolveAll(alice);
    await resolveAll(bruno);
  });

  it("keeps take next for manual queues and refuses picking where the queue turned it off", async () => {
    await routing({ mode: "manual", capacity: 2, allowPicking: false });
    const queues = (await as(alice, "GET", "/api/queues")).json() as { id: string; waiting: number }[];
    const waiting = (await as(alice, "GET", "/api/queues/support/waiting")).json() as { id: string }[];
    expect(waiting).toHaveLength(queues.find((q) => q.id === "support")?.waiting ?? -1);
    const picked = await as(alice, "POST", `/api/conversations/${waiting[1]!.id}/pick`);
    expect(picked.statusCode).toBe(403);
    expect(picked.json().error.code).toBe("PICKING_OFF");
    expect((await as(alice, "POST", "/api/queues/support/claim")).json().conversation.id).toBe(waiting[0]!.id);
    await routing({ mode: "manual", capacity: 2, allowPicking: true });
    expect((await as(alice, "POST", `/api/conversations/${waiting[2]!.id}/pick`)).statusCode).toBe(200);
  });

  it("refuses routing for an unknown queue or a capacity out of bounds, and lets only admins set it", async () => {
    expect(
      (await as(admin, "PUT", "/api/queues/nope/routing", { mode: "manual", capacity: 1, allowPicking: true })).json()
        .error.code,
    ).toBe("UNKNOWN_QUEUE");
    expect((await routing({ mode: "automatic", capacity: 0, allowPicking: true })).statusCode).toBe(400);
    expect(
      (await as(alice, "PUT", "/api/queues/support/routing", { mode: "manual", capacity: 1, allowPicking: true }))
        .statusCode,
    ).toBe(403);
    const all = (await as(alice, "GET", "/api/routing")).json() as { queueId: string; mode: string }[];
    expect(all.map((r) => r.queueId)).toEqual(["level2", "priority", "support"]);
  });

  it("counts people online only while a console of theirs says so, and gives cases only to them", async () => {
    const presenceOf = async () =>
      Object.fromEntries(
        ((await as(admin, "GET", "/api/presence")).json() as { userId: string; presence: string }[]).map((p) => [
          Object.keys(ids).find((name) => ids[name] === p.userId),
          p.presence,
        ]),
      );
    const waiting = async () =>
      ((await as(admin, "GET", "/api/queues")).json() as { id: string; waiting: number }[]).find(
        (q) => q.id === "support",
      )?.waiting;
    const assigner = new AutoAssigner({
      store: built.app.store,
      live: built.app.live,
      outbox: built.app.outbox,
      metrics: built.app.metrics,
      onError: (error) => {
        throw error;
      },
    });
    await resolveAll(alice);
    await resolveAll(bruno);
    await presence(alice, "available");
    await presence(bruno, "available");
    await presence(carla, "away");
    // Signed in, but no console heard from for the whole window: the browser was closed, or the laptop slept.
    await ageSeen(built.app);
    expect(await presenceOf()).toMatchObject({ alice: "offline", bruno: "offline", carla: "offline" });

    const aliceConsole = await openSse(`${base}/api/events`, { cookie: alice });
    const carlaConsole = await openSse(`${base}/api/events`, { cookie: carla });
    // Bruno watches the floor from the supervision page, which listens without saying he is at his console.
    const brunoWatching = await openSse(`${base}/api/events?present=false`, { cookie: bruno });
    expect(await presenceOf()).toMatchObject({ alice: "available", bruno: "offline", carla: "away" });
    // Time passes; the consoles' heartbeats keep their people online, and only them.
    await ageSeen(built.app);
    await heartbeat(alice);
    await heartbeat(carla);
    expect(await presenceOf()).toMatchObject({ alice: "available", bruno: "offline", carla: "away" });

    await routing({ mode: "automatic", capacity: 50, allowPicking: true });
    const fresh = await escalate(built, "console-1");
    await until(waiting, (count) => count === 0);
    expect(await mine(alice)).toContain(fresh);
    expect(await mine(bruno)).toEqual([]);
    expect(await mine(carla)).toEqual([]);
    brunoWatching.close();
    await resolveAll(alice);

    // Her laptop sleeps: its connection stays open on the server, but her console says nothing more.
    await ageSeen(built.app);
    await heartbeat(carla);
    expect(await presenceOf()).toMatchObject({ alice: "offline", carla: "away" });
    aliceConsole.close();
    const unseen = await escalate(built, "console-2");
    expect(await assigner.round()).toBe(0);
    // Another process read the people while she was still seen; giving the case checks again, and refuses.
    const { agentPresence } = built.app.store.tables;
    const [row] = await built.app.store.read((db) =>
      db.select({ seenAt: agentPresence.seenAt }).from(agentPresence).where(eq(agentPresence.userId, ids.alice!)),
    );
    expect(await assigner.round(row!.seenAt + 1)).toBe(0);
    expect(await waiting()).toBe(1);
    expect([...(await mine(alice)), ...(await mine(bruno)), ...(await mine(carla))]).toEqual([]);

    // Back at the console, she is what she chose at once, and the waiting case is hers.
    const back = await openSse(`${base}/api/events`, { cookie: alice });
    expect((await presenceOf()).alice).toBe("available");
    await assigner.round();
    expect(
      await until(
        () => mine(alice),
        (held) => held.length === 1,
      ),
    ).toEqual([unseen]);
    back.close();

    carlaConsole.close();
    await ageSeen(built.app);
    expect((await presenceOf()).carla).toBe("offline");
    await heartbeat(carla);
    expect((await presenceOf()).carla).toBe("away");
    await routing({ mode: "manual", capacity: 2, allowPicking: true });
    await resolveAll(alice);
  });
});

describe("automatic assignment across two processes on one PostgreSQL database", () => {
  const shared = freshSchema("relais_routing_procs");
  let one: Built;
  let two: Built;

  beforeAll(async () => {
    await requirePostgres();
    one = await build({ DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: shared });
    two = await build({ DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: shared });
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await dropSchema(shared);
  });

  it("never gives a person more than the queue's capacity, whichever process the cases arrive on", async () => {
    const admin = await login(one.app, ADMIN.email, ADMIN.password);
    const agents = [await userWithRole(one.app, "agent", "carla"), await userWithRole(one.app, "agent", "david")];
    for (const cookie of agents) {
      await one.app.inject({
        method: "PUT",
        url: "/api/presence/me",
        headers: { cookie },
        payload: { status: "available" },
      });
    }
    await one.app.inject({
      method: "PUT",
      url: "/api/queues/support/routing",
      headers: { cookie: admin },
      payload: { mode: "automatic", capacity: 3, allowPicking: true },
    });
    await Promise.all(Array.from({ length: 12 }, (_, i) => escalate(i % 2 === 0 ? one : two, `procs-${i}`)));
    const loads = await until(
      async () =>
        (
          (await one.app.inject({ method: "GET", url: "/api/presence", headers: { cookie: admin } })).json() as {
            load: number;
          }[]
        ).map((p) => p.load),
      (values) => values.reduce((a, b) => a + b, 0) === 6,
    );
    expect(loads.filter((load) => load > 0)).toEqual([3, 3]);
    // Both processes keep looking; nothing more is given out once everyone is full.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const queues = (await two.app.inject({ method: "GET", url: "/api/queues", headers: { cookie: admin } })).json() as {
      id: string;
      waiting: number;
    }[];
    expect(queues.find((q) => q.id === "support")?.waiting).toBe(6);
  });

  it("keeps a person online from the heartbeats another process hears, and no longer once they stop", async () => {
    const admin = await login(one.app, ADMIN.email, ADMIN.password);
    const erin = await userWithRole(one.app, "agent", "erin");
    await one.app.inject({
      method: "PUT",
      url: "/api/presence/me",
      headers: { cookie: erin },
      payload: { status: "away" },
    });
    const users = (await one.app.inject({ method: "GET", url: "/api/users", headers: { cookie: admin } })).json() as {
      id: string;
      name: string;
    }[];
    const id = users.find((user) => user.name === "erin")?.id;
    const erinOnOne = async () =>
      (
        (await one.app.inject({ method: "GET", url: "/api/presence", headers: { cookie: admin } })).json() as {
          userId: string;
          presence: string;
        }[]
      ).find((p) => p.userId === id)?.presence;
    await ageSeen(one.app);
    expect(await erinOnOne()).toBe("offline");

    const onTwo = await openSse(`${await listenOnLoopback(two.app)}/api/events`, { cookie: erin });
    expect(await erinOnOne()).toBe("away");
    await ageSeen(one.app);
    expect(await erinOnOne()).toBe("offline");
    // Her console's heartbeat reaches process two, behind the load balancer; process one sees it.
    await two.app.inject({ method: "GET", url: "/api/presence/me", headers: { cookie: erin } });
    expect(await erinOnOne()).toBe("away");
    onTwo.close();
    await ageSeen(one.app);
    expect(await erinOnOne()).toBe("offline");
  });
});
