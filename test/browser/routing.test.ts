import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { PRESENCE_HEARTBEAT_MS } from "../../schema/api/index.js";
import { ageSeen } from "../integration/helpers.js";
import { ADMIN, type Harness, screenshotOnFailure, startHarness, typeInto } from "./harness.js";
import { escalateOrder } from "./rest-customer.js";

const AGENTS = [
  { email: "alice@example.fr", name: "Alice", password: "alice-password-1" },
  { email: "bruno@example.fr", name: "Bruno", password: "bruno-password-1" },
  { email: "chloe@example.fr", name: "Chloé", password: "chloe-password-1" },
] as const;
const SHOTS = "/tmp/h14/shots";

let harness: Harness;

/** The presence the runtime holds for the person logged in on the page. */
const presenceOn = (page: Page) =>
  page.evaluate(async () => (await (await fetch("/api/presence/me")).json()) as { presence: string });
const problems: string[] = [];
const pages: Page[] = [];

function watch(page: Page, who: string) {
  pages.push(page);
  page.on("pageerror", (error) => problems.push(`${who}: script error ${error.message}`));
  page.on("console", (message) => {
    if (message.type() !== "error" || message.text().startsWith("Failed to load resource")) return;
    problems.push(`${who}: console error ${message.text()}`);
  });
  return page;
}

async function logIn(person: { email: string; password: string }, who: string) {
  const context = await harness.browser.newContext({ locale: "fr-FR", viewport: { width: 1400, height: 1000 } });
  const page = watch(await context.newPage(), who);
  await page.goto(`${harness.baseUrl}/agent`);
  await typeInto(page.locator('input[name="email"]'), person.email);
  await typeInto(page.locator('input[name="password"]'), person.password);
  await page.click('button[type="submit"]');
  await page.locator(".agent-console").waitFor();
  await page.locator(".live-dot.on").waitFor();
  return page;
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  harness = await startHarness();
  watch(harness.page, "admin");
  const login = await harness.app.inject({ method: "POST", url: "/api/auth/login", payload: ADMIN });
  const cookie = `relais_session=${login.cookies.find((c) => c.name === "relais_session")?.value}`;
  for (const agent of AGENTS) {
    const created = await harness.app.inject({
      method: "POST",
      url: "/api/users",
      headers: { cookie },
      payload: { ...agent, role: "agent" },
    });
    if (created.statusCode !== 201) throw new Error(`create ${agent.name}: ${created.body}`);
  }
});

afterAll(async () => {
  await harness?.close();
});

