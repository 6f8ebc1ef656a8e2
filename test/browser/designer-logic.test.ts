import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { designerPage } from "./designer-page.js";
import { type Harness, startHarness } from "./harness.js";

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

const readFlow = (id: string) => JSON.parse(readFileSync(join(harness.flowsDir, `${id}.flow.json`), "utf8"));
const settings = () => page.locator(".settings");
const optionsOf = (select: ReturnType<Page["locator"]>) =>
  select.locator("option").evaluateAll((options) => options.map((option) => option.textContent));

/** Replaces the text of a field the way a person does: click in it, select all, type. */
async function retype(field: ReturnType<Page["locator"]>, text: string) {
  await field.click();
  await page.keyboard.press("Control+a");
  await page.keyboard.type(text);
}

/**
 * Types into a Monaco expression of the condition node one key at a time, each time waiting until the
 * canvas shows the rule as typed so far, as a person watching the screen does.
 */
async function typeExpression(editor: ReturnType<Page["locator"]>, text: string) {
  const rule = ui.node("condition").locator('[data-handle="rule:rule-1"] > span');
  await editor.click();
  await page.keyboard.press("Control+a");
  for (let end = 1; end <= text.length; end++) {
    await page.keyboard.type(text.slice(end - 1, end));
    await expect.poll(() => rule.getAttribute("title")).toBe(text.slice(0, end));
  }
}

async function save() {
  await ui.toolbarButton("Enregistrer").click();
  await page.locator(".save-state.clean").waitFor();
}

/** Declares flow variables with their types in Réglages → Variables. */
async function declare(variables: [string, string][]) {
  await ui.editorTab("Réglages").click();
  const list = settings().locator(".list").first();
  for (const [index, [name, type]] of variables.entries()) {
    await list.locator(":scope > .add").click();
    const item = list.locator(":scope > .list-item").nth(index);
    await retype(item.getByLabel("Variables"), name);
    await item.getByLabel("Type").selectOption({ label: type });
  }
  await ui.editorTab("Schéma").click();
}

