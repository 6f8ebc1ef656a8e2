import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Built, build, send, userWithRole } from "./helpers.js";

describe("flows API", () => {
  let built: Built;
  let editor: string;
  beforeAll(async () => {
    built = await build();
    editor = await userWithRole(built.app, "editor", "flow-editor");
  });
  afterAll(() => built.close());

  const call = (method: "GET" | "PUT" | "POST", url: string, payload?: object) =>
    built.app.inject({ method, url, payload, headers: { cookie: editor } });
  const echo = () => JSON.parse(readFileSync(join(built.dir, "flows", "echo.flow.json"), "utf8"));

  it("published the fixture flows as version 1 at first start", async () => {
    const list = (await call("GET", "/api/flows")).json();
    const item = list.find((f: { id: string }) => f.id === "echo");
    expect(item).toMatchObject({ live: { version: 1 }, changed: false, problems: { errors: 0 } });
    const versions = (await call("GET", "/api/flows/echo/versions")).json();
    expect(versions).toEqual([
      expect.objectContaining({ version: 1, author: "system", note: "shipped flow", live: true }),
    ]);
  });

  it("refuses an invalid flow with the validator's problems and writes nothing", async () => {
    const before = readFileSync(join(built.dir, "flows", "echo.flow.json"), "utf8");
    const broken = {
      ...echo(),
      nodes: [
        { id: "start", type: "start", next: "ask" },
        { id: "ask", type: "question" },
      ],
    };
    const response = await call("PUT", "/api/flows/echo", { flow: broken });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.problems.some((p: { nodeId?: string }) => p.nodeId === "ask")).toBe(true);
    expect(readFileSync(join(built.dir, "flows", "echo.flow.json"), "utf8")).toBe(before);
  });

  it("saves canonically, publishes, diffs, rolls back, and keeps conversations on their version", async () => {
    const started = await send(built.app, { flowId: "echo", from: "pinned", messageId: "p-1", text: "Bonjour" });
    const flow = echo();
    flow.nodes[2].text = "Bien reçu : {{ answer }}";
    flow.nodes.push({ id: "bye", type: "end" });
    const saved = await call("PUT", "/api/flows/echo", { flow });
    expect(saved.statusCode).toBe(200);
    expect(readFileSync(join(built.dir, "flows", "echo.flow.json"), "utf8")).toMatch(/^\{\n {2}"schemaVersion"/);
    const diff = (await call("GET", "/api/flows/echo/diff?from=live&to=draft")).json();
    expect(diff).toEqual({ added: ["bye"], removed: [], changed: [{ id: "say", fields: ["text"] }] });
    const published = await call("POST", "/api/flows/echo/publish", { note: "nouveau texte" });
    expect(published.statusCode).toBe(201);
    expect(published.json().version).toBe(2);
    const old = await send(built.app, { flowId: "echo", from: "pinned", messageId: "p-2", text: "a" });
    expect(old.json().replies[0].text).toBe("Reçu : a");
    await send(built.app, { flowId: "echo", from: "fresh", messageId: "f-1", text: "Bonjour" });
    const fresh = await send(built.app, { flowId: "echo", from: "fresh", messageId: "f-2", text: "b" });
    expect(fresh.json().replies[0].text).toBe("Bien reçu : b");
    expect((await call("POST", "/api/flows/echo/rollback", { version: 1 })).json()).toEqual({ live: 1 });
    const versions = (await call("GET", "/api/flows/echo/versions")).json();
    expect(versions.find((v: { live: boolean }) => v.live).version).toBe(1);
    // A conversation started after the rollback is on version 1 again.
    await send(built.app, { flowId: "echo", from: "after-rollback", messageId: "r-1", text: "Bonjour" });
    const back = await send(built.app, { flowId: "echo", from: "after-rollback", messageId: "r-2", text: "c" });
    expect(back.json().replies[0].text).toBe("Reçu : c");
    expect(started.json().conversationId).toBe(old.json().conversationId);
  });

  it("blocks publishing a draft with lint errors", async () => {
    const flow = echo();
    flow.nodes.push({ id: "orphan", type: "message", text: "perdu" });
    expect((await call("PUT", "/api/flows/echo", { flow })).statusCode).toBe(200);
    const refused = await call("POST", "/api/flows/echo/publish", { note: "x" });
    expect(refused.statusCode).toBe(422);
    const problems = refused.json().error.problems as { severity: string; nodeId?: string }[];
    expect(problems.some((p) => p.severity === "error" && p.nodeId === "orphan")).toBe(true);
    expect((await call("GET", "/api/flows/echo/versions")).json()).toHaveLength(2);
  });

  it("creates a flow from a template and deletes it", async () => {
    const created = await call("POST", "/api/flows", {
      id: "copie",
      name: "Copie",
      template: "blank",
      duplicateOf: "echo",
    });
    expect(created.statusCode).toBe(201);
    const read = (await call("GET", "/api/flows/copie")).json();
    expect(read.flow.id).toBe("copie");
    expect(
      (await built.app.inject({ method: "DELETE", url: "/api/flows/copie", headers: { cookie: editor } })).statusCode,
    ).toBe(204);
    expect((await call("GET", "/api/flows/copie")).statusCode).toBe(404);
  });
});
