import { describe, expect, it } from "vitest";
import { findDate, findEmail, findNumber, findPattern, findPhone } from "../../../runtime/engine/entities.js";
import { compileLinear } from "../../../schema/regex.js";
import { shippedFlow } from "../nlu/shipped.js";
import { Conversation, makeDeps, NOW } from "./harness.js";

describe("values found inside a sentence", () => {
  it("finds the first valid e-mail address, without the sentence's punctuation", () => {
    expect(findEmail("Bonjour, mon e-mail camille.martin@Example.FR, merci")).toBe("camille.martin@example.fr");
    expect(findEmail("écrivez à <jean@example.com>.")).toBe("jean@example.com");
    expect(findEmail("jean@example ou rien")).toBeUndefined();
  });

  it.each([
    ["1 250,50", 1250.5],
    ["c'est la 4521", 4521],
    ["commande n°4521, merci", 4521],
    ["il fait -3 dehors", -3],
    ["à peu près 50%", 50],
    ["3.", 3],
  ])("finds the number in %j", (text, value) => {
    expect(findNumber(text)).toBe(value);
  });

  it.each(["douze", "3 ou 4", "A12", "3e étage", "CMD-100001", "le 12/05", "à 14:30", "vers 14h30", "entre 3-4 jours"])(
    "finds no single number in %j",
    (text) => {
      expect(findNumber(text)).toBeUndefined();
    },
  );

  it("finds a phone number in the flow's region", () => {
    expect(findPhone("joignable au 0692 12 34 56 le soir", "FR")).toBe("+262692123456");
    expect(findPhone("CMD-100001", "FR")).toBeUndefined();
  });

  it("finds a flow's pattern as a word, never inside a longer one", () => {
    const pattern = compileLinear("CMD-[0-9]{6}", { caseSensitive: false });
    if (!pattern.ok) throw new Error(pattern.message);
    expect(findPattern(pattern.regex, "Bonjour, ma commande CMD-100001, mon e-mail x@y.fr")).toBe("CMD-100001");
    expect(findPattern(pattern.regex, "CMD-1000012 puis CMD-100002")).toBe("CMD-100002");
    expect(findPattern(pattern.regex, "rien")).toBeUndefined();
  });

  it.each([
    ["demain", "fr", "2026-03-15"],
    ["le 12/03", "fr", "2026-03-12"],
    ["31/12/2026", "fr", "2026-12-31"],
    ["next Monday", "en", "2026-03-16"],
    ["on 12/03 please", "en", "2026-03-12"],
    ["on 03/12 please", "en-US", "2026-03-12"],
    ["tomorrow morning", "en", "2026-03-15"],
  ])("reads %j (%s) as %s", (text, language, date) => {
    expect(findDate(text, language, NOW)).toBe(date);
  });

  it("finds no date where there is none", () => {
    expect(findDate("c'est la CMD-100001 je crois", "fr", NOW)).toBeUndefined();
    expect(findDate("x".repeat(5000), "fr", NOW)).toBeUndefined();
  });
});

describe("a choice question answered with the value itself", () => {
  const identify = shippedFlow("identify-customer");

  it("takes a typed e-mail address as the e-mail choice and its answer, and looks the customer up", async () => {
    const conversation = new Conversation(
      identify,
      makeDeps({ secrets: { CRM_BASE_URL: "https://crm.test", CRM_TOKEN: "token" } }),
    );
    await conversation.start();
    expect(conversation.texts).toEqual(["Pour vous identifier, que préférez-vous me donner ?"]);
    const result = await conversation.say("camille.martin@example.fr");
    expect(conversation.variables).toMatchObject({ identifyBy: "email", identifier: "camille.martin@example.fr" });
    expect(result.status.type).toBe("effect");
    if (result.status.type === "effect")
      expect(result.status.effect.request.url).toContain("camille.martin%40example.fr");
    expect(result.events).toContainEqual({
      type: "input",
      flowId: "identify-customer",
      nodeId: "ask-method",
      valid: true,
    });
  });

  it("takes a typed phone number as the phone choice", async () => {
    const conversation = new Conversation(identify);
    await conversation.start();
    await conversation.say("c'est le 06 12 34 56 78");
    expect(conversation.variables).toMatchObject({ identifyBy: "phone", identifier: "+33612345678" });
  });

  it("still asks again for what is neither a choice nor a value", async () => {
    const conversation = new Conversation(identify);
    await conversation.start();
    await conversation.say("euh");
    expect(conversation.texts).toEqual([expect.stringMatching(/^Choisissez l'une des options/)]);
  });
});
