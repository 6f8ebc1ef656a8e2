import { describe, expect, it } from "vitest";
import { humanRequestKeyword } from "../../../runtime/engine/human-request.js";
import { shippedFlow } from "../nlu/shipped.js";
import { Conversation } from "./harness.js";

describe("asking for a person, always heard", () => {
  it.each([
    ["un agent svp", "fr"],
    ["mettez-moi en relation", "fr"],
    ["y a quelqu'un ?", "fr"],
    ["je veux une vraie personne", "fr"],
    ["representative", "fr"],
    ["real person", "fr"],
    ["representative", "en"],
    ["real person please", "en"],
    ["agent", "en"],
    ["is anyone there?", "en"],
  ])("hears %j in a conversation in %s", (text, language) => {
    expect(humanRequestKeyword(text, language)).toBeDefined();
  });

  it.each([
    ["l'agent de livraison n'est pas passé", "fr"],
    ["ma commande CMD-100001", "fr"],
    ["where is my order", "en"],
  ])("does not take %j (%s) for one", (text, language) => {
    expect(humanRequestKeyword(text, language)).toBeUndefined();
  });

  it("hands over at a question step, quoting what was said", async () => {
    const conversation = new Conversation(shippedFlow("identify-customer"));
    await conversation.start();
    const result = await conversation.say("y a quelqu'un ?");
    expect(result.status.type).toBe("handoff");
    if (result.status.type !== "handoff") return;
    expect(result.status.handoff.reason).toMatchObject({
      ruleId: "asks-for-person",
      kind: "humanRequest",
      values: { text: "y a quelqu'un ?", keyword: "quelqu un" },
    });
  });

  it("hears an English request in a French conversation, as the triage flow's first answer", async () => {
    const conversation = new Conversation(shippedFlow("triage"));
    await conversation.start(undefined, "fr");
    const result = await conversation.say("representative");
    expect(result.status.type).toBe("handoff");
    if (result.status.type === "handoff")
      expect(result.status.handoff.reason).toMatchObject({ values: { text: "representative" } });
  });
});
