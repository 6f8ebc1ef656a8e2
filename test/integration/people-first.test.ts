import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { peopleFirst } from "../../runtime/store/people-first.js";
import { ADMIN, type Built, build, login, send } from "./helpers.js";

describe("a person's work under load on SQLite", () => {
  let built: Built;
  let cookie: string;

  beforeAll(async () => {
    built = await build();
    cookie = await login(built.app, ADMIN.email, ADMIN.password);
  });
  afterAll(() => built?.close());

  /**
   * One turn holds the connection while `count` more queue behind it, as the messages in flight do under
   * load, each over a turn of the event loop as a message's I/O is; `ran` counts those done.
   */
  async function messagesInFlight(count: number) {
    const { store } = built.app;
    let release = () => {};
    let holds = () => {};
    const held = new Promise<void>((resolve) => (holds = resolve));
    const holding = store.read(
      () =>
        new Promise<void>((resolve) => {
          release = resolve;
          holds();
        }),
    );
    await held;
    const state = { ran: 0, release: () => release(), done: Promise.resolve() };
    const queued = Array.from({ length: count }, () =>
      store.read(async () => {
        await new Promise((resolve) => setImmediate(resolve));
        state.ran++;
      }),
    );
    state.done = Promise.all([holding, ...queued]).then(() => undefined);
    return state;
  }

  it("takes its turn of the store ahead of the messages waiting for theirs", async () => {
    const load = await messagesInFlight(50);
    const person = peopleFirst.run(true, () => built.app.store.read(async () => load.ran));
    const customer = built.app.store.read(async () => load.ran);
    load.release();
    expect(await person).toBe(0);
    expect(await customer).toBe(50);
    await load.done;
  });

  it("has its writes committed ahead of the messages waiting, not after them", async () => {
    const load = await messagesInFlight(50);
    const { store } = built.app;
    const person = peopleFirst.run(true, () => store.tx(async () => load.ran).then(() => load.ran));
    load.release();
    expect(await person).toBeLessThan(5);
    await load.done;
    const customer = store.tx(async () => load.ran).then(() => load.ran);
    expect(await customer).toBe(50);
  });

  it("is every request with a session or an API token, and no customer's message", async () => {
    const load = await messagesInFlight(50);
    const person = built.app
      .inject({ method: "GET", url: "/api/queues", headers: { cookie } })
      .then((response) => ({ status: response.statusCode, messagesBefore: load.ran }));
    const customer = send(built.app, {
      flowId: "echo",
      from: "+33600000009",
      messageId: "m-1",
      text: "Bonjour",
    }).then((response) => ({ status: response.statusCode, messagesBefore: load.ran }));
    // Both requests reach the store and wait for their turn.
    await new Promise((resolve) => setTimeout(resolve, 50));
    load.release();
    await load.done;
    // The request takes several turns, each ahead of those of the messages waiting then.
    const answered = await person;
    expect(answered.status).toBe(200);
    expect(answered.messagesBefore).toBeLessThan(25);
    expect(await customer).toEqual({ status: 200, messagesBefore: 50 });
  });
});
