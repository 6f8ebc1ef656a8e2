import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { designerPage } from "./designer-page.js";
import { type Harness, startHarness, typeInto } from "./harness.js";

let harness: Harness;
let page: Page;
let ui: ReturnType<typeof designerPage>;
let link: string;

/** A first start without RELAIS_ADMIN_PASSWORD: the runtime prints a one-time login link, once, on stdout. */
beforeAll(async () => {
  const printed: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    printed.push(String(chunk));
    return write(chunk, ...rest);
  }) as typeof process.stdout.write;
  try {
    harness = await startHarness({ RELAIS_ADMIN_PASSWORD: "" });
  } finally {
    process.stdout.write = write;
  }
  const found = /https?:\/\/\S+\/api\/auth\/one-time\/\S+/.exec(printed.join(""));
  if (!found) throw new Error(`no one-time link was printed; the runtime printed:\n${printed.join("")}`);
  link = found[0];
  page = harness.page;
  ui = designerPage(page, harness.baseUrl);
});
afterAll(async () => {
  await harness?.close();
});

const NEW_PASSWORD = "une phrase assez longue";

describe("first start: the admin comes in with the one-time link and chooses a password", () => {
  it("logs the admin in without a password and asks for one before anything else", async () => {
    ui.keepScreenshot("one-time-link");
    await page.goto(link);
    await page.waitForURL(`${harness.baseUrl}/`);
    // The contract the app reads: `/api/auth/me` says whether the user has chosen a password yet.
    const me = await (await page.request.get(`${harness.baseUrl}/api/auth/me`)).json();
    expect(me, "GET /api/auth/me must answer `hasPassword`").toMatchObject({ hasPassword: false });
    await page.getByRole("heading", { name: "Choisissez votre mot de passe" }).waitFor();
    // Nothing else is reachable until a password is chosen. Loaded afresh at a flow's address: a new hash
    // alone is handled a moment later, so a look right after it would prove nothing.
    await page.goto(`${harness.baseUrl}/#/flows/triage`);
    await page.reload();
    await page.getByRole("heading", { name: "Choisissez votre mot de passe" }).waitFor();
    expect(await page.locator(".react-flow").count()).toBe(0);
  });

  it("refuses a short password and two that differ, then keeps the chosen one", async () => {
    ui.keepScreenshot("choose-password");
    await typeInto(page.getByLabel("Nouveau mot de passe"), "court");
    await typeInto(page.getByLabel("Le même, une seconde fois"), "court");
    await page.getByRole("button", { name: "Enregistrer le mot de passe" }).click();
    await page.getByRole("alert").filter({ hasText: "Au moins 10 caractères." }).waitFor();
    await typeInto(page.getByLabel("Nouveau mot de passe"), NEW_PASSWORD);
    await typeInto(page.getByLabel("Le même, une seconde fois"), `${NEW_PASSWORD}!`);
    await page.getByRole("button", { name: "Enregistrer le mot de passe" }).click();
    await page.getByRole("alert").filter({ hasText: "Les deux mots de passe diffèrent." }).waitFor();
    await typeInto(page.getByLabel("Le même, une seconde fois"), NEW_PASSWORD);
    await page.getByRole("button", { name: "Enregistrer le mot de passe" }).click();
    await ui.node("start").waitFor();
  });

  it("logs in with the chosen password afterwards, and the link works only once", async () => {
    ui.keepScreenshot("after-first-start");
    await page.getByRole("button", { name: "Se déconnecter" }).click();
    await page.locator('input[name="password"]').waitFor();
    await ui.logIn(NEW_PASSWORD);
    await page.getByRole("heading", { name: "Parcours" }).waitFor();
    expect(await page.getByRole("heading", { name: "Choisissez votre mot de passe" }).count()).toBe(0);
    const again = await page.request.get(link, { maxRedirects: 0 });
    expect(again.status()).toBe(401);
    expect((await again.json()).error.code).toBe("LINK_USED");
  });
});
