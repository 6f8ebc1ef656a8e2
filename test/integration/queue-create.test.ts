import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, type Built, build, login, userWithRole } from "./helpers.js";

let built: Built;
let admin: string;

beforeAll(async () => {
  built = await build();
  admin = await login(built.app, ADMIN.email, ADMIN.password);
});
afterAll(async () => {
  await built?.close();
});

const settings = async () =>
  (await built.app.inject({ url: "/api/queue-settings", headers: { cookie: admin } })).json() as ({
    id: string;
  } & Record<string, unknown>)[];

const returns = {
  id: "returns",
  name: "Retours",
  level: 1,
  timezone: "Europe/Paris",
  hours: { mon: [["09:00", "18:00"]] },
  holidays: [],
  slaMinutes: 45,
  outOfHoursText: { fr: "Nous revenons {{opensAt}}." },
};

const create = (payload: Record<string, unknown>, cookie = admin) =>
  built.app.inject({ method: "POST", url: "/api/queues", headers: { cookie }, payload });

describe("creating a queue", () => {
  it("creates one with its settings, and refuses an id already a queue's, whose settings stay as they were", async () => {
    const created = await create(returns);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({ id: "returns" });
    expect((await settings()).find((queue) => queue.id === "returns")).toMatchObject({
      name: "Retours",
      slaMinutes: 45,
    });

    const support = (await settings()).find((queue) => queue.id === "support");
    const again = await create({ ...returns, id: "support", name: "Support écrasé", slaMinutes: 5 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: "QUEUE_EXISTS", details: { id: "support" } });
    expect(again.json().error.message).toContain("There is already a queue `support`");
    expect((await settings()).find((queue) => queue.id === "support")).toEqual(support);
  });

  it("refuses hours that cannot work and ids that are no slug, and is for admins only", async () => {
    const never = await create({ ...returns, id: "never", hours: {} });
    expect(never.statusCode).toBe(400);
    expect(never.json().error.code).toBe("BAD_SCHEDULE");
    const badId = await create({ ...returns, id: "Pas un id" });
    expect(badId.statusCode).toBe(400);
    const supervisor = await userWithRole(built.app, "supervisor", "superviseuse");
    expect((await create({ ...returns, id: "by-supervisor" }, supervisor)).statusCode).toBe(403);
    expect((await settings()).map((queue) => queue.id)).not.toContain("never");
    expect((await settings()).map((queue) => queue.id)).not.toContain("by-supervisor");
  });
});
