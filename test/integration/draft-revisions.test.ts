import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Built, build, userWithRole } from "./helpers.js";

describe("draft revisions and publishing only what changed", () => {
  let built: Built;
  let alice: string;
  let bob: string;
  beforeAll(async () => {
    built = await build();
    alice = await userWithRole(built.app, "editor", "alice");
    bob = await userWithRole(built.app, "editor", "bob");
  });
  afterAll(() => built.close());

  const as = (cookie: string, method: "GET" | "PUT" | "POST", url: string, payload?: object) =>
    built.app.inject({ method, url, payload, headers: { cookie } });
  const flowPath = () => join(built.dir, "flows", "echo.flow.json");
  const open = async (cookie: string) => (await as(cookie, "GET", "/api/flows/echo")).json();

  it("refuses a save made from an older revision, says who saved since and when, and writes nothing", async () => {
    const seenByAlice = await open(alice);
    const seenByBob = await open(bob);
    expect(seenByAlice.revision.id).toMatch(/^[0-9a-f]{16}$/);
    expect(seenByBob.revision.id).toBe(seenByAlice.revision.id);

    const aliceFlow = { ...seenByAlice.flow, name: "Écho d'Alice" };
    const first = await as(alice, "PUT", "/api/flows/echo", {
      flow: aliceFlow,
      baseRevision: seenByAlice.revision.id,
    });
    expect(first.statusCode).toBe(200);
    expect(first.json().revision).toMatchObject({ savedBy: "alice (alice@example.fr)" });
    expect(first.json().revision.id).not.toBe(seenByAlice.revision.id);
    const afterAlice = readFileSync(flowPath(), "utf8");

    const bobFlow = { ...seenByBob.flow, name: "Écho de Bob" };
    const refused = await as(bob, "PUT", "/api/flows/echo", { flow: bobFlow, baseRevision: seenByBob.revision.id });
    expect(refused.statusCode).toBe(409);
    const error = refused.json().error;
    expect(error.code).toBe("DRAFT_CHANGED");
    expect(error.message).toContain("alice (alice@example.fr)");
    expect(error.details.revision).toEqual(first.json().revision);
    expect(readFileSync(flowPath(), "utf8")).toBe(afterAlice);

    // Bob chooses to overwrite: he saves from the revision the refusal told him about.
    const overwrite = await as(bob, "PUT", "/api/flows/echo", {
      flow: bobFlow,
      baseRevision: error.details.revision.id,
    });
    expect(overwrite.statusCode).toBe(200);
    expect((await open(alice)).flow.name).toBe("Écho de Bob");
    expect((await open(alice)).revision).toEqual(overwrite.json().revision);
  });

  it("sees a hand edit of the file as a newer revision saved outside the designer", async () => {
    const seen = await open(alice);
    const edited = JSON.parse(readFileSync(flowPath(), "utf8"));
    edited.name = "Écho modifié à la main";
    writeFileSync(flowPath(), `${JSON.stringify(edited, null, 2)}\n`);
    const refused = await as(alice, "PUT", "/api/flows/echo", {
      flow: { ...seen.flow, name: "Écho d'Alice" },
      baseRevision: seen.revision.id,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details.revision.savedBy).toBeNull();
    expect(JSON.parse(readFileSync(flowPath(), "utf8")).name).toBe("Écho modifié à la main");
  });

  it("a layout save also moves the revision on", async () => {
    const seen = await open(alice);
    const moved = await as(alice, "PUT", "/api/flows/echo/layout", {
      layout: { flow: "echo", nodes: { start: { x: 0, y: 0 } } },
      baseRevision: seen.revision.id,
    });
    expect(moved.statusCode).toBe(200);
    const stale = await as(bob, "PUT", "/api/flows/echo", { flow: seen.flow, baseRevision: seen.revision.id });
    expect(stale.statusCode).toBe(409);
  });

  it("refuses to publish a draft identical to the live version, and creates no version", async () => {
    const live = (await as(alice, "GET", "/api/flows/echo/versions")).json();
    const liveVersion = live.find((v: { live: boolean }) => v.live);
    const liveFlow = (await as(alice, "GET", `/api/flows/echo/versions/${liveVersion.version}`)).json().flow;
    const seen = await open(alice);
    expect(
      (await as(alice, "PUT", "/api/flows/echo", { flow: liveFlow, baseRevision: seen.revision.id })).statusCode,
    ).toBe(200);
    const refused = await as(alice, "POST", "/api/flows/echo/publish", { note: "rien" });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({
      code: "NOTHING_TO_PUBLISH",
      details: { liveVersion: liveVersion.version },
    });
    expect((await as(alice, "GET", "/api/flows/echo/versions")).json()).toHaveLength(live.length);
  });

  it("publishes a changed draft, but not when it changed after the publisher reviewed it", async () => {
    const seen = await open(alice);
    const saved = await as(alice, "PUT", "/api/flows/echo", {
      flow: { ...seen.flow, name: "Écho publié" },
      baseRevision: seen.revision.id,
    });
    const reviewed = saved.json().revision.id;
    const bobSees = await open(bob);
    await as(bob, "PUT", "/api/flows/echo", {
      flow: { ...bobSees.flow, name: "Écho de Bob, pas relu" },
      baseRevision: bobSees.revision.id,
    });
    const refused = await as(alice, "POST", "/api/flows/echo/publish", { note: "relu", revision: reviewed });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe("DRAFT_CHANGED");
    expect(refused.json().error.details.revision.savedBy).toBe("bob (bob@example.fr)");

    const current = (await open(alice)).revision.id;
    const published = await as(alice, "POST", "/api/flows/echo/publish", { note: "relu", revision: current });
    expect(published.statusCode).toBe(201);
    const again = await as(alice, "POST", "/api/flows/echo/publish", { note: "encore", revision: current });
    expect(again.json().error.code).toBe("NOTHING_TO_PUBLISH");
  });
});
