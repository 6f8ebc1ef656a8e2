import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { intentCandidates } from "../../runtime/engine/index.js";
import { IntentModels, memoryModelStore } from "../../runtime/nlu/index.js";
import type { Flow, IntentNode } from "../../schema/index.js";
import { designerPage } from "./designer-page.js";
import { type Harness, startHarness, typeInto } from "./harness.js";

let harness: Harness;
let page: Page;
let ui: ReturnType<typeof designerPage>;

beforeAll(async () => {
  harness = await startHarness();
  page = harness.page;
  ui = designerPage(page, harness.baseUrl);
  await ui.logIn();
});
afterAll(async () => {
  await harness?.close();
});

const triage = (): Flow => JSON.parse(readFileSync(join(harness.flowsDir, "triage.flow.json"), "utf8"));

/** The confidence the runtime's own model gives a phrase, as the designer writes it in French. */
async function runtimeConfidence(text: string, intent: string): Promise<string> {
  const flow = triage();
  const node = flow.nodes.find((each): each is IntentNode => each.type === "intent");
  if (!node) throw new Error("the triage flow has no intent node");
  const models = new IntentModels(memoryModelStore());
  await models.prepare(flow);
  const ranked = await models.classify(text, intentCandidates(node, "fr"), "fr");
  const confidence = ranked.find((entry) => entry.intent === intent)?.confidence ?? 0;
  return new Intl.NumberFormat("fr", { style: "percent" }).format(confidence);
}

