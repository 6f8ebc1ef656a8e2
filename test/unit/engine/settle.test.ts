import { describe, expect, it } from "vitest";
import { compileFlow, MAX_EFFECTS_PER_INPUT, settle } from "../../../runtime/engine/index.js";
import type { HttpResult } from "../../../runtime/engine/types.js";
import { makeDeps, makeFlow } from "./harness.js";

const ok: HttpResult = { ok: true, status: 200, headers: {}, body: { found: true } };

const lookupThenAsk = makeFlow([
  { id: "start", type: "start", next: "lookup" },
  { id: "lookup", type: "http", method: "GET", url: "https://crm.example/me", next: "ask", onError: "ask" },
  { id: "ask", type: "question", text: "Votre e-mail ?", input: { kind: "email" }, saveAs: "email", next: "again" },
  { id: "again", type: "http", method: "GET", url: "https://crm.example/{{ email }}", next: "bye", onError: "bye" },
  { id: "bye", type: "end", text: "Merci" },
]);

describe("settle", () => {
  it("answers each effect and gathers the turn's outputs, events and calls", async () => {
    const compiled = compileFlow(lookupThenAsk);
    const first = await settle(compiled, undefined, { type: "start" }, makeDeps(), async () => ok);
    expect(first.status).toEqual({ type: "wait", nodeId: "ask" });
    expect(first.calls.map((call) => call.request.url)).toEqual(["https://crm.example/me"]);
    expect(first.outputs.map((output) => output.text)).toEqual(["Votre e-mail ?"]);
    const second = await settle(compiled, first.state, { type: "text", text: "a@b.fr" }, makeDeps(), async () => ok);
    expect(second.status).toEqual({ type: "end" });
    expect(second.calls.map((call) => call.request.url)).toEqual(["https://crm.example/a%40b.fr"]);
    expect(second.events.filter((event) => event.type === "node").map((event) => event.nodeId)).toEqual([
      "again",
      "bye",
    ]);
  });

  it("stops at an effect it cannot answer", async () => {
    const turn = await settle(
      compileFlow(lookupThenAsk),
      undefined,
      { type: "start" },
      makeDeps(),
      async () => undefined,
    );
    expect(turn.status.type).toBe("effect");
    expect(turn.state.pendingEffect?.nodeId).toBe("lookup");
  });

  it("ends a loop of lookups with no question in a handoff, however the effects are answered", async () => {
    const loop = makeFlow(
      [
        { id: "start", type: "start", next: "poll" },
        { id: "poll", type: "http", method: "GET", url: "https://crm.example/status", next: "poll", onError: "poll" },
      ],
      { escalation: { defaultQueue: "support", rules: [] } },
    );
    let calls = 0;
    const turn = await settle(compileFlow(loop), undefined, { type: "start" }, makeDeps(), async () => {
      calls++;
      return ok;
    });
    expect(calls).toBe(MAX_EFFECTS_PER_INPUT);
    expect(turn.errors).toMatchObject([{ code: "STEP_LIMIT", nodeId: "poll" }]);
    expect(turn.status).toMatchObject({ type: "handoff", handoff: { queue: "support", reason: { ruleId: "error" } } });
  });
});
