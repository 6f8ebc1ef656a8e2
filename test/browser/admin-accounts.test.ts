import { join, resolve } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, type Harness, screenshotOnFailure, startHarness } from "./harness.js";

const artifacts = resolve(import.meta.dirname, "../artifacts");
let harness: Harness;
let page: Page;

beforeAll(async () => {
  harness = await startHarness();
  page = harness.page;
});
afterAll(async () => {
  await harness?.close();
});

/** Status of `/api/auth/me` for a session cookie or an API token, as the runtime answers it. */
async function me(credential: { cookie?: string; token?: string }) {
  const response = await harness.app.inject({
    method: "GET",
    url: "/api/auth/me",
    headers: credential.token ? { authorization: `Bearer ${credential.token}` } : { cookie: credential.cookie },
  });
  return response.statusCode;
}

describe("closing accounts from the team page", () => {
  it("closes and reopens an agent's account, and revokes an API token", async () => {
    const keep = (name: string) => screenshotOnFailure(page, name);
    const admin = await harness.app.inject({ method: "POST", url: "/api/auth/login", payload: ADMIN });
    const cookie = `relais_session=${admin.cookies.find((c) => c.name === "relais_session")?.value}`;
    await harness.app.inject({
      method: "POST",
      url: "/api/users",
      headers: { cookie },
      payload: { email: "zoe@example.fr", name: "Zoé", role: "agent", password: "zoe-password-1" },
    });
    const zoe = await harness.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: "zoe@example.fr", password: "zoe-password-1" },
    });
    const zoeCookie = `relais_session=${zoe.cookies.find((c) => c.name === "relais_session")?.value}`;
    const { token } = (
      await harness.app.inject({
        method: "POST",
        url: "/api/tokens",
        headers: { cookie },
        payload: { name: "intégration continue", role: "editor" },
      })
    ).json();

    try {
      await page.goto(harness.baseUrl);
      await page.locator('input[name="email"]').click();
      await page.keyboard.type(ADMIN.email);
      await page.locator('input[name="password"]').click();
      await page.keyboard.type(ADMIN.password);
      await page.keyboard.press("Enter");
      await page.locator("tr[data-flow]").first().waitFor();
      await page.goto(`${harness.baseUrl}/admin`);
      const row = page.locator('tr[data-member="zoe@example.fr"]');
      await row.getByRole("button", { name: "Fermer le compte" }).click();
      await row.getByRole("status").filter({ hasText: "Compte de Zoé fermé" }).waitFor();
      await row.getByText("compte fermé").waitFor();
      expect(await me({ cookie: zoeCookie })).toBe(401);
      await row.getByRole("button", { name: "Rouvrir le compte" }).waitFor();

      const tokenRow = page.locator('tr[data-token="intégration continue"]');
      await tokenRow.waitFor();
      await page.screenshot({ path: join(artifacts, "admin-accounts.png"), fullPage: true });
      expect(await me({ token })).toBe(200);
      await tokenRow.getByRole("button", { name: "Révoquer" }).click();
      await tokenRow.waitFor({ state: "detached" });
      expect(await me({ token })).toBe(401);
    } catch (error) {
      await keep("admin-accounts");
      throw error;
    }
  });
});
