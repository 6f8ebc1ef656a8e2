import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { designerPage } from "./designer-page.js";
import { ADMIN, type Harness, startHarness } from "./harness.js";

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

const shots = join(import.meta.dirname, "../artifacts");
const shot = (name: string, on: Page = page) => on.screenshot({ path: join(shots, `publish-${name}.png`) });
const readFlowFile = (id: string) => JSON.parse(readFileSync(join(harness.flowsDir, `${id}.flow.json`), "utf8"));

/** Calls the runtime's API as the logged-in page does: for setting a scene, never for what is under test. */
async function callApi(on: Page, method: string, path: string, body?: unknown) {
  return on.evaluate(
    async ({ method, path, body }) => {
      const response = await fetch(path, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
      return text ? JSON.parse(text) : undefined;
    },
    { method, path, body },
  );
}

/** A blank flow of its own for each test (start → end), so tests never depend on each other. */
async function blankFlow(id: string, name: string, publish = false) {
  await callApi(page, "POST", "/api/flows", { id, name, template: "blank" });
  if (publish) await callApi(page, "POST", `/api/flows/${id}/publish`, { note: "première version" });
}

const versionsOf = async (id: string) =>
  (await callApi(page, "GET", `/api/flows/${id}/versions`)) as { version: number; live: boolean }[];

/** Selects a node (unless the inspector already shows it) and types its label there, key by key. */
async function typeLabel(on: Page, nodeId: string, text: string) {
  const label = on.locator(`[data-inspecting="${nodeId}"] input[aria-label="Libellé"]`);
  if ((await label.count()) === 0) await on.locator(`.react-flow__node[data-id="${nodeId}"]`).click();
  await label.click();
  await on.keyboard.press("ControlOrMeta+a");
  await on.keyboard.press("Backspace");
  await label.pressSequentially(text);
}

const dialog = (on: Page = page) => on.getByRole("dialog");
const toolbarButton = (on: Page, name: string) => on.locator(".toolbar button", { hasText: name });

describe("publishing safely", () => {
  it("Cancel in the publish dialog publishes nothing, and an unchanged draft has nothing to publish", async () => {
    ui.keepScreenshot("publish-cancel");
    await blankFlow("annule", "Annulation", true);
    await ui.openFlow("annule", "Annulation");

    await toolbarButton(page, "Publier").click();
    await dialog().getByText("Rien à publier").waitFor();
    expect(await dialog().getByRole("button", { name: "Publier" }).isDisabled()).toBe(true);
    await shot("nothing-to-publish");
    await dialog().getByRole("button", { name: "Annuler" }).click();
    await dialog().waitFor({ state: "detached" });

    await typeLabel(page, "end", "Au revoir");
    await toolbarButton(page, "Publier").click();
    await dialog().locator(".changes li", { hasText: "Au revoir" }).waitFor();
    await dialog().getByRole("textbox").pressSequentially("ne pas publier");
    await dialog().getByRole("button", { name: "Annuler" }).click();
    await page.getByRole("status").filter({ hasText: "rien n'a été publié" }).waitFor();
    expect(await versionsOf("annule")).toHaveLength(1);
  });

  it("the publish dialog shows each changed field before and after, and publishes with the note", async () => {
    ui.keepScreenshot("publish-dialog");
    await blankFlow("publie", "Publication");
    const flow = readFlowFile("publie");
    await callApi(page, "PUT", "/api/flows/publie", {
      flow: { ...flow, nodes: [flow.nodes[0], { id: "end", type: "end", label: "Fin" }] },
    });
    await callApi(page, "POST", "/api/flows/publie/publish", { note: "première version" });
    await ui.openFlow("publie", "Publication");
    await typeLabel(page, "end", "Fin du parcours");
    await toolbarButton(page, "Publier").click();
    const change = dialog().locator(".changes li", { hasText: "Libellé" });
    await change.waitFor();
    expect(await change.innerText()).toContain("Fin → Fin du parcours");
    await dialog().getByText("enregistrées d'abord").waitFor();
    await dialog().getByRole("textbox").pressSequentially("libellé de fin");
    await shot("dialog");
    await dialog().getByRole("button", { name: "Publier" }).click();
    await page.getByRole("status").filter({ hasText: "Version 2 publiée" }).waitFor();
    const versions = await callApi(page, "GET", "/api/flows/publie/versions");
    expect(versions[0]).toMatchObject({ version: 2, note: "libellé de fin", live: true });
  });
});

describe("two people editing one flow", () => {
  let other: BrowserContext;
  let bob: Page;
  beforeAll(async () => {
    await callApi(page, "POST", "/api/users", {
      email: "bob@example.fr",
      name: "Bob Martin",
      role: "editor",
      password: "bob-password-123",
    });
    other = await harness.browser.newContext({ locale: "fr-FR", viewport: { width: 1600, height: 1000 } });
    bob = await other.newPage();
    await bob.goto(harness.baseUrl);
    await bob.locator('input[name="email"]').pressSequentially("bob@example.fr");
    await bob.locator('input[name="password"]').pressSequentially("bob-password-123");
    await bob.keyboard.press("Enter");
    await bob.locator("tr[data-flow]").first().waitFor();
  });
  afterAll(async () => {
    await other?.close();
  });

  it("refuses the second save with who saved and when; overwrite and reload both work and lose nothing", async () => {
    ui.keepScreenshot("conflict");
    await blankFlow("equipe", "Équipe");
    await ui.openFlow("equipe", "Équipe");
    await bob.goto(`${harness.baseUrl}/#/flows/equipe`);
    await bob.locator(".toolbar .flow-name", { hasText: "Équipe" }).waitFor();

    await typeLabel(page, "end", "Version admin");
    await toolbarButton(page, "Enregistrer").click();
    await page.locator(".save-state.clean").waitFor();

    await typeLabel(bob, "end", "Version Bob");
    await toolbarButton(bob, "Enregistrer").click();
    const refusal = bob.getByRole("alert").filter({ hasText: "a enregistré ce parcours" });
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain(ADMIN.email);
    await shot("conflict", bob);
    expect(readFlowFile("equipe").nodes.find((n: { id: string }) => n.id === "end").label).toBe("Version admin");
    await bob.locator('[data-inspecting="end"] input[aria-label="Libellé"]').waitFor();
    expect(await bob.locator('[data-inspecting="end"] input[aria-label="Libellé"]').inputValue()).toBe("Version Bob");

    await refusal.getByRole("button", { name: "Enregistrer la mienne par-dessus" }).click();
    await bob.locator(".save-state.clean").waitFor();
    expect(readFlowFile("equipe").nodes.find((n: { id: string }) => n.id === "end").label).toBe("Version Bob");

    await typeLabel(page, "end", "Admin encore");
    await toolbarButton(page, "Enregistrer").click();
    const second = page.getByRole("alert").filter({ hasText: "Bob Martin (bob@example.fr) a enregistré" });
    await second.waitFor();
    await second.getByRole("button", { name: "Charger leur version" }).click();
    const label = page.locator('[data-inspecting="end"] input[aria-label="Libellé"]');
    await expect.poll(() => label.inputValue()).toBe("Version Bob");
    await page.locator(".save-state.clean").waitFor();
    await page.getByRole("status").getByRole("button", { name: "Reprendre mes modifications" }).click();
    await expect.poll(() => label.inputValue()).toBe("Admin encore");
    await toolbarButton(page, "Enregistrer").click();
    await page.locator(".save-state.clean").waitFor();
    expect(readFlowFile("equipe").nodes.find((n: { id: string }) => n.id === "end").label).toBe("Admin encore");
  });
});

describe("the File tab", () => {
  it("refuses to save invalid JSON, says where, and asks before a tab switch drops it", async () => {
    ui.keepScreenshot("raw-invalid");
    await blankFlow("brut", "Fichier brut");
    await ui.openFlow("brut", "Fichier brut");
    await ui.editorTab("Fichier").click();
    const editor = page.locator(".raw .monaco-editor");
    await editor.waitFor();
    const lines = JSON.stringify(readFlowFile("brut"), null, 2).split("\n");
    const nameLine = lines.findIndex((line) => line.trimStart().startsWith('"name"'));

    // Typing fast inside the flow's name keeps every character.
    await editor.click();
    await page.keyboard.press("ControlOrMeta+Home");
    for (let i = 0; i < nameLine; i++) await page.keyboard.press("ArrowDown");
    await page.keyboard.press("End");
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.type(" tapé vite sans rien perdre");
    await toolbarButton(page, "Enregistrer").click();
    await page.locator(".save-state.clean").waitFor();
    expect(readFlowFile("brut").name).toBe("Fichier brut tapé vite sans rien perdre");

    // A stray character at the end: not JSON any more.
    await editor.click();
    await page.keyboard.press("ControlOrMeta+End");
    await page.keyboard.type("x");
    const before = readFileSync(join(harness.flowsDir, "brut.flow.json"), "utf8");
    await toolbarButton(page, "Enregistrer").click();
    const refused = page.getByRole("alert").filter({ hasText: "Enregistrement refusé" });
    await refused.waitFor();
    expect(await refused.innerText()).toMatch(/ligne \d+, colonne \d+/);
    expect(readFileSync(join(harness.flowsDir, "brut.flow.json"), "utf8")).toBe(before);
    await shot("raw-refused");

    await ui.editorTab("Schéma").click();
    await dialog().getByText("n'est pas valide").waitFor();
    await shot("raw-leave");
    await dialog().getByRole("button", { name: "Rester et corriger" }).click();
    await dialog().waitFor({ state: "detached" });
    await editor.getByText("}x").waitFor();

    await ui.editorTab("Schéma").click();
    await dialog().getByRole("button", { name: "Abandonner ce texte" }).click();
    await ui.node("end").waitFor();
    await ui.editorTab("Fichier").click();
    await editor.getByText("tapé vite").waitFor();
    expect(await editor.getByText("}x").count()).toBe(0);

    // Text that parses but breaks the flow format: the refusal also names the field, as a JSON pointer.
    await editor.click();
    await page.keyboard.press("ControlOrMeta+Home");
    for (let i = 0; i < nameLine; i++) await page.keyboard.press("ArrowDown");
    await page.keyboard.press("End");
    await page.keyboard.press("ArrowLeft");
    for (const _ of JSON.stringify(readFlowFile("brut").name)) await page.keyboard.press("Shift+ArrowLeft");
    await page.keyboard.type("5");
    await toolbarButton(page, "Enregistrer").click();
    const located = page.getByRole("alert").filter({ hasText: "/name" });
    await located.waitFor();
    expect(await located.innerText()).toContain(`ligne ${nameLine + 1}`);
    await shot("raw-schema");
  });
});

describe("versions", () => {
  it("compares two versions field by field, opens an old one read-only, and rolls back after confirming", async () => {
    ui.keepScreenshot("versions");
    await blankFlow("histoire", "Histoire", true);
    const flow = readFlowFile("histoire");
    await callApi(page, "PUT", "/api/flows/histoire", {
      flow: { ...flow, nodes: [flow.nodes[0], { id: "end", type: "end", label: "Fin revue" }] },
    });
    await callApi(page, "POST", "/api/flows/histoire/publish", { note: "libellé" });
    await ui.openFlow("histoire", "Histoire");
    await ui.sideTab("Versions").click();
    await page.locator('li[data-version="2"].live').waitFor();

    await page.getByRole("button", { name: "Comparer" }).click();
    const compared = page.locator(".comparison", { hasText: "De la version 1 à la version 2" });
    await compared.locator("li", { hasText: "Libellé" }).waitFor();
    expect(await compared.innerText()).toContain("(vide) → Fin revue");
    await shot("compare");

    await page.locator('li[data-version="1"]').getByRole("button", { name: "Ouvrir en lecture seule" }).click();
    const banner = page.getByRole("status").filter({ hasText: "Version 1" });
    await banner.filter({ hasText: "lecture seule" }).waitFor();
    await page.locator(".canvas.read-only .react-flow__node[data-id='end']").waitFor();
    expect(await page.locator(".canvas.read-only .react-flow__node[data-id='end']").innerText()).not.toContain(
      "Fin revue",
    );
    expect(await toolbarButton(page, "Enregistrer").isDisabled()).toBe(true);
    // Dragging a node of an old version moves nothing (the view pans, the node keeps its place in the flow).
    const node = page.locator(".canvas.read-only .react-flow__node[data-id='end']");
    const place = await node.evaluate((element) => (element as HTMLElement).style.transform);
    const box = await node.boundingBox();
    if (!box) throw new Error("the node is not on screen");
    await page.mouse.move(box.x + 10, box.y + 10);
    await page.mouse.down();
    await page.mouse.move(box.x + 160, box.y + 90, { steps: 8 });
    await page.mouse.up();
    expect(await node.evaluate((element) => (element as HTMLElement).style.transform)).toBe(place);
    await shot("read-only");
    await banner.getByRole("button", { name: "Revenir au brouillon" }).click();
    await page.locator(".canvas:not(.read-only) .react-flow__node[data-id='end']", { hasText: "Fin revue" }).waitFor();

    await ui.sideTab("Versions").click();
    const rollback = page.locator('li[data-version="1"]').getByRole("button", { name: "Remettre en ligne" });
    await rollback.click();
    await dialog().getByText("au lieu de la version 2").waitFor();
    await dialog().getByRole("button", { name: "Annuler" }).click();
    await dialog().waitFor({ state: "detached" });
    expect((await versionsOf("histoire")).find((v) => v.live)?.version).toBe(2);
    await rollback.click();
    await shot("rollback-confirm");
    await dialog().getByRole("button", { name: "Remettre en ligne" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: "Version 1 remise en ligne à la place de la version 2" })
      .waitFor();
    await page.locator('li[data-version="1"].live').waitFor();
    expect((await versionsOf("histoire")).find((v) => v.live)?.version).toBe(1);
  });
});
