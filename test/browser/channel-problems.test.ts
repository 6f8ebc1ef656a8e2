import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { designerPage } from "./designer-page.js";
import { ADMIN, type Harness, startHarness } from "./harness.js";

/*
 * The problems list checks the limits of the channels a flow is published on: WhatsApp's button
 * limit shows on the flow WhatsApp starts, pointing at its step, and not on a flow only the web chat
 * and REST start.
 */

let harness: Harness;
let page: Page;
const artifacts = resolve(import.meta.dirname, "../artifacts");

const menu = (id: string, name: string) => ({
  $schema: "../schema/flow.schema.json",
  schemaVersion: 1,
  id,
  name,
  languages: ["fr"],
  nodes: [
    { id: "start", type: "start", next: "menu" },
    {
      id: "menu",
      type: "message",
      label: "Menu principal",
      text: "Quel sujet ?",
      choices: [
        { id: "order", label: "Suivre ma commande en cours", next: "bye" },
        { id: "other", label: "Autre", next: "bye" },
      ],
    },
    { id: "bye", type: "end", text: "Merci !" },
  ],
});
const layout = (id: string) => ({
  $schema: "../schema/layout.schema.json",
  flow: id,
  nodes: { start: { x: 0, y: 0 }, menu: { x: 320, y: 0 }, bye: { x: 700, y: 0 } },
});

const WHATSAPP_LIMIT =
  "L'étape « Menu principal » : le choix « Suivre ma commande en cours » fait 27 caractères, mais WhatsApp n'en montre que 20 : raccourcissez-le.";

beforeAll(async () => {
  harness = await startHarness({
    WHATSAPP_APP_SECRET: "app-secret",
    WHATSAPP_VERIFY_TOKEN: "verify",
    WHATSAPP_TOKEN: "token",
    WHATSAPP_PHONE_NUMBER_ID: "106540352242922",
    WHATSAPP_FLOW: "menu-whatsapp",
  });
  mkdirSync(artifacts, { recursive: true });
  for (const [id, name] of [
    ["menu-whatsapp", "Menu WhatsApp"],
    ["menu-site", "Menu du site"],
  ] as const) {
    writeFileSync(join(harness.flowsDir, `${id}.flow.json`), `${JSON.stringify(menu(id, name), null, 2)}\n`);
    writeFileSync(join(harness.flowsDir, `${id}.layout.json`), `${JSON.stringify(layout(id), null, 2)}\n`);
  }
  const context = await harness.browser.newContext({ locale: "fr-FR", viewport: { width: 1600, height: 1000 } });
  page = await context.newPage();
  await page.goto(harness.baseUrl);
  await page.getByLabel("E-mail").pressSequentially(ADMIN.email);
  await page.getByLabel("Mot de passe").pressSequentially(ADMIN.password);
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: "Parcours" }).waitFor();
});
afterAll(async () => {
  await harness?.close();
});

describe("channel limits in the problems list", () => {
  it("shows WhatsApp's button limit on the flow WhatsApp starts, at its step, and not on the site's", async () => {
    const ui = designerPage(page, harness.baseUrl);
    await ui.openFlow("menu-whatsapp", "Menu WhatsApp");
    await ui.sideTab("Problèmes").click();
    await page
      .locator(".problems-channels", {
        hasText: "Limites vérifiées pour les canaux de ce parcours : WhatsApp, le chat web et l'API REST.",
      })
      .waitFor();
    const limit = page.locator(".problem", { hasText: WHATSAPP_LIMIT });
    await limit.waitFor();
    expect(await limit.getAttribute("data-node")).toBe("menu");
    await page.screenshot({ path: join(artifacts, "channel-problems-whatsapp.png") });
    await limit.click();
    await ui.selected("menu").waitFor();

    await page.goto(harness.baseUrl);
    await ui.openFlow("menu-site", "Menu du site");
    await ui.sideTab("Problèmes").click();
    await page
      .locator(".problems-channels", {
        hasText: "Limites vérifiées pour les canaux de ce parcours : le chat web et l'API REST.",
      })
      .waitFor();
    await page.locator(".problems-empty", { hasText: "Aucun problème." }).waitFor();
    expect(await page.locator(".problem", { hasText: "WhatsApp" }).count()).toBe(0);
    await page.screenshot({ path: join(artifacts, "channel-problems-site.png") });
  });
});
