import { describe, expect, it } from "vitest";
import { compileFlow } from "../../../runtime/engine/index.js";
import type { StepResult } from "../../../runtime/engine/types.js";
import type { Flow } from "../../../schema/index.js";
import { Conversation, makeDeps, makeFlow } from "./harness.js";

const ORDER_STATUS = { en: "Order status", fr: "Suivi de commande" };

function handoffOf(result: Pick<StepResult, "status">) {
  if (result.status.type !== "handoff") throw new Error(`expected a handoff, got ${result.status.type}`);
  return result.status.handoff;
}

/** An intent node saving into `intent`, then a handoff: what the customer wants goes to the agent. */
function intentNodes(next: string): Flow["nodes"] {
  return [
    {
      id: "what",
      type: "intent",
      intents: [
        {
          id: "order_status",
          label: ORDER_STATUS,
          examples: { fr: ["où est ma commande"], en: ["where is my order"] },
          next,
        },
        { id: "billing", examples: { fr: ["ma facture"], en: ["my invoice"] }, next },
      ],
      saveAs: "intent",
      fallback: "what",
    },
  ];
}

const classifyAs = (intent: string, confidence = 0.9) => makeDeps({ classify: () => [{ intent, confidence }] });

describe("labels a handoff keeps for the agents", () => {
  it("keeps a rule's label in every language, the flow's first language first, whatever the customer's; one text as it is", async () => {
    for (const languages of [
      ["fr", "en"],
      ["en", "fr"],
    ]) {
      const flow = makeFlow([{ id: "start", type: "start" }], {
        languages,
        escalation: {
          defaultQueue: "support",
          rules: [
            {
              id: "dispute",
              kind: "value",
              when: "order.dispute = true",
              queue: "priority",
              priority: "high",
              label: { en: "Open dispute", fr: "Litige en cours" },
            },
          ],
        },
      });
      const result = await new Conversation(flow).start({ order: { dispute: true } }, "en");
      const { label } = handoffOf(result).reason;
      expect(label).toEqual({ fr: "Litige en cours", en: "Open dispute" });
      expect(Object.keys(label ?? {})).toEqual(languages);
    }
    const oneText = makeFlow([{ id: "start", type: "start" }], {
      escalation: {
        defaultQueue: "support",
        rules: [{ id: "vip", kind: "value", when: "vip", queue: "priority", priority: "high", label: "Client VIP" }],
      },
    });
    expect(handoffOf(await new Conversation(oneText).start({ vip: true }, "en")).reason.label).toBe("Client VIP");
  });

  it("gives the recognised intent its label in the summary, never in the conversation's variables", async () => {
    const flow = makeFlow([
      { id: "start", type: "start", next: "what" },
      ...intentNodes("to-person"),
      { id: "to-person", type: "handoff", queue: "support" },
    ]);
    const conversation = new Conversation(flow, classifyAs("order_status"));
    await conversation.start(undefined, "en");
    const handoff = handoffOf(await conversation.say("where is my order"));
    expect(handoff.summary.intent).toEqual({ id: "order_status", confidence: 0.9, label: ORDER_STATUS });
    expect(Object.keys((handoff.summary.intent as { label: object }).label)).toEqual(["fr", "en"]);
    expect(conversation.variables.intent).toEqual({ id: "order_status", confidence: 0.9 });

    const unlabelled = new Conversation(flow, classifyAs("billing"));
    await unlabelled.start();
    expect(handoffOf(await unlabelled.say("ma facture")).summary.intent).toEqual({ id: "billing", confidence: 0.9 });
  });

  it("finds the label in a flow the conversation jumped to and came back from", async () => {
    const child = compileFlow(
      makeFlow([{ id: "start", type: "start", next: "what" }, ...intentNodes("back"), { id: "back", type: "return" }], {
        id: "child",
      }),
    );
    const root = makeFlow([
      { id: "start", type: "start", next: "ask" },
      { id: "ask", type: "jump", flow: "child", next: "to-person" },
      { id: "to-person", type: "handoff", queue: "support" },
    ]);
    const deps = makeDeps({ classify: () => [{ intent: "order_status", confidence: 0.8 }] }, [child]);
    const conversation = new Conversation(root, deps);
    await conversation.start();
    const handoff = handoffOf(await conversation.say("où est ma commande"));
    expect(handoff.flowId).toBe("test-flow");
    expect(handoff.summary.intent).toEqual({ id: "order_status", confidence: 0.8, label: ORDER_STATUS });
  });

  it("names the nearest intent by its label when the bot is unsure", async () => {
    const flow = makeFlow([{ id: "start", type: "start", next: "what" }, ...intentNodes("what")], {
      escalation: {
        defaultQueue: "support",
        rules: [{ id: "unsure", kind: "lowConfidence", floor: 0.6, queue: "support", priority: "normal" }],
      },
    });
    const conversation = new Conversation(flow, classifyAs("order_status", 0.4));
    await conversation.start();
    const { reason } = handoffOf(await conversation.say("hmm"));
    expect(reason).toMatchObject({
      kind: "lowConfidence",
      values: { intent: "order_status", confidence: 0.4, intentLabel: ORDER_STATUS },
    });
  });
});
