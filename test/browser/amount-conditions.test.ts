import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { designerPage } from "./designer-page.js";
import { type Harness, startHarness } from "./harness.js";

let harness: Harness;
let page: Page;
let ui: ReturnType<typeof designerPage>;

/** A refund flow: an amount asked in euros, a branch on it, and an escalation rule written by hand by value alone. */
const refundFlow = {
  schemaVersion: 1,
  id: "remboursement",
  name: "Remboursement",
  languages: ["fr"],
  nodes: [
    { id: "start", type: "start", next: "ask" },
    {
      id: "ask",
      type: "question",
      text: "Quel montant vous doit-on ?",
      input: { kind: "amount", currency: "EUR" },
      saveAs: "refund",
      next: "route",
    },
    { id: "route", type: "condition", rules: [{ id: "rule-1", when: "true", next: "end" }], else: "end" },
    { id: "end", type: "end" },
  ],
  escalation: {
    defaultQueue: "support",
    rules: [{ id: "big-refund", kind: "value", when: "refund.value >= 500", queue: "support", priority: "high" }],
  },
};

beforeAll(async () => {
  harness = await startHarness();
  writeFileSync(join(harness.flowsDir, "remboursement.flow.json"), JSON.stringify(refundFlow, null, 2));
  page = harness.page;
  ui = designerPage(page, harness.baseUrl);
  await ui.logIn();
});
afterAll(async () => {
  await harness?.close();
});

const readFlow = () => JSON.parse(readFileSync(join(harness.flowsDir, "remboursement.flow.json"), "utf8"));
const optionsOf = (select: Locator) =>
  select.locator("option").evaluateAll((options) => options.map((option) => option.textContent));
const checked = (select: Locator) => select.locator("option:checked").textContent();

async function save() {
  await ui.toolbarButton("Enregistrer").click();
  await page.locator(".save-state.clean").waitFor();
}

describe("a condition on an amount", () => {
  it("compares with a threshold in a currency chosen in words, for a branch and for an escalation rule", async () => {
    ui.keepScreenshot("amount-conditions");
    await ui.openFlow("remboursement", "Remboursement");
    await ui.pick("route");
    await ui.sideTab("Propriétés").click();
    const rules = page.locator('[data-inspecting="route"] [data-field="rules"]');
    await rules.getByText("Aucune condition : la règle est toujours vraie.").waitFor();

    await rules.getByRole("button", { name: "Ajouter une condition" }).click();
    const row = rules.getByRole("group", { name: "Condition 1" });
    await row.getByLabel("Variable").click();
    await page.keyboard.type("refund.value");
    await row.getByLabel("Comparaison").selectOption({ label: "≥" });
    await row.getByLabel("Valeur").click();
    await page.keyboard.type("500");
    // The amount starts in its question's currency, said in words beside the threshold.
    const currency = row.getByLabel("Devise");
    await expect.poll(() => checked(currency)).toBe("euros");
    expect(await optionsOf(currency)).toEqual([
      "euros",
      "dollars américains",
      "livres sterling",
      "francs suisses",
      "dollars canadiens",
      "toute devise",
    ]);
    await row.getByText("Seuls les montants en euros remplissent cette condition").waitFor();
    const canvasRule = ui.node("route").locator('[data-handle="rule:rule-1"] > span');
    await expect.poll(() => canvasRule.getAttribute("title")).toBe('refund.value >= 500 and refund.currency = "EUR"');
    // On the canvas in words, as the rows show it.
    expect(await canvasRule.textContent()).toBe("refund.value ≥ 500 EUR");

    await currency.selectOption({ label: "dollars américains" });
    await row.getByText("Seuls les montants en dollars américains remplissent cette condition").waitFor();
    await expect.poll(() => canvasRule.getAttribute("title")).toBe('refund.value >= 500 and refund.currency = "USD"');
    await page.screenshot({ path: "test/artifacts/amount-condition-branch.png" });

    // The escalation rule written by value alone shows so, and is given a currency the same way.
    await ui.editorTab("Réglages").click();
    const card = page.locator(".settings .escalation-rules .rule").first();
    const ruleRow = card.getByRole("group", { name: "Condition 1" });
    await expect.poll(() => checked(ruleRow.getByLabel("Devise"))).toBe("toute devise");
    await ruleRow.getByText("Comparé à la valeur seule, quelle que soit la devise").waitFor();
    await ruleRow.getByLabel("Devise").selectOption({ label: "euros" });
    await ruleRow.getByText("Seuls les montants en euros remplissent cette condition").waitFor();
    await page.screenshot({ path: "test/artifacts/amount-condition-escalation.png" });

    await save();
    const saved = readFlow();
    expect(saved.nodes.find((node: { id: string }) => node.id === "route").rules[0].when).toBe(
      'refund.value >= 500 and refund.currency = "USD"',
    );
    expect(saved.escalation.rules[0].when).toBe('refund.value >= 500 and refund.currency = "EUR"');

    // Opened again, each condition shows its threshold with its currency.
    await page.reload();
    await ui.editorTab("Réglages").click();
    const again = page.locator(".settings .escalation-rules .rule").first().getByRole("group", { name: "Condition 1" });
    await expect.poll(() => checked(again.getByLabel("Devise"))).toBe("euros");
    expect(await again.getByLabel("Valeur").inputValue()).toBe("500");
  });
});
