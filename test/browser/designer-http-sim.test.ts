import { readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { designerPage } from "./designer-page.js";
import { type Harness, startHarness } from "./harness.js";

const TOKEN = "browser-5ecret-token-77";
const ORDER = {
  number: "CMD-100002",
  customerId: "C-1001",
  status: "processing",
  statusLabel: "En préparation",
  total: 740,
  delivery: { date: "2026-11-30", carrier: "Colissimo" },
};

let harness: Harness;
let page: Page;
let ui: ReturnType<typeof designerPage>;
let crm: Server;
const authorizations: (string | undefined)[] = [];

/** A local CRM speaking JSON over HTTP, answering only the runtime's real token. */
function startCrm(): Promise<Server> {
  const server = createServer((request, response) => {
    authorizations.push(request.headers.authorization);
    const json = (status: number, body: unknown) =>
      response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    if (request.headers.authorization !== `Bearer ${TOKEN}`) return json(401, { error: "unauthorized" });
    if (request.url === "/orders/CMD-100002") return json(200, ORDER);
    if (request.url === "/customers?email=camille.martin%40example.fr") {
      return json(200, { id: "C-1001", firstName: "Camille", email: "camille.martin@example.fr" });
    }
    json(404, { error: "not_found" });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

beforeAll(async () => {
  crm = await startCrm();
  const base = `http://127.0.0.1:${(crm.address() as AddressInfo).port}`;
  // Named both ways, so the test holds whether secrets are read by their own name or in a reserved space.
  harness = await startHarness({
    CRM_BASE_URL: base,
    CRM_TOKEN: TOKEN,
    RELAIS_SECRET_CRM_BASE_URL: base,
    RELAIS_SECRET_CRM_TOKEN: TOKEN,
  });
  page = harness.page;
  ui = designerPage(page, harness.baseUrl);
  await ui.logIn();
});
afterAll(async () => {
  await harness?.close();
  await new Promise((resolve) => crm?.close(resolve));
});

const file = (name: string) => join(harness.flowsDir, name);
const readJson = (name: string) => JSON.parse(readFileSync(file(name), "utf8"));

/** A copy of the shipped order-status flow under another id, so each test starts from the same files. */
function copyOrderStatus(id: string, name: string): void {
  writeFileSync(file(`${id}.flow.json`), JSON.stringify({ ...readJson("order-status.flow.json"), id, name }));
  writeFileSync(file(`${id}.layout.json`), JSON.stringify({ ...readJson("order-status.layout.json"), flow: id }));
  writeFileSync(file(`${id}.test.json`), JSON.stringify({ ...readJson("order-status.test.json"), flow: id }));
}

const shot = (name: string) => page.screenshot({ path: join(import.meta.dirname, `../artifacts/${name}.png`) });

describe("HTTP without guessing, and a simulator that reaches every path", () => {
  it("says, in words and at its step, that a request uses a secret the flow does not declare", async () => {
    ui.keepScreenshot("http-test-undeclared-secret");
    copyOrderStatus("order-undeclared", "Secret non déclaré");
    const flow = readJson("order-undeclared.flow.json");
    const lookup = flow.nodes.find((node: { id: string }) => node.id === "lookup-order");
    lookup.headers.Authorization = "Bearer {{ secrets.CRM_JETON }}";
    writeFileSync(file("order-undeclared.flow.json"), JSON.stringify(flow));
    await ui.openFlow("order-undeclared", "Secret non déclaré");
    await ui.pick("lookup-order");
    const inspector = page.locator('[data-inspecting="lookup-order"]');
    await inspector.getByLabel("Valeur d'essai pour orderNumber").pressSequentially("cmd-100002");
    await inspector.getByRole("button", { name: "Tester la requête" }).click();
    const refusal = inspector.getByRole("alert");
    await refusal.filter({ hasText: "utilise le secret « CRM_JETON », que le parcours ne déclare pas" }).waitFor();
    expect(await refusal.textContent()).not.toContain("/headers");
  });

  it("tests a node's request with the server's secrets and maps a clicked field into a variable", async () => {
    ui.keepScreenshot("http-test");
    copyOrderStatus("order-http", "Commande HTTP");
    await ui.openFlow("order-http", "Commande HTTP");
    await ui.pick("lookup-order");
    const inspector = page.locator('[data-inspecting="lookup-order"]');
    await inspector.getByRole("button", { name: "Tester la requête" }).waitFor();
    // The variable inserter of the URL offers the flow's secrets.
    const inserter = inspector.locator('[data-field="url"] select[aria-label="Insérer une variable"]');
    expect(await inserter.locator("option").allTextContents()).toContain("secrets.CRM_TOKEN");

    await inspector.getByLabel("Valeur d'essai pour orderNumber").pressSequentially("cmd-100002");
    await inspector.getByRole("button", { name: "Tester la requête" }).click();
    await inspector.getByRole("status").filter({ hasText: "Réponse 200" }).waitFor();
    await inspector.locator(".request-line", { hasText: "{{ secrets.CRM_BASE_URL }}/orders/CMD-100002" }).waitFor();
    expect(authorizations.at(-1)).toBe(`Bearer ${TOKEN}`);
    expect(await page.content()).not.toContain(TOKEN);

    await inspector.locator(".json-tree .json-key", { hasText: /^carrier$/ }).click();
    const variable = inspector.getByLabel("Enregistrer « body.delivery.carrier » dans la variable");
    expect(await variable.inputValue()).toBe("carrier");
    await variable.click();
    await page.keyboard.press("Control+A");
    await page.keyboard.type("transporteur");
    await shot("http-test");
    await page.keyboard.press("Enter");
    await inspector
      .getByRole("status")
      .filter({ hasText: "« transporteur » recevra « body.delivery.carrier »" })
      .waitFor();
    await expect
      .poll(() =>
        inspector
          .locator('[data-field="responseMapping"] input[aria-label="Variables"]')
          .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value)),
      )
      .toEqual(["order", "transporteur"]);
    await ui.toolbarButton("Enregistrer").click();
    await page.locator(".save-state.clean").waitFor();
    expect(
      readJson("order-http.flow.json").nodes.find((n: { id: string }) => n.id === "lookup-order").responseMapping,
    ).toEqual({ order: "body", transporteur: "body.delivery.carrier" });
  });

  it("lists the flow's secrets with whether the server has each, and declares a new one", async () => {
    ui.keepScreenshot("secrets-settings");
    copyOrderStatus("order-secrets", "Commande secrets");
    await ui.openFlow("order-secrets", "Commande secrets");
    await ui.editorTab("Réglages").click();
    const section = page.getByRole("region", { name: "Secrets" });
    await section.locator('[data-secret="CRM_TOKEN"]', { hasText: "Valeur présente sur le serveur" }).waitFor();
    await section.locator('[data-secret="CRM_BASE_URL"]', { hasText: "Valeur présente sur le serveur" }).waitFor();
    const name = section.getByLabel("Nom du secret");
    await name.pressSequentially("erp key");
    await section.getByRole("alert").filter({ hasText: "majuscules" }).waitFor();
    await name.click();
    await page.keyboard.press("Control+A");
    await page.keyboard.type("ERP_KEY");
    await page.keyboard.press("Enter");
    await section.locator('[data-secret="ERP_KEY"]', { hasText: "Aucune valeur sur le serveur" }).waitFor();
    await shot("secrets-settings");
    expect(await page.content()).not.toContain(TOKEN);
    await section.getByRole("button", { name: "Retirer CRM_BASE_URL" }).click();
    await section.locator('[data-secret="CRM_BASE_URL"]').waitFor({ state: "detached" });
    await ui.toolbarButton("Enregistrer").click();
    await page.locator(".save-state.clean").waitFor();
    expect(readJson("order-secrets.flow.json").secrets).toEqual(["CRM_TOKEN", "ERP_KEY"]);
  });

  it("follows the error path once a test response is edited to fail, and saves the session under a typed name", async () => {
    ui.keepScreenshot("fixture-error-path");
    copyOrderStatus("order-fixture", "Commande réponses");
    await ui.openFlow("order-fixture", "Commande réponses");
    await ui.sideTab("Simulateur").click();
    await page.getByRole("tab", { name: "Réponses de test" }).click();
    const response = page.locator('[data-node="lookup-order"] .fixture[data-url="https://crm.test/orders/CMD-100001"]');
    await response.getByLabel("Résultat").selectOption("network");
    await page.getByRole("status").filter({ hasText: "Réponses de test enregistrées" }).waitFor();
    await shot("fixtures-form");
    const fixture = readJson("order-fixture.test.json").http.find(
      (f: { url: string }) => f.url === "https://crm.test/orders/CMD-100001",
    );
    expect(fixture).toEqual({ url: "https://crm.test/orders/CMD-100001", error: "network" });

    await page.getByRole("tab", { name: "Conversation" }).click();
    await page.getByRole("button", { name: "Recommencer" }).click();
    await page.locator(".transcript .choices button", { hasText: "Mon e-mail" }).click();
    await page.locator(".transcript .bot", { hasText: "adresse e-mail" }).waitFor();
    await page.getByLabel("Écrivez comme un client…").pressSequentially("camille.martin@example.fr");
    await page.keyboard.press("Enter");
    await page.locator(".transcript .bot", { hasText: "Merci Camille" }).waitFor();
    await page.getByLabel("Écrivez comme un client…").pressSequentially("CMD-100001");
    await page.keyboard.press("Enter");
    await page.locator(".transcript .bot", { hasText: "système de commandes ne répond pas" }).waitFor();
    await page.locator(".transcript .system", { hasText: "injoignable" }).waitFor();

    const before = readJson("order-fixture.test.json").tests.length;
    await page.getByRole("button", { name: "Enregistrer comme test" }).click();
    const dialog = page.getByRole("dialog", { name: "Enregistrer cette conversation comme test" });
    await dialog.getByRole("button", { name: "Annuler" }).click();
    await dialog.waitFor({ state: "detached" });
    expect(readJson("order-fixture.test.json").tests).toHaveLength(before);
    await page.getByRole("button", { name: "Enregistrer comme test" }).click();
    await dialog.getByLabel("Nom du test").pressSequentially("commande introuvable côté CRM");
    await shot("save-test-dialog");
    await page.keyboard.press("Enter");
    await page.locator(".transcript .system", { hasText: "Test ajouté" }).waitFor();
    const saved = readJson("order-fixture.test.json").tests.at(-1);
    expect(saved.name).toBe("commande introuvable côté CRM");
    expect(saved.steps).toContainEqual({ kind: "handoff", queue: "support", rule: "handoff-crm-down" });
  });

  it("calls the real services through the server when switched on, secrets shown only by name", async () => {
    ui.keepScreenshot("simulator-real-calls");
    copyOrderStatus("order-real", "Commande réelle");
    await ui.openFlow("order-real", "Commande réelle");
    await ui.sideTab("Simulateur").click();
    await page.locator(".transcript .choices button", { hasText: "Mon e-mail" }).waitFor();
    await page.getByLabel("Appeler les vrais services").check();
    await page.locator(".transcript .choices button", { hasText: "Mon e-mail" }).click();
    await page.locator(".transcript .bot", { hasText: "adresse e-mail" }).waitFor();
    await page.getByLabel("Écrivez comme un client…").pressSequentially("camille.martin@example.fr");
    await page.keyboard.press("Enter");
    await page.locator(".transcript .bot", { hasText: "Merci Camille" }).waitFor();
    await page.getByLabel("Écrivez comme un client…").pressSequentially("CMD-100002");
    await page.keyboard.press("Enter");
    await page.locator(".transcript .system", { hasText: "Transféré à la file Clients prioritaires" }).waitFor();
    await page
      .locator(".transcript .system", { hasText: "GET {{ secrets.CRM_BASE_URL }}/orders/CMD-100002 → 200" })
      .waitFor();
    expect(authorizations.at(-1)).toBe(`Bearer ${TOKEN}`);
    await shot("simulator-real-calls");
    expect(await page.content()).not.toContain(TOKEN);
  });

  it("talks in the language chosen among the flow's", async () => {
    ui.keepScreenshot("simulator-language");
    copyOrderStatus("order-language", "Commande langue");
    await ui.openFlow("order-language", "Commande langue");
    await ui.sideTab("Simulateur").click();
    await page.locator(".transcript .choices button", { hasText: "Mon e-mail" }).waitFor();
    await page.getByLabel("Langue", { exact: true }).selectOption("en");
    await page.locator(".transcript .choices button", { hasText: "My email" }).waitFor();
  });

  it("runs all the flow's tests with a verdict each, says the first difference, and marks untested nodes", async () => {
    ui.keepScreenshot("run-all-tests");
    copyOrderStatus("order-tests", "Commande tests");
    const flow = readJson("order-tests.flow.json");
    flow.nodes.push({ id: "jamais-visitee", type: "message", text: "Personne ne passe ici", next: "done" });
    writeFileSync(file("order-tests.flow.json"), JSON.stringify(flow));
    await ui.openFlow("order-tests", "Commande tests");
    await ui.sideTab("Simulateur").click();
    await page.getByRole("tab", { name: "Tests" }).click();
    await page.getByRole("button", { name: "Lancer tous les tests" }).click();
    const count = readJson("order-tests.test.json").tests.length;
    await page
      .getByRole("status")
      .filter({ hasText: `${count} réussi(s), 0 en échec` })
      .waitFor();
    // The canvas draws only what is in view: the whole flow is one click on "fit view" away.
    await page.locator(".react-flow__controls-fitview").click();
    await ui.node("jamais-visitee").locator(".flow-node.mark-untested").waitFor();
    await page.locator(".untested", { hasText: "jamais-visitee" }).waitFor();

    // A test response changed to "not found" makes the tests that need the order fail, in words.
    await page.getByRole("tab", { name: "Réponses de test" }).click();
    const response = page.locator('[data-node="lookup-order"] .fixture[data-url="https://crm.test/orders/CMD-100001"]');
    const status = response.getByLabel("Code de réponse");
    await status.click();
    await page.keyboard.press("Control+A");
    await page.keyboard.type("404");
    await page.getByRole("status").filter({ hasText: "Réponses de test enregistrées" }).waitFor();
    await page.getByRole("tab", { name: "Tests" }).click();
    await page.getByRole("button", { name: "Lancer tous les tests" }).click();
    const failed = page.locator('.test-results li.failed[data-test="gives the status and delivery date of an order"]');
    await failed.locator(".difference", { hasText: "le bot devait dire « Votre commande CMD-100001 est" }).waitFor();
    await page.locator(".test-results li.passed").first().waitFor();
    await shot("run-all-tests");
  });
});
