import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Built, build, fixtures, send, userWithRole } from "./helpers.js";

const DISPUTE = { en: "Open dispute", fr: "Litige en cours" };
const ORDER_STATUS = { en: "Order status", fr: "Suivi de commande" };

/**
 * A flow in French and English whose intent and escalation rule carry a label per language, as files
 * keep them (versions sorted by language code): what the customer asks for, then an order in dispute.
 */
const labelled = {
  schemaVersion: 1,
  id: "labelled",
  name: "Libellés",
  languages: ["fr", "en"],
  variables: { intent: { type: "object" }, order: { type: "object" } },
  escalation: {
    defaultQueue: "support",
    rules: [
      {
        id: "dispute",
        queue: "support",
        priority: "high",
        kind: "value",
        when: "order.dispute = true",
        label: DISPUTE,
      },
    ],
  },
  nodes: [
    { id: "start", type: "start", next: "what" },
    {
      id: "what",
      type: "intent",
      text: { en: "How can I help?", fr: "Que puis-je faire pour vous ?" },
      intents: [
        {
          id: "order_status",
          label: ORDER_STATUS,
          examples: {
            en: ["where is my order", "track my order", "my parcel is late", "order status", "has it shipped"],
            fr: ["où est ma commande", "suivi de commande", "colis en retard", "statut de commande", "expédiée ?"],
          },
          next: "lookup",
        },
        {
          id: "billing",
          examples: {
            en: ["my invoice", "a billing question", "I was charged twice", "refund my payment", "the bill"],
            fr: ["ma facture", "question de facturation", "débité deux fois", "remboursement", "la note"],
          },
          next: "lookup",
        },
      ],
      saveAs: "intent",
      fallback: "what",
    },
    {
      id: "lookup",
      type: "set",
      assign: [{ variable: "order", value: '{"number": "CMD-100003", "dispute": true}' }],
      next: "bye",
    },
    { id: "bye", type: "end" },
  ],
};

/** The shipped triage flow's intents and rules, and a flow labelled per language, on the REST channel. */
describe("labels of a handoff, for agents of any language", () => {
  let built: Built;
  let agent: string;
  const dir = mkdtempSync(join(tmpdir(), "relais-labels-"));

  beforeAll(async () => {
    cpSync(join(fixtures, "flows"), join(dir, "flows"), { recursive: true });
    writeFileSync(join(dir, "flows", "labelled.flow.json"), `${JSON.stringify(labelled, null, 2)}\n`);
    built = await build({}, { keepDir: dir });
    agent = await userWithRole(built.app, "agent", "alice");
  });
  afterAll(async () => {
    await built.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const get = (url: string) => built.app.inject({ method: "GET", url, headers: { cookie: agent } });

  async function englishHandoff(from: string) {
    const answer = await send(built.app, {
      flowId: "labelled",
      from,
      messageId: `${from}-1`,
      text: "Hello, where is my order?",
      language: "en",
    });
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.json().status).toBe("queued");
    return answer.json().conversationId as string;
  }

  it("keeps the rule's and the intent's labels in every language, the flow's first first, for an English customer", async () => {
    const id = await englishHandoff("+15550000001");
    const detail = await get(`/api/conversations/${id}`);
    expect(detail.statusCode, detail.body).toBe(200);
    const { handoff, transcript } = detail.json();
    expect(handoff.reason).toMatchObject({ ruleId: "dispute", kind: "value", label: DISPUTE });
    expect(Object.keys(handoff.reason.label)).toEqual(["fr", "en"]);
    expect(handoff.summary.intent).toEqual({ id: "order_status", confidence: expect.any(Number), label: ORDER_STATUS });
    const handedOff = transcript.find((entry: { event?: { event: string } }) => entry.event?.event === "handedOff");
    expect(handedOff.event.params.reason.label).toEqual(DISPUTE);

    const list = await get("/api/conversations");
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().find((row: { id: string }) => row.id === id).handoff.reason.label).toEqual(DISPUTE);

    const found = await get("/api/search?q=CMD-100003");
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json().results.find((hit: { id: string }) => hit.id === id).handoff.reason.label).toEqual(DISPUTE);
  });

  it("still shows a handoff recorded when its reason held one text in the customer's language", async () => {
    const id = await englishHandoff("+15550000002");
    const { handoffs, messages } = built.app.store.tables;
    await built.app.store.tx(async (db) => {
      const [row] = await db.select().from(handoffs).where(eq(handoffs.conversationId, id));
      const reason = { ...JSON.parse(row?.reason ?? "{}"), label: "Open dispute" };
      await db
        .update(handoffs)
        .set({ reason: JSON.stringify(reason) })
        .where(eq(handoffs.conversationId, id));
      await db
        .update(messages)
        .set({
          payload: JSON.stringify({ event: "handedOff", params: { queue: "support", priority: "high", reason } }),
        })
        .where(and(eq(messages.conversationId, id), eq(messages.role, "system")));
    });
    const detail = await get(`/api/conversations/${id}`);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json().handoff.reason.label).toBe("Open dispute");
    const list = await get("/api/conversations");
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().find((row: { id: string }) => row.id === id).handoff.reason.label).toBe("Open dispute");
    const found = await get("/api/search?q=CMD-100003");
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json().results.find((hit: { id: string }) => hit.id === id).handoff.reason.label).toBe("Open dispute");
  });

  it("publishes an intent's label, and refuses an empty one naming where it is", async () => {
    const editor = await userWithRole(built.app, "editor", "eve");
    const version = await built.app.inject({
      method: "GET",
      url: "/api/flows/labelled/versions/1",
      headers: { cookie: editor },
    });
    expect(version.statusCode, version.body).toBe(200);
    expect(version.json().flow.nodes[1].intents[0].label).toEqual(ORDER_STATUS);
    const emptied = JSON.parse(JSON.stringify(labelled).replace('"en":"Order status"', '"en":""'));
    const saved = await built.app.inject({
      method: "PUT",
      url: "/api/flows/labelled",
      headers: { cookie: editor },
      payload: { flow: emptied },
    });
    expect(saved.statusCode).toBe(400);
    expect(saved.json().error.problems).toContainEqual(
      expect.objectContaining({ pointer: "/nodes/1/intents/0/label/en", severity: "error" }),
    );
  });
});
