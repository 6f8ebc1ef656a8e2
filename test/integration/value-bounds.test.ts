import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Built, build, fixtures, send } from "./helpers.js";

/** The report's flow: one `set` node that builds a text of millions of characters from the answer. */
const huge = {
  schemaVersion: 1,
  id: "huge",
  name: "Très grand",
  languages: ["fr"],
  variables: { answer: { type: "string" }, big: { type: "string" } },
  escalation: { defaultQueue: "support", rules: [] },
  nodes: [
    { id: "start", type: "start", next: "ask" },
    { id: "ask", type: "question", text: "Dites", input: { kind: "text" }, saveAs: "answer", next: "grow" },
    { id: "grow", type: "set", assign: [{ variable: "big", value: '$pad(answer, 33000000, "x")' }], next: "say" },
    { id: "say", type: "end", text: "{{ $length(big) }}" },
  ],
};

describe("bounded values and conversation state, on a real server", () => {
  let built: Built;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "relais-huge-"));
    cpSync(join(fixtures, "flows"), join(dir, "flows"), { recursive: true });
    writeFileSync(join(dir, "flows", "huge.flow.json"), JSON.stringify(huge));
    built = await build({ RELAIS_MAX_STATE_CHARS: "100000" }, { keepDir: dir });
  });
  afterAll(async () => {
    await built?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("hands the conversation over with the error at the node and field, and stores nothing large", async () => {
    await send(built.app, { flowId: "huge", from: "huge-1", messageId: "m-1", text: "Bonjour" });
    const answer = await send(built.app, { flowId: "huge", from: "huge-1", messageId: "m-2", text: "abc" });
    expect(answer.statusCode).toBe(200);
    expect(answer.json().status).toBe("queued");
    const { conversations, handoffs } = built.app.store.tables;
    const conversationId = answer.json().conversationId as string;
    const [conversation] = await built.app.store.read((db) =>
      db.select().from(conversations).where(eq(conversations.id, conversationId)),
    );
    expect(conversation?.state.length).toBeLessThan(100_000);
    const [handoff] = await built.app.store.read((db) =>
      db.select().from(handoffs).where(eq(handoffs.conversationId, conversationId)),
    );
    const reason = JSON.parse(handoff?.reason ?? "{}") as { message: string };
    expect(reason.message).toMatch(
      /node `grow` of flow `huge`, field `\/assign\/0\/value` failed: The expression built a text of 33000000 characters, more than the 65536 a value may hold/,
    );
    const metrics = await built.app.metrics.registry.getSingleMetricAsString("relais_runtime_errors_total");
    expect(metrics).toContain('code="EXPRESSION"');
    const health = await built.app.inject({ method: "GET", url: "/healthz" });
    expect(health.statusCode).toBe(200);
  });
});
