import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Built, build, send } from "./helpers.js";

/** The shipped triage flow on the REST channel: what a customer's first message does. */
describe("a conversation's opening message on the REST channel", () => {
  let built: Built;
  const flows = mkdtempSync(join(tmpdir(), "relais-opening-"));
  beforeAll(async () => {
    cpSync("flows", flows, { recursive: true });
    built = await build({ FLOWS_DIR: flows });
  });
  afterAll(async () => {
    await built.close();
    rmSync(flows, { recursive: true, force: true });
  });

  it("routes what the customer wrote first, and gives the flow who wrote it", async () => {
    const response = await send(built.app, {
      flowId: "triage",
      from: "+33611111111",
      messageId: "open-1",
      text: "Bonjour, où en est ma commande ?",
    });
    const answer = response.json();
    expect(answer.status).toBe("bot");
    expect(answer.replies.map((reply: { text: string }) => reply.text)).toEqual([
      expect.stringMatching(/^Bonjour ! Je suis l'assistant/),
      "Pour vous identifier, que préférez-vous me donner ?",
    ]);
    const { conversations } = built.app.store.tables;
    const [row] = await built.app.store.read((db) => db.select().from(conversations));
    const state = JSON.parse(row?.state ?? "{}");
    expect(state.variables.contact).toEqual({ channel: "rest", address: "+33611111111" });
    expect(state.variables.intent.id).toBe("order_status");
  });

  it("only asks after a plain hello, counting no failed answer", async () => {
    const response = await send(built.app, {
      flowId: "triage",
      from: "+33622222222",
      messageId: "open-2",
      text: "Bonjour",
    });
    expect(response.json().replies.map((reply: { text: string }) => reply.text)).toEqual([
      expect.stringMatching(/^Bonjour !/),
      "Que puis-je faire pour vous ?",
    ]);
  });
});
