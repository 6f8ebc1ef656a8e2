import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { designerPage, viewportAtRest } from "./designer-page.js";
import { ADMIN, type Harness, startHarness } from "./harness.js";

let harness: Harness;
let page: Page;
let ui: ReturnType<typeof designerPage>;

const FLOW = "suivi-commande";
const artifacts = resolve(import.meta.dirname, "../artifacts");
const shot = (name: string) => page.screenshot({ path: join(artifacts, `words-${name}.png`) });

/** A flow a CX manager left half done: no way out after too many attempts, a variable never declared. */
const flow = {
  $schema: "../schema/flow.schema.json",
  schemaVersion: 1,
  id: FLOW,
  name: "Suivi de commande",
  languages: ["fr"],
  nodes: [
    { id: "start", type: "start", next: "ask-order" },
    {
      id: "ask-order",
      type: "question",
      label: "Demander la commande",
      text: "Votre numéro de commande ?",
      input: { kind: "number" },
      saveAs: "orderNumber",
      maxAttempts: 3,
      next: "bye",
    },
    { id: "bye", type: "end", text: "Merci, nous regardons la commande {{ orderNumber }}." },
  ],
};
const layout = {
  $schema: "../schema/layout.schema.json",
  flow: FLOW,
  nodes: { start: { x: 0, y: 0 }, "ask-order": { x: 320, y: 0 }, bye: { x: 640, y: 0 } },
};

beforeAll(async () => {
  harness = await startHarness();
  mkdirSync(artifacts, { recursive: true });
  writeFileSync(join(harness.flowsDir, `${FLOW}.flow.json`), `${JSON.stringify(flow, null, 2)}\n`);
  writeFileSync(join(harness.flowsDir, `${FLOW}.layout.json`), `${JSON.stringify(layout, null, 2)}\n`);
});
afterAll(async () => {
  await harness?.close();
});

const MAX_ATTEMPTS_FR =
  "L'étape « Demander la commande » n'a pas de suite quand le client se trompe trop souvent : reliez la sortie « trop d'essais » à une étape";
const MAX_ATTEMPTS_EN =
  "The step “Demander la commande” has nothing after the customer gets it wrong too often: connect the way out “too many attempts” to a step";
const UNDECLARED_FR =
  "L'étape « Demander la commande » enregistre dans la variable « orderNumber », qui n'est pas déclarée";

/** A French browser of its own, logged in by typing: each test starts from nothing another left behind. */
async function frenchPage(): Promise<Page> {
  const context = await harness.browser.newContext({ locale: "fr-FR", viewport: { width: 1600, height: 1000 } });
  page = await context.newPage();
  ui = designerPage(page, harness.baseUrl);
  await page.goto(harness.baseUrl);
  await page.getByLabel("E-mail").pressSequentially(ADMIN.email);
  await page.getByLabel("Mot de passe").pressSequentially(ADMIN.password);
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: "Parcours" }).waitFor();
  return page;
}

describe("words for people, in French and English", () => {
  it("says a flow's problems in a French CX manager's words, switches to English and back, applies quick fixes", async () => {
    await frenchPage();
    ui.keepScreenshot("words");
    await ui.openFlow(FLOW, "Suivi de commande");

    await ui.sideTab("Problèmes").click();
    const maxAttempts = page.locator(".problem", { hasText: MAX_ATTEMPTS_FR });
    await maxAttempts.waitFor();
    await page.locator(".problem", { hasText: UNDECLARED_FR }).waitFor();
    await shot("fr-problems");

    // A click on the problem selects its step and brings it into view.
    await maxAttempts.click();
    await ui.selected("ask-order").waitFor();
    await viewportAtRest(page);
    const pane = await page.locator(".react-flow__pane").boundingBox();
    const node = await ui.node("ask-order").boundingBox();
    if (!pane || !node) throw new Error("the canvas or the step is not on screen");
    expect(node.x).toBeGreaterThanOrEqual(pane.x);
    expect(node.x + node.width).toBeLessThanOrEqual(pane.x + pane.width);
    expect(node.y).toBeGreaterThanOrEqual(pane.y);
    expect(node.y + node.height).toBeLessThanOrEqual(pane.y + pane.height);

    // The switcher in the header: every visible text in English at once, without a reload.
    await ui.sideTab("Problèmes").click();
    const switcher = page.getByRole("combobox", { name: "Langue de l'interface" });
    await switcher.focus();
    await switcher.selectOption("en");
    await page.locator(".problem", { hasText: MAX_ATTEMPTS_EN }).waitFor();
    await ui.sideTab("Problems").waitFor();
    await ui.toolbarButton("Save").waitFor();
    await page.getByRole("button", { name: "Log out" }).waitFor();
    await ui.node("ask-order").filter({ hasText: "too many attempts" }).waitFor();
    await ui.edge("start>next").waitFor();
    await ui.edge("ask-order>next").waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await shot("en-problems");

    // Remembered in this browser: a reload keeps English, though the browser is French.
    await page.reload();
    await ui.sideTab("Problems").click();
    await page.locator(".problem", { hasText: MAX_ATTEMPTS_EN }).waitFor();
    await page.getByRole("combobox", { name: "Interface language" }).selectOption("fr");
    await maxAttempts.waitFor();

    // Quick fixes: declare the variable, hand over after too many attempts; undo takes the last one back.
    await page.getByRole("button", { name: "Déclarer « orderNumber »" }).first().click();
    await expect.poll(() => page.locator(".problem", { hasText: "orderNumber" }).count()).toBe(0);
    await page.getByRole("button", { name: "Transférer à un conseiller" }).click();
    await ui.node("handoff").waitFor();
    await ui.edge("ask-order>maxAttempts").waitFor();
    await page.locator(".problems-empty", { hasText: "Aucun problème." }).waitFor();
    await shot("fr-fixed");
    await ui.toolbarButton("Annuler").click();
    await maxAttempts.waitFor();
    await expect.poll(() => ui.node("handoff").count()).toBe(0);
    await page.context().close();
  });

  it("opens the settings for a problem of the flow as a whole, said in words", async () => {
    await frenchPage();
    ui.keepScreenshot("words-settings");
    const bilingual = {
      ...flow,
      id: "accueil-bilingue",
      name: "Accueil bilingue",
      languages: ["fr", "en"],
      variables: { orderNumber: { type: "number" } },
      escalation: { defaultQueue: "support", text: { fr: "Un conseiller arrive." }, rules: [] },
      nodes: [
        { id: "start", type: "start", next: "bye" },
        { id: "bye", type: "end", text: "Merci." },
      ],
    };
    writeFileSync(join(harness.flowsDir, "accueil-bilingue.flow.json"), `${JSON.stringify(bilingual, null, 2)}\n`);
    await ui.openFlow("accueil-bilingue", "Accueil bilingue");
    await ui.sideTab("Problèmes").click();
    const problem = page.locator(".problem", {
      hasText: "L'escalade vers un conseiller : il manque la version en anglais — Message au client lors du transfert.",
    });
    await problem.click();
    await page.getByRole("tab", { name: "Réglages", selected: true }).waitFor();
    await page.getByRole("heading", { name: "Escalade vers un conseiller" }).waitFor();
    await shot("fr-settings");
    await page.context().close();
  });
});
