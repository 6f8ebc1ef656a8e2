import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { designerPage } from "./designer-page.js";
import { type Harness, screenshotOnFailure, startHarness } from "./harness.js";

let harness: Harness;
let page: Page;
let ui: ReturnType<typeof designerPage>;

beforeAll(async () => {
  harness = await startHarness();
  page = harness.page;
  ui = designerPage(page, harness.baseUrl);
  await ui.logIn();
  // The build inside the harness alone can take minutes on a machine shared with other builds.
}, 600_000);
afterAll(async () => {
  await harness?.close();
});
// Each test starts on a page of its own: an edit left by another is not there to be asked about.
beforeEach(async () => {
  await page.goto("about:blank");
  await page.goto(`${harness.baseUrl}/#/`);
  await page.getByRole("heading", { name: "Parcours" }).waitFor();
});

/** Keeps a screenshot under test/artifacts/ for a person to look at, whatever the test's outcome. */
const keep = (name: string) => screenshotOnFailure(page, name);

/** A flow written in French only, as a manager has it before adding a language. */
function writeFrenchFlow(id: string, name: string) {
  const flow = {
    schemaVersion: 1,
    id,
    name,
    languages: ["fr"],
    variables: { topic: { type: "string" } },
    nodes: [
      { id: "start", type: "start", next: "ask-topic" },
      {
        id: "ask-topic",
        type: "question",
        label: "Sujet de la demande",
        text: { fr: "Quel est le sujet de votre demande ?" },
        input: {
          kind: "choice",
          choices: [
            { id: "order", label: { fr: "Une commande" } },
            { id: "bill", label: { fr: "Une facture" } },
          ],
        },
        saveAs: "topic",
        reprompt: { fr: "Choisissez l'un des sujets proposés." },
        next: "bye",
      },
      { id: "bye", type: "end", label: "Au revoir", text: "Merci, à bientôt !" },
    ],
  };
  writeFileSync(join(harness.flowsDir, `${id}.flow.json`), `${JSON.stringify(flow, null, 2)}\n`);
}

describe("a language added to a flow", () => {
  it("is said missing in the Problems tab, step by step, and a click there shows the step", async () => {
    ui.keepScreenshot("language-added");
    writeFrenchFlow("accueil-fr", "Accueil en français");
    await ui.openFlow("accueil-fr", "Accueil en français");
    await ui.sideTab("Problèmes").click();
    await page.getByText("Aucun problème.").waitFor();

    await ui.editorTab("Réglages").click();
    const languages = page.locator(".settings").getByLabel("Langues", { exact: true });
    await languages.click();
    await page.keyboard.press("End");
    await page.keyboard.type(", en");

    const warning = page.locator('.problem.warning[data-code="lint/missing-translation"]');
    await warning
      .filter({
        hasText:
          "L'étape « Sujet de la demande » : il manque la version en anglais — Question, choix « Une commande », choix « Une facture », Relance si la réponse ne convient pas. D'ici là, les conversations en anglais affichent la version en français.",
      })
      .waitFor();
    await expect.poll(() => warning.count()).toBe(1);
    // A text the same in every language lacks none: the end step's is one plain text.
    await expect.poll(() => page.locator('.problem[data-node="bye"]').count()).toBe(0);
    await page.getByRole("tab", { name: /Problèmes\s*1/ }).waitFor();
    await keep("language-added-problems-tab");

    await warning.click();
    await page.getByRole("tab", { name: "Schéma", selected: true }).waitFor();
    await ui.selected("ask-topic").waitFor();
    const inspector = page.locator('[data-inspecting="ask-topic"]');
    await inspector.getByLabel("Question (en)", { exact: true }).waitFor();
    expect(await inspector.getByLabel("Question (en)", { exact: true }).inputValue()).toBe("");
  });
});

