import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { testCommand } from "../../runtime/cli/commands.js";
import { formatLayout } from "../../schema/index.js";
import { designerPage } from "./designer-page.js";
import { ADMIN, type Harness, screenshotOnFailure, startHarness, typeInto } from "./harness.js";

let harness: Harness;
let page: Page;
let ui: ReturnType<typeof designerPage>;

beforeAll(async () => {
  harness = await startHarness();
  page = harness.page;
  ui = designerPage(page, harness.baseUrl);
});
afterAll(async () => {
  await harness?.close();
});

const flowFile = (name: string) => join(harness.flowsDir, name);
const readJson = (name: string) => JSON.parse(readFileSync(flowFile(name), "utf8"));
const row = (id: string) => page.locator(`tr[data-flow="${id}"]`);

describe("flows, languages and tests in real Chromium", () => {
  it("speaks English to an English browser and French to a French one", async () => {
    ui.keepScreenshot("languages");
    const english = await harness.browser.newContext({ locale: "en-US" });
    try {
      const other = await english.newPage();
      await other.goto(harness.baseUrl);
      await other.getByRole("button", { name: "Log in" }).waitFor();
      expect(await other.locator("html").getAttribute("lang")).toBe("en");
      await typeInto(other.getByLabel("Password"), ADMIN.password);
      await typeInto(other.getByLabel("Email"), ADMIN.email);
      await other.getByRole("button", { name: "Log in" }).click();
      await other.getByRole("heading", { name: "Flows" }).waitFor();
      await other.locator('tr[data-flow="triage"] button', { hasText: "Duplicate" }).waitFor();
    } finally {
      await english.close();
    }
    await page.goto(harness.baseUrl);
    await page.getByRole("button", { name: "Se connecter" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("fr");
    await ui.logIn();
    await page.getByRole("heading", { name: "Parcours" }).waitFor();
    await row("triage").getByRole("button", { name: "Dupliquer" }).waitFor();
  });

  it("offers to read the flows again when the server was out of reach", async () => {
    const context = await harness.browser.newContext({ locale: "fr-FR" });
    try {
      const other = await context.newPage();
      onTestFailed(() => screenshotOnFailure(other, "flows-offline"));
      await other.route("**/api/flows", (route) => route.abort("connectionrefused"));
      await other.goto(harness.baseUrl);
      await typeInto(other.getByLabel("E-mail"), ADMIN.email);
      await typeInto(other.getByLabel("Mot de passe"), ADMIN.password);
      await other.getByRole("button", { name: "Se connecter" }).click();
      const alert = other.getByRole("alert");
      await alert.filter({ hasText: "Le serveur est injoignable" }).waitFor();
      expect(await other.locator("tr[data-flow]").count()).toBe(0);
      await other.unroute("**/api/flows");
      await alert.getByRole("button", { name: "Réessayer" }).click();
      await other.locator('tr[data-flow="triage"]').waitFor();
      await alert.waitFor({ state: "detached" });
    } finally {
      await context.close();
    }
  });

  it("duplicates a flow with its layout", async () => {
    ui.keepScreenshot("duplicate");
    await row("triage").getByRole("button", { name: "Dupliquer" }).click();
    await row("triage-copy").filter({ hasText: "Accueil et orientation (copie)" }).waitFor();
    const original = readJson("triage.flow.json");
    const copy = readJson("triage-copy.flow.json");
    expect(copy).toEqual({ ...original, id: "triage-copy", name: "Accueil et orientation (copie)" });
    const layoutText = readFileSync(flowFile("triage-copy.layout.json"), "utf8");
    expect(formatLayout(JSON.parse(layoutText))).toBe(layoutText);
    expect(JSON.parse(layoutText)).toEqual({ ...readJson("triage.layout.json"), flow: "triage-copy" });
  });

  it("deletes a flow only once the deletion is confirmed", async () => {
    ui.keepScreenshot("delete");
    const asked: string[] = [];
    page.once("dialog", (dialog) => {
      asked.push(dialog.message());
      return dialog.dismiss();
    });
    await row("triage-copy").getByRole("button", { name: "Supprimer" }).click();
    await expect.poll(() => asked).toEqual([expect.stringContaining("« Accueil et orientation (copie) »")]);
    expect(existsSync(flowFile("triage-copy.flow.json"))).toBe(true);
    await expect.poll(() => row("triage-copy").count()).toBe(1);
    page.once("dialog", (dialog) => dialog.accept());
    await row("triage-copy").getByRole("button", { name: "Supprimer" }).click();
    await expect.poll(() => row("triage-copy").count()).toBe(0);
    expect(existsSync(flowFile("triage-copy.flow.json"))).toBe(false);
    await row("triage").waitFor();
  });

  it("opens each shipped flow with no node drawn over another", async () => {
    ui.keepScreenshot("shipped-layouts");
    for (const id of ["identify-customer", "order-status", "triage"]) {
      const flow = readJson(`${id}.flow.json`);
      await ui.openFlow(id, flow.name);
      await ui.node("start").waitFor();
      // A flow opens at a readable zoom on its start; the whole of it is one click on "fit view" away.
      await page.locator(".react-flow__controls-fitview").click();
      const count = flow.nodes.length;
      await expect.poll(() => page.locator(".react-flow__node:not(.react-flow__node-note)").count()).toBe(count);
      const boxes = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>(".react-flow__node:not(.react-flow__node-note)")].map((element) => {
          const box = element.getBoundingClientRect();
          return { id: element.dataset.id, x: box.x, y: box.y, width: box.width, height: box.height };
        }),
      );
      const overlapping = boxes.flatMap((a, i) =>
        boxes
          .slice(i + 1)
          .filter((b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height)
          .map((b) => `${a.id} × ${b.id}`),
      );
      expect(overlapping, id).toEqual([]);
    }
  });

  it("opens a flow that has no layout yet without ever saying its file is broken", async () => {
    ui.keepScreenshot("no-layout-open");
    const flow = { ...readJson("triage.flow.json"), id: "sans-disposition", name: "Sans disposition" };
    writeFileSync(flowFile("sans-disposition.flow.json"), JSON.stringify(flow, null, 2));
    await page.goto(`${harness.baseUrl}/#/`);
    await row("sans-disposition").waitFor();
    // Watches the page from now on for the banner of a file that does not follow the format.
    await page.evaluate(() => {
      const seen = window as unknown as { brokenFileSaid?: boolean };
      seen.brokenFileSaid = false;
      new MutationObserver(() => {
        if (document.body.innerText.includes("ne respecte pas le format")) seen.brokenFileSaid = true;
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    await ui.openFlow("sans-disposition", "Sans disposition");
    await ui.node("start").waitFor();
    await ui.node("greet").waitFor();
    expect(await page.evaluate(() => (window as unknown as { brokenFileSaid?: boolean }).brokenFileSaid)).toBe(false);
  });

  it("saves a simulator session as a conversation test that `relais test` passes", async () => {
    ui.keepScreenshot("save-as-test");
    const before = readJson("order-status.test.json").tests.length;
    await ui.openFlow("order-status", readJson("order-status.flow.json").name);
    await ui.node("start").waitFor();
    await ui.sideTab("Simulateur").click();
    await page.locator(".transcript .choices button", { hasText: "Mon e-mail" }).click();
    await page.locator(".transcript .bot", { hasText: "adresse e-mail" }).waitFor();
    await typeInto(page.locator(".sim-input input"), "camille.martin@example.fr");
    await page.click('.sim-input button[type="submit"]');
    await page.locator(".transcript .bot", { hasText: "Merci Camille" }).waitFor();
    await typeInto(page.locator(".sim-input input"), "CMD-100001");
    await page.click('.sim-input button[type="submit"]');
    await page.locator(".transcript .bot", { hasText: "Expédiée" }).waitFor();
    // The flow's secrets get the test file's stand-ins, so its fixtures answer the lookups.
    expect(await page.locator(".transcript .system", { hasText: "réponse de test" }).count()).toBe(2);
    await page.getByRole("button", { name: "Enregistrer comme test" }).click();
    await page.getByRole("dialog").getByLabel("Nom du test").pressSequentially("commande expédiée");
    await page.keyboard.press("Enter");
    await page.locator(".transcript .system", { hasText: "Test ajouté" }).waitFor();

    const tests = readJson("order-status.test.json");
    expect(tests.tests).toHaveLength(before + 1);
    const saved = tests.tests.at(-1);
    expect(saved.name).toBe("commande expédiée");
    expect(saved.language).toBe("fr");
    expect(saved.steps).toContainEqual({ kind: "user", text: "CMD-100001" });
    const lines: string[] = [];
    const code = await testCommand([flowFile("order-status.test.json")], {
      out: (line) => lines.push(line),
      err: (line) => lines.push(line),
    });
    expect(lines.join("\n")).toContain(`✓ ${saved.name}`);
    expect(lines.join("\n")).toContain(`${before + 1} passed, 0 failed`);
    expect(code).toBe(0);
  });
});