describe("what the designer understands", () => {
  it("tries a phrase in the intent router: the winning intent with its confidence and the runner-up, from the runtime's model", async () => {
    ui.keepScreenshot("try-a-phrase");
    await ui.openFlow("triage", "Accueil et orientation");
    await ui.pick("ask-intent");
    await ui.sideTab("Propriétés").click();
    const phrase = page.getByRole("textbox", { name: "Essayer une phrase" });

    await typeInto(phrase, "ou en et ma comande");
    const winner = page.locator('.try-phrase-result .winner[data-intent="order_status"]');
    await winner.waitFor();
    expect(await winner.textContent()).toBe(
      `Gagnante : order_status (confiance ${await runtimeConfidence("ou en et ma comande", "order_status")})`,
    );
    await page.locator(".try-phrase-result .runner-up", { hasText: /^Suivante : \w+ \(confiance \d+\s%\)$/ }).waitFor();
    await page
      .locator(".try-phrase-result .language", { hasText: "Langue reconnue dans la phrase : français" })
      .waitFor();

    await typeInto(phrase, "ma commande CMD-100001 n'est pas arrivée, écrivez-moi à camille.martin@example.fr");
    await page
      .locator(".try-phrase-result .found", {
        hasText:
          "Valeurs trouvées pour les questions du parcours : référence CMD-100001, adresse e-mail camille.martin@example.fr",
      })
      .waitFor();

    await typeInto(phrase, "il fait beau aujourd'hui sur la plage");
    await page.locator(".try-phrase-result .verdict", { hasText: "ne parle d'aucune de ces intentions" }).waitFor();
    expect(await page.locator(".try-phrase-result .winner").count()).toBe(0);

    await page.getByRole("combobox", { name: "Langue de la phrase" }).selectOption("en");
    await typeInto(phrase, "I want to cancel my order");
    await page.locator('.try-phrase-result .winner[data-intent="order_cancel"]').waitFor();
    await page.locator(".try-phrase-result .language", { hasText: "Phrase lue en anglais" }).waitFor();
  });

  it("names an intent for the agents in each language of the flow, saved in the flow file", async () => {
    ui.keepScreenshot("intent-label");
    writeFileSync(
      join(harness.flowsDir, "libelles-intentions.flow.json"),
      JSON.stringify({ ...triage(), id: "libelles-intentions", name: "Libellés des intentions" }, null, 2),
    );
    await ui.openFlow("libelles-intentions", "Libellés des intentions");
    await ui.pick("ask-intent");
    await ui.sideTab("Propriétés").click();
    const french = page.getByRole("textbox", { name: "Libellé pour les conseillers (fr)" });
    const english = page.getByRole("textbox", { name: "Libellé pour les conseillers (en)" });
    expect(await french.first().inputValue()).toBe("Suivi de commande");
    await typeInto(french.last(), "Parler à quelqu'un");
    await typeInto(english.last(), "Talk to someone");
    await typeInto(english.first(), "");
    await ui.toolbarButton("Enregistrer").click();
    await page.locator(".save-state.clean").waitFor();
    const saved = JSON.parse(readFileSync(join(harness.flowsDir, "libelles-intentions.flow.json"), "utf8")) as Flow;
    const intents = saved.nodes.find((each): each is IntentNode => each.type === "intent")?.intents ?? [];
    expect(intents.at(-1)).toMatchObject({ id: "human", label: { en: "Talk to someone", fr: "Parler à quelqu'un" } });
    expect(intents[0]?.label).toEqual({ fr: "Suivi de commande" });
  });

  it("warns in the problems list of an intent with too few examples, and of an example two intents share", async () => {
    ui.keepScreenshot("intent-warnings");
    // A copy of the triage flow, so that the other tests see the shipped one whatever the order.
    writeFileSync(
      join(harness.flowsDir, "essai-intentions.flow.json"),
      JSON.stringify({ ...triage(), id: "essai-intentions", name: "Essai des intentions" }, null, 2),
    );
    await ui.openFlow("essai-intentions", "Essai des intentions");
    await ui.pick("ask-intent");
    await ui.sideTab("Propriétés").click();
    const human = page.locator(".inspector textarea[aria-label='Exemples (un par ligne) (fr)']").last();
    await typeInto(human, "où en est ma commande");
    await ui.sideTab("Problèmes").click();
    await page
      .locator(".problem", { hasText: "l'intention « human » n'a que 1 exemple en français ; donnez-en au moins 5" })
      .waitFor();
    await page
      .locator(".problem", {
        hasText: "l'exemple « où en est ma commande » est donné à la fois pour « order_status » et pour « human »",
      })
      .waitFor();
  });

  it("shows in the simulator what was understood at each turn: intent, values found and filled, language", async () => {
    ui.keepScreenshot("simulator-understood");
    await ui.openFlow("triage", "Accueil et orientation");
    await ui.sideTab("Simulateur").click();
    await page.locator(".transcript .bot", { hasText: "Que puis-je faire pour vous ?" }).waitFor();
    await typeInto(
      page.getByRole("textbox", { name: "Écrivez comme un client…" }),
      "Bonjour, où en est ma commande CMD-100001 ? mon e-mail camille.martin@example.fr",
    );
    await page.click('.sim-input button[type="submit"]');
    const understood = (text: string | RegExp) => page.locator(".transcript .understood", { hasText: text }).waitFor();
    await understood("Trouvé dans le message : référence CMD-100001, adresse e-mail camille.martin@example.fr");
    await understood(/^Intention reconnue : order_status \(confiance \d+\s%\)$/);
    await understood(
      "Question « ask-email » pas posée : identifier = camille.martin@example.fr, déjà donné dans un message",
    );
    await understood("Question « ask-order » pas posée : orderNumber = CMD-100001, déjà donné dans un message");
    await understood(/^Langue : français, reconnue avec certitude/);
    await page.locator(".transcript .bot", { hasText: "Votre commande CMD-100001 est : Expédiée" }).waitFor();
  });

  it("says the conversation's language when it is set or changes, not after every message", async () => {
    await ui.openFlow("triage", "Accueil et orientation");
    await ui.sideTab("Simulateur").click();
    await page.getByRole("button", { name: "Recommencer" }).click();
    await page.locator(".transcript .bot", { hasText: "Que puis-je faire pour vous ?" }).waitFor();
    const box = page.getByRole("textbox", { name: "Écrivez comme un client…" });
    const say = async (text: string) => {
      await typeInto(box, text);
      await page.keyboard.press("Enter");
    };
    const understood = (text: string | RegExp) => page.locator(".transcript .understood", { hasText: text });
    await say("Bonjour");
    await understood("Langue : français, choisie au départ").waitFor();
    // No intent came near: not "at best order_status (confidence 0 %)".
    await understood(/^Pas compris : aucune intention ne correspond \(seuil \d+\s%\)$/).waitFor();
    await say("je voudrais savoir où en est ma commande");
    await understood(/^Langue : français, reconnue avec certitude/).waitFor();
    await say("camille.martin@example.fr");
    await page.locator(".transcript .bot", { hasText: "Quel est le numéro de votre commande ?" }).waitFor();
    // Kept as it was: the third message says nothing of it.
    expect(await understood(/^Langue/).count()).toBe(2);
  });
});