describe("automatic assignment in real Chromium", () => {
  const agentPages: Page[] = [];

  it("lets the admin set the priority queue to automatic, one conversation at a time per agent", async () => {
    onTestFailed(() => screenshotOnFailure(harness.page, "routing-settings"));
    const page = harness.page;
    await page.goto(harness.baseUrl);
    await typeInto(page.locator('input[name="email"]'), ADMIN.email);
    await typeInto(page.locator('input[name="password"]'), ADMIN.password);
    await page.click('button[type="submit"]');
    await page.getByRole("link", { name: "Files" }).click();
    await page.locator("summary", { hasText: "Clients prioritaires" }).click();
    const form = page.locator('form[data-routing-form="priority"]');
    await form.getByLabel("Automatique, aux conseillers disponibles").check();
    await typeInto(form.locator('input[name="routing-capacity"]'), "1");
    await form.getByRole("button", { name: "Enregistrer l'attribution" }).click();
    await form.getByRole("status").filter({ hasText: "Attribution enregistrée." }).waitFor();
    await page.screenshot({ path: `${SHOTS}/routing-settings.png`, fullPage: true });
    await page.reload();
    await page
      .locator("summary", { hasText: "Clients prioritaires" })
      .filter({ hasText: "attribution automatique" })
      .waitFor();
  });

  it("gives two waiting cases to the two available agents and none to the one away", async () => {
    onTestFailed(() => Promise.all(pages.map((p, i) => screenshotOnFailure(p, `routing-${i}`))).then(() => {}));
    for (const agent of AGENTS) agentPages.push(await logIn(agent, agent.name));
    const [alice, bruno, chloe] = agentPages as [Page, Page, Page];
    for (const page of [alice, bruno]) {
      await page.getByRole("radio", { name: "Disponible" }).check();
      // What the runtime recorded, not only the button: automatic assignment reads it.
      await expect.poll(async () => (await presenceOn(page)).presence).toBe("available");
    }
    expect(await chloe.getByRole("radio", { name: "Absent" }).isChecked()).toBe(true);
    await alice
      .locator('li[data-queue="priority"]')
      .getByText("Attribution automatique : jusqu'à 1 conversations par conseiller disponible.")
      .waitFor();
    expect(
      await alice.locator('li[data-queue="priority"]').getByRole("button", { name: "Prendre la suivante" }).count(),
    ).toBe(0);

    const first = await escalateOrder(harness.baseUrl, "+33611111111");
    const second = await escalateOrder(harness.baseUrl, "+33622222222");
    await alice.locator("a[data-mine]").first().waitFor();
    await bruno.locator("a[data-mine]").first().waitFor();
    const held = [
      await alice.locator("a[data-mine]").getAttribute("data-mine"),
      await bruno.locator("a[data-mine]").getAttribute("data-mine"),
    ];
    expect(held.sort()).toEqual([first, second].sort());

    // A third case finds both available agents full: it waits, and still nothing goes to Chloé.
    await escalateOrder(harness.baseUrl, "+33633333333");
    await chloe.locator('li[data-queue="priority"] [data-waiting="1"]').waitFor();
    expect(await chloe.locator("a[data-mine]").count()).toBe(0);
    await chloe.getByText("Aucune conversation en cours.").waitFor();
    await alice.screenshot({ path: `${SHOTS}/routing-alice.png`, fullPage: true });
    await chloe.screenshot({ path: `${SHOTS}/routing-chloe.png`, fullPage: true });
  });

  it("shows each agent's presence and load on the supervision page, and what they handled in the team report", async () => {
    onTestFailed(() => screenshotOnFailure(harness.page, "routing-floor"));
    const page = harness.page;
    await page.getByRole("link", { name: "Supervision" }).click();
    for (const [name, presence, load] of [
      ["Alice", "Disponible", "1"],
      ["Bruno", "Disponible", "1"],
      ["Chloé", "Absent", "0"],
    ] as const) {
      const row = page.locator(`tr[data-person="${name}"]`);
      await row.locator(".presence-pill", { hasText: presence }).waitFor();
      expect(await row.locator("td[data-load]").getAttribute("data-load")).toBe(load);
    }
    await page.screenshot({ path: `${SHOTS}/routing-floor.png`, fullPage: true });
    await page.getByRole("link", { name: "Rapports" }).click();
    await page
      .locator('section[aria-label="Par conseiller"] tr[data-report-row="Alice"] td[data-handled="1"]')
      .waitFor();
    await page
      .locator('section[aria-label="Par file"] tr[data-report-row="Clients prioritaires"] td[data-handled="2"]')
      .waitFor();
    await page.screenshot({ path: `${SHOTS}/report.png`, fullPage: true });
    expect(problems).toEqual([]);
  });

  it("shows an agent offline on the supervision page once their console is closed", async () => {
    onTestFailed(() => screenshotOnFailure(harness.page, "routing-offline"));
    const [alice, , chloe] = agentPages as [Page, Page, Page];
    await chloe.context().close();
    const page = harness.page;
    await page.getByRole("link", { name: "Supervision" }).click();
    // The window passes with no word from anyone; Alice's and Bruno's consoles, still open, say they are
    // there at their next heartbeat (within 30 s), and Chloé's closed one never does.
    await ageSeen(harness.app);
    const pill = (name: string) => page.locator(`tr[data-person="${name}"] .presence-pill`).textContent();
    await expect
      .poll(
        async () => {
          await page.reload();
          await page.locator('tr[data-person="Chloé"]').waitFor();
          return `${await pill("Alice")}, ${await pill("Bruno")}`;
        },
        // Three heartbeats: a busy machine may run the page's timer late.
        { timeout: 90_000, interval: 1_000 },
      )
      .toBe("Disponible, Disponible");
    expect(await pill("Chloé")).toBe("Hors ligne");
    expect((await presenceOn(alice)).presence).toBe("available");
    await page.screenshot({ path: `${SHOTS}/routing-offline.png`, fullPage: true });
    expect(problems).toEqual([]);
  });
  it("keeps a supervisor online from their console, not while they watch the floor", async () => {
    const context = await harness.browser.newContext({ locale: "fr-FR", viewport: { width: 1400, height: 1000 } });
    const page = watch(await context.newPage(), "watching admin");
    onTestFailed(() => screenshotOnFailure(page, "routing-watching"));
    // The page's timers run on a clock the test moves: heartbeats are due every 30 s.
    await page.clock.install();
    const saidThere: string[] = [];
    page.on("request", (request) => {
      const url = new URL(request.url());
      const present = url.searchParams.get("present") !== "false";
      if (url.pathname === "/api/presence/me" || (url.pathname === "/api/events" && present))
        saidThere.push(url.pathname);
    });
    await page.goto(harness.baseUrl);
    await typeInto(page.locator('input[name="email"]'), ADMIN.email);
    await typeInto(page.locator('input[name="password"]'), ADMIN.password);
    await page.click('button[type="submit"]');
    await page.getByRole("link", { name: "Supervision", exact: true }).click();
    await page.locator('tr[data-person="Alice"]').waitFor();
    await page.locator(".live-dot.on").waitFor();
    await page.clock.runFor(PRESENCE_HEARTBEAT_MS * 3);
    await page.locator('tr[data-person="Alice"]').waitFor();
    expect(saidThere).toEqual([]);

    await page.getByRole("link", { name: "Conseillers", exact: true }).click();
    await page.locator(".agent-console").waitFor();
    await page.clock.runFor(PRESENCE_HEARTBEAT_MS * 3);
    await expect.poll(() => saidThere.filter((path) => path === "/api/presence/me").length).toBeGreaterThanOrEqual(3);
    expect(saidThere).toContain("/api/events");
    await context.close();
    expect(problems).toEqual([]);
  });
});
