import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, it } from "vitest";
import { LOGIN_FAILURES_ALLOWED } from "../../runtime/routes/auth.js";
import { designerPage } from "./designer-page.js";
import { ADMIN, type Harness, startHarness, typeInto } from "./harness.js";

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

describe("the login page says why it refuses, in the interface language", () => {
  it("says a password is wrong, then that the address must wait, in words and without a code", async () => {
    ui.keepScreenshot("login-refusals");
    await page.goto(harness.baseUrl);
    await typeInto(page.locator('input[name="email"]'), ADMIN.email);
    for (let attempt = 1; attempt <= LOGIN_FAILURES_ALLOWED; attempt++) {
      await typeInto(page.locator('input[name="password"]'), `pas le bon ${attempt}`);
      // Each refusal is the same sentence: its answer is waited for, so the attempts go one after another.
      const answered = page.waitForResponse((response) => response.url().endsWith("/api/auth/login"));
      await page.getByRole("button", { name: "Se connecter" }).click();
      await answered;
      await page
        .getByRole("alert")
        .filter({ hasText: /^E-mail ou mot de passe incorrect\.$/ })
        .waitFor();
    }
    await typeInto(page.locator('input[name="password"]'), ADMIN.password);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page
      .getByRole("alert")
      .filter({
        hasText:
          /^Trop de mots de passe erronés depuis votre adresse : réessayez dans \d+ minutes, ou demandez un lien de connexion à un administrateur\.$/,
      })
      .waitFor();
  });
});