describe("logic without code", () => {
  it("builds `total ≥ 300 and email is not empty` with rows, saves the JSONata and reads it back", async () => {
    ui.keepScreenshot("condition-builder");
    await ui.createBlankFlow("Conditions client", "conditions-client");
    await declare([
      ["total", "Nombre"],
      ["email", "Texte"],
    ]);
    await page.click('[data-palette="condition"]');
    await ui.pick("condition");
    await ui.sideTab("Propriétés").click();
    const rules = page.locator('[data-inspecting="condition"] [data-field="rules"]');
    await rules.getByText("Aucune condition : la règle est toujours vraie.").waitFor();

    await rules.getByRole("button", { name: "Ajouter une condition" }).click();
    const first = rules.getByRole("group", { name: "Condition 1" });
    await first.getByLabel("Variable").click();
    await page.keyboard.type("total");
    // A number is compared as a number: no "contient" for it.
    expect(await optionsOf(first.getByLabel("Comparaison"))).toEqual([
      "=",
      "≠",
      ">",
      "≥",
      "<",
      "≤",
      "est renseigné",
      "n'est pas renseigné",
    ]);
    await first.getByLabel("Comparaison").selectOption({ label: "≥" });
    await first.getByLabel("Valeur").click();
    await page.keyboard.type("300");

    await rules.getByRole("button", { name: "Ajouter une condition" }).click();
    const second = rules.getByRole("group", { name: "Condition 2" });
    await second.getByLabel("Variable").click();
    await page.keyboard.type("email");
    expect(await optionsOf(second.getByLabel("Comparaison"))).toEqual([
      "est",
      "n'est pas",
      "contient",
      "commence par",
      "est vide",
      "n'est pas vide",
    ]);
    await second.getByLabel("Comparaison").selectOption({ label: "n'est pas vide" });
    await expect.poll(() => second.getByLabel("Valeur").count()).toBe(0);
    await expect
      .poll(() => rules.getByLabel("Combinaison").locator("option:checked").textContent())
      .toBe("Toutes les conditions sont remplies");

    // The canvas shows the rule in words, as written underneath on hover.
    const onCanvas = ui.node("condition").locator('[data-handle="rule:rule-1"] > span');
    await expect.poll(() => onCanvas.getAttribute("title")).toBe('total >= 300 and email != ""');
    expect(await onCanvas.textContent()).toBe("total ≥ 300 et email n'est pas vide");
    await page.screenshot({ path: "test/artifacts/condition-builder-rows.png" });

    // Undone and done again from the keyboard a condition at a time, the rows follow the rule.
    await page.locator('[data-inspecting="condition"] h3').click();
    await page.keyboard.press("Control+z");
    await expect.poll(() => second.count()).toBe(0);
    await expect.poll(() => onCanvas.getAttribute("title")).toBe("total >= 300");
    expect(await first.getByLabel("Valeur").inputValue()).toBe("300");
    await page.keyboard.press("Control+z");
    await rules.getByText("Aucune condition : la règle est toujours vraie.").waitFor();
    await page.keyboard.press("Control+y");
    await expect.poll(() => first.getByLabel("Valeur").inputValue()).toBe("300");
    expect(await first.getByLabel("Variable").inputValue()).toBe("total");
    await page.keyboard.press("Control+y");
    await expect
      .poll(() => second.getByLabel("Comparaison").locator("option:checked").textContent())
      .toBe("n'est pas vide");
    await save();
    expect(readFlow("conditions-client").nodes.find((n: { id: string }) => n.id === "condition").rules).toEqual([
      { id: "rule-1", when: 'total >= 300 and email != ""' },
    ]);

    // Opened again, the expression shows as the rows it was built from.
    await page.reload();
    await ui.pick("condition");
    await ui.sideTab("Propriétés").click();
    const again = page.locator('[data-inspecting="condition"] [data-field="rules"]');
    const row1 = again.getByRole("group", { name: "Condition 1" });
    const row2 = again.getByRole("group", { name: "Condition 2" });
    await expect.poll(() => row1.getByLabel("Variable").inputValue()).toBe("total");
    expect(await row1.getByLabel("Comparaison").locator("option:checked").textContent()).toBe("≥");
    expect(await row1.getByLabel("Valeur").inputValue()).toBe("300");
    expect(await row2.getByLabel("Variable").inputValue()).toBe("email");
    expect(await row2.getByLabel("Comparaison").locator("option:checked").textContent()).toBe("n'est pas vide");
  });

  it("falls back to the expression, saying why, when it is beyond rows", async () => {
    ui.keepScreenshot("condition-fallback");
    await ui.createBlankFlow("Conditions avancées", "conditions-avancees");
    await declare([["total", "Nombre"]]);
    await page.click('[data-palette="condition"]');
    await ui.pick("condition");
    await ui.sideTab("Propriétés").click();
    const rules = page.locator('[data-inspecting="condition"] [data-field="rules"]');
    await rules.getByRole("button", { name: "Expression", exact: true }).click();
    const editor = rules.locator(".monaco-expression .view-lines");
    await typeExpression(editor, "total+10>=300");
    await rules.getByRole("note").filter({ hasText: "va au-delà des règles simples" }).waitFor();
    expect(await rules.getByRole("button", { name: "Règles simples" }).isDisabled()).toBe(true);
    await page.screenshot({ path: "test/artifacts/condition-builder-fallback.png" });
    await save();
    expect(readFlow("conditions-avancees").nodes.find((n: { id: string }) => n.id === "condition").rules).toEqual([
      { id: "rule-1", when: "total+10>=300" },
    ]);
    // A hand-written expression that rows can show is offered as rows again.
    await typeExpression(editor, "total<=5");
    await rules.getByRole("button", { name: "Règles simples" }).click();
    const row = rules.getByRole("group", { name: "Condition 1" });
    expect(await row.getByLabel("Comparaison").locator("option:checked").textContent()).toBe("≤");
    expect(await row.getByLabel("Valeur").inputValue()).toBe("5");
  });

  it("keeps an escalation rule's condition and label when its kind changes and changes back", async () => {
    ui.keepScreenshot("escalation-kind-switch");
    await ui.createBlankFlow("Escalade client", "escalade-client");
    await ui.editorTab("Réglages").click();
    const rules = settings().locator(".escalation-rules");
    await rules.locator(":scope > .add").click();
    // After the two rules every new flow has.
    await expect.poll(() => rules.locator(".rule").count()).toBe(3);
    const card = rules.locator(".rule").last();
    // Every field has its caption on screen, and values are in words.
    for (const caption of ["Identifiant", "Déclencheur", "File", "Priorité"])
      await card.locator("label", { hasText: caption }).first().waitFor();
    expect(await card.getByLabel("Priorité").locator("option:checked").textContent()).toBe("Normale");
    expect(await card.getByLabel("Déclencheur").locator("option:checked").textContent()).toBe(
      "Le client demande un conseiller",
    );

    await card.getByLabel("Déclencheur").selectOption({ label: "Condition sur les variables" });
    await retype(card.getByLabel("Libellé pour les conseillers"), "Commande élevée");
    await retype(card.getByRole("group", { name: "Condition 1" }).getByLabel("Valeur"), "300");
    await card.getByLabel("Priorité").selectOption({ label: "Urgente" });

    await card.getByLabel("Déclencheur").selectOption({ label: "Client mécontent" });
    await retype(card.getByLabel("Humeur à partir de laquelle transférer (-1 à 0)"), "-0.7");
    await card.getByLabel("Déclencheur").selectOption({ label: "Condition sur les variables" });
    expect(await card.getByLabel("Libellé pour les conseillers").inputValue()).toBe("Commande élevée");
    expect(await card.getByRole("group", { name: "Condition 1" }).getByLabel("Valeur").inputValue()).toBe("300");
    await card.getByLabel("Déclencheur").selectOption({ label: "Client mécontent" });
    expect(await card.getByLabel("Humeur à partir de laquelle transférer (-1 à 0)").inputValue()).toBe("-0.7");
    await card.getByLabel("Déclencheur").selectOption({ label: "Condition sur les variables" });
    await page.screenshot({ path: "test/artifacts/escalation-rule.png" });

    await save();
    expect(readFlow("escalade-client").escalation.rules).toEqual([
      { id: "asks-for-person", queue: "support", priority: "normal", kind: "humanRequest" },
      { id: "not-understood", queue: "support", priority: "normal", kind: "failedInputs", threshold: 3 },
      {
        id: "rule-3",
        queue: "support",
        priority: "urgent",
        kind: "value",
        when: "order.total >= 300",
        label: "Commande élevée",
      },
    ]);
  });
});