describe("leaving the editor with changes kept only in this browser", () => {
  it("asks before another page of the app, keeps the edit on Rester, and leaves on confirmation", async () => {
    ui.keepScreenshot("leaving-draft");
    await ui.createBlankFlow("Départ à zéro", "depart-a-zero");
    // A new flow comes with the escalation a customer service expects, said in words, and no problem.
    await ui.sideTab("Problèmes").click();
    await page.getByText("Aucun problème.").waitFor();
    await ui.editorTab("Réglages").click();
    const rules = page.locator(".escalation-rules .rule");
    await expect.poll(() => rules.count()).toBe(2);
    const kinds = rules.getByLabel("Déclencheur", { exact: true });
    expect(
      await kinds.evaluateAll((selects) => selects.map((s) => (s as HTMLSelectElement).selectedOptions[0]?.text)),
    ).toEqual(["Le client demande un conseiller", "Réponses non comprises"]);
    expect(await rules.nth(1).getByLabel("Réponses non comprises d'affilée").inputValue()).toBe("3");

    const name = page.locator(".settings").getByLabel("Nom", { exact: true });
    await name.click();
    await page.keyboard.press("End");
    await page.keyboard.type(" bis");
    await page.locator(".save-state.dirty").waitFor();

    const nav = page.locator("nav.console-links");
    const dialog = page.getByRole("dialog", { name: "Quitter le parcours ?" });
    await nav.getByRole("link", { name: "Parcours" }).click();
    await dialog
      .getByText(
        "Vos modifications ne sont enregistrées que dans ce navigateur : le serveur ne les a pas, et personne d'autre ne les voit. Quitter quand même ?",
      )
      .waitFor();
    await keep("leaving-draft-confirmation");
    await dialog.getByRole("button", { name: "Rester" }).click();
    await dialog.waitFor({ state: "detached" });
    expect(new URL(page.url()).hash).toBe("#/flows/depart-a-zero");
    expect(await name.inputValue()).toBe("Départ à zéro bis");
    await page.locator(".save-state.dirty").waitFor();

    // Closing or reloading the tab is asked about by the browser, in its own words; staying keeps the edit.
    const asked = new Promise<string>((resolve) =>
      page.once("dialog", (native) => {
        resolve(native.type());
        void native.dismiss();
      }),
    );
    await page.close({ runBeforeUnload: true });
    expect(await asked).toBe("beforeunload");
    expect(await name.inputValue()).toBe("Départ à zéro bis");

    await nav.getByRole("link", { name: "Parcours" }).click();
    await dialog.getByRole("button", { name: "Quitter quand même" }).click();
    await page.getByRole("heading", { name: "Parcours" }).waitFor();
    expect(new URL(page.url()).hash).toBe("#/");
    // Only in this browser: the server still has the name it had.
    await page.locator('tr[data-flow="depart-a-zero"]', { hasText: "Départ à zéro" }).waitFor();
    expect(JSON.parse(readFileSync(join(harness.flowsDir, "depart-a-zero.flow.json"), "utf8")).name).toBe(
      "Départ à zéro",
    );
  });

  it("asks too before the browser's back button leaves, and saves then leaves when asked to", async () => {
    ui.keepScreenshot("leaving-back-button");
    writeFrenchFlow("retour-arriere", "Retour arrière");
    await page.reload();
    await page.locator('tr[data-flow="retour-arriere"]').getByRole("link").click();
    await page.locator(".toolbar .flow-name", { hasText: "Retour arrière" }).waitFor();
    await ui.editorTab("Réglages").click();
    const name = page.locator(".settings").getByLabel("Nom", { exact: true });
    await name.click();
    await page.keyboard.press("End");
    await page.keyboard.type(" modifié");
    await page.locator(".save-state.dirty").waitFor();

    const dialog = page.getByRole("dialog", { name: "Quitter le parcours ?" });
    await page.goBack();
    await dialog.waitFor();
    expect(new URL(page.url()).hash).toBe("#/flows/retour-arriere");
    await dialog.getByRole("button", { name: "Enregistrer et quitter" }).click();
    await page.getByRole("heading", { name: "Parcours" }).waitFor();
    await page.locator('tr[data-flow="retour-arriere"]', { hasText: "Retour arrière modifié" }).waitFor();
    expect(JSON.parse(readFileSync(join(harness.flowsDir, "retour-arriere.flow.json"), "utf8")).name).toBe(
      "Retour arrière modifié",
    );
  });
});