describe("queues by their names", () => {
  it("picks a handoff's queue by the name the team gave it, and shows that name on the canvas and in the simulator", async () => {
    ui.keepScreenshot("queue-by-name");
    await ui.openFlow("triage", "Accueil et orientation");
    await ui.node("handoff-billing").locator(".meta", { hasText: "→ Support (Normale)" }).waitFor();
    await ui.pick("handoff-billing");
    const queue = page.locator(".inspector").getByLabel("File", { exact: true });
    expect(await queue.locator("option:checked").textContent()).toBe("Support");
    expect(await optionsOf(queue)).toEqual(["Clients prioritaires", "Niveau 2", "Support"]);

    await queue.selectOption({ label: "Clients prioritaires" });
    await ui.node("handoff-billing").locator(".meta", { hasText: "→ Clients prioritaires (Normale)" }).waitFor();
    await page.screenshot({ path: "test/artifacts/queue-by-name.png" });

    await ui.sideTab("Simulateur").click();
    await page.getByLabel("Écrivez comme un client…").pressSequentially("problème de paiement sur ma facture");
    await page.keyboard.press("Enter");
    await page.locator(".transcript .system", { hasText: "Transféré à la file Clients prioritaires" }).waitFor();

    await save();
    const billing = readFlow("triage").nodes.find((node: { id: string }) => node.id === "handoff-billing");
    expect(billing.queue).toBe("priority");
  });

  it("keeps a queue the server does not have, named as such, until another is picked", async () => {
    ui.keepScreenshot("queue-unknown");
    await ui.createBlankFlow("File disparue", "file-disparue");
    await ui.editorTab("Réglages").click();
    const defaultQueue = settings().getByLabel("File par défaut");
    expect(await defaultQueue.locator("option:checked").textContent()).toBe("Support");
    const rule = settings().locator(".escalation-rules .rule").first();
    await rule.getByLabel("File", { exact: true }).selectOption({ label: "Niveau 2" });
    await save();
    const flow = readFlow("file-disparue");
    expect(flow.escalation.rules[0].queue).toBe("level2");

    // A developer's change names a queue nobody has set up yet.
    const changed = { flow: { ...flow, escalation: { ...flow.escalation, defaultQueue: "archives" } } };
    await page.evaluate(async (body) => {
      const response = await fetch("/api/flows/file-disparue", {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`PUT: ${response.status} ${await response.text()}`);
    }, changed);
    await page.reload();
    await ui.editorTab("Réglages").click();
    await defaultQueue
      .locator("option:checked", { hasText: "archives (file qui n'existe pas)" })
      .waitFor({ state: "attached" });
    await defaultQueue.selectOption({ label: "Support" });
    expect(await optionsOf(defaultQueue)).toEqual(["Clients prioritaires", "Niveau 2", "Support"]);
  });
});
