import { mkdirSync } from "node:fs";
import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { loadQueues } from "../../runtime/conversation/queues.js";
import { ADMIN, type Harness, screenshotOnFailure, startHarness, typeInto } from "./harness.js";
import { customerSays, escalateOrder, startCallbackServer } from "./rest-customer.js";

const ALICE = { email: "alice@example.fr", name: "Alice", password: "alice-password-1" };
const SOPHIE = { email: "sophie@example.fr", name: "Sophie", password: "sophie-password-1" };
const SHOTS = "/tmp/h14/shots";

let harness: Harness;
let callback: Awaited<ReturnType<typeof startCallbackServer>>;
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
  return { context, page };
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  callback = await startCallbackServer();
  harness = await startHarness({ RELAIS_REST_CALLBACK_URL: callback.url });
  watch(harness.page, "admin");
});

afterAll(async () => {
  await harness?.close();
  await callback?.close();
});

describe("a supervisor runs the floor in real Chromium", () => {
  let conversationId: string;
  let sophie: Page;

  it("lets the admin invite a supervisor and an agent", async () => {
    onTestFailed(() => screenshotOnFailure(harness.page, "supervision-team"));
    const page = harness.page;
    await page.goto(harness.baseUrl);
    await typeInto(page.locator('input[name="email"]'), ADMIN.email);
    await typeInto(page.locator('input[name="password"]'), ADMIN.password);
    await page.click('button[type="submit"]');
    await page.getByRole("link", { name: "Équipe" }).click();
    for (const [person, role] of [
      [ALICE, "agent"],
      [SOPHIE, "supervisor"],
    ] as const) {
      await typeInto(page.locator('input[name="invite-email"]'), person.email);
      await typeInto(page.locator('input[name="invite-name"]'), person.name);
      await page.selectOption('select[name="invite-role"]', role);
      await typeInto(page.locator('input[name="invite-password"]'), person.password);
      await page.click('button:has-text("Inviter")');
      await page
        .getByRole("status")
        .filter({ hasText: `${person.name} a été créé` })
        .waitFor();
    }
    const row = page.locator(`tr[data-member="${SOPHIE.email}"]`);
    expect(await row.locator('select[aria-label="Rôle"] option:checked').textContent()).toBe("Superviseur");
  });

  it("sees Alice holding a case on the live floor, then takes it over; the customer gets Sophie's reply", async () => {
    onTestFailed(() => Promise.all(pages.map((p, i) => screenshotOnFailure(p, `supervision-${i}`))).then(() => {}));
    const { context: aliceContext, page: alice } = await logIn(ALICE, "Alice");
    conversationId = await escalateOrder(harness.baseUrl, "+33611111111");
    await alice.locator('li[data-queue="priority"]').getByRole("button", { name: "Prendre la suivante" }).click();
    await alice.waitForURL(`**/#/agent/${conversationId}`);
    // Alice goes home holding the case.
    await aliceContext.close();

    ({ page: sophie } = await logIn(SOPHIE, "Sophie"));
    await sophie.getByRole("link", { name: "Supervision" }).click();
    const aliceRow = sophie.locator('tr[data-person="Alice"]');
    await expect.poll(() => aliceRow.locator("td[data-load]").getAttribute("data-load")).toBe("1");
    await aliceRow.locator(`a[data-held="${conversationId}"]`).waitFor();
    await sophie.screenshot({ path: `${SHOTS}/floor.png`, fullPage: true });

    await aliceRow.locator(`a[data-held="${conversationId}"]`).click();
    await sophie.waitForURL(`**/#/agent/${conversationId}`);
    await sophie.locator(".status-banner", { hasText: "Prise en charge par Alice" }).waitFor();
    // Only Alice replies to the customer while she holds it: Sophie comes for a note, and the reply tab
    // says why it is closed to her.
    await sophie.locator('textarea[name="note"]:not([disabled])').waitFor();
    await sophie.getByRole("tab", { name: "Répondre" }).click();
    await sophie
      .locator("[data-reply-refusal]", { hasText: "Alice a cette conversation : c'est à cette personne de répondre" })
      .waitFor();
    expect(await sophie.locator('textarea[name="reply"]').isDisabled()).toBe(true);
    await sophie.screenshot({ path: `${SHOTS}/reply-refused.png`, fullPage: true });
    await sophie.getByRole("tab", { name: "Note interne" }).click();
    await sophie.getByRole("button", { name: "Reprendre" }).click();
    await sophie.getByRole("status").filter({ hasText: "Vous avez repris la conversation." }).waitFor();
    await sophie.locator(".entry.system", { hasText: "Sophie a repris la conversation de Alice." }).waitFor();

    await typeInto(sophie.locator('textarea[name="reply"]'), "Bonjour, je prends le relais de ma collègue.");
    await sophie.getByRole("button", { name: "Envoyer" }).click();
    const pushed = await callback.waitFor(
      (p) => p.conversationId === conversationId && p.message.text === "Bonjour, je prends le relais de ma collègue.",
    );
    expect(pushed.to).toBe("+33611111111");
    await sophie.screenshot({ path: `${SHOTS}/takeover.png`, fullPage: true });

    // And gives it back to Alice, who works the priority queue: offered with what each person holds.
    const giveTo = sophie.locator('select[name="give-to"]');
    await expect.poll(() => giveTo.locator("option").allTextContents()).toContain("Alice (0 en cours)");
    await giveTo.selectOption({ label: "Alice (0 en cours)" });
    await sophie.getByRole("button", { name: "Confier", exact: true }).click();
    await sophie.getByRole("status").filter({ hasText: "Conversation confiée à Alice." }).waitFor();
    await sophie.locator(".status-banner", { hasText: "Prise en charge par Alice" }).waitFor();
    expect(problems).toEqual([]);
  });

  it("raises an alert on the floor when a queue's SLA is breached", async () => {
    onTestFailed(() => screenshotOnFailure(sophie, "supervision-breach"));
    const late = await escalateOrder(harness.baseUrl, "+33622222222");
    // The case has waited past its due time: the SLA clock is moved, not the test's.
    const { handoffs } = harness.app.store.tables;
    await harness.app.store.tx((db) =>
      db
        .update(handoffs)
        .set({ slaDueAt: Date.now() - 3 * 60_000 })
        .where(eq(handoffs.conversationId, late)),
    );
    await sophie.getByRole("link", { name: "Supervision" }).click();
    await sophie.reload();
    await sophie
      .getByRole("alert")
      .filter({ hasText: "Délai dépassé dans la file Clients prioritaires : 1 client attend, en retard de 3 min." })
      .waitFor();
    await sophie.screenshot({ path: `${SHOTS}/breach.png`, fullPage: true });
    expect(problems).toEqual([]);
  });

  it("lists a queue's waiting cases in words; an agent picks one and sees the customer's new message marked", async () => {
    const { page: alice } = await logIn(ALICE, "Alice");
    const picked = await escalateOrder(harness.baseUrl, "+33633333333");
    const priority = alice.locator('li[data-queue="priority"]');
    await expect.poll(() => priority.locator(".waiting").getAttribute("data-waiting")).toBe("2");
    await priority.getByRole("button", { name: "Voir qui attend" }).click();
    const row = priority.locator(`li[data-waiting-case="${picked}"]`);
    await row.locator(".who", { hasText: "Camille Martin" }).waitFor();
    expect(await row.locator(".row-why").textContent()).toContain("haute");
    expect(await row.locator(".row-why").textContent()).toContain("Montant de commande élevé");
    expect(await row.locator(".row-last").textContent()).toContain("Je vous mets en relation avec un conseiller");
    await alice.screenshot({ path: `${SHOTS}/waiting-list.png`, fullPage: true });
    await row.getByRole("button", { name: "Prendre" }).click();
    await alice.waitForURL(`**/#/agent/${picked}`);

    await customerSays(harness.baseUrl, "+33633333333", "+33633333333-5", { text: "Vous êtes là ?" });
    const mine = alice.locator(`a[data-mine="${picked}"]`);
    await mine.locator(".unread", { hasText: "1 nouveau message" }).waitFor();
    expect(await mine.locator(".last-text").textContent()).toBe("Vous êtes là ?");
    await alice.screenshot({ path: `${SHOTS}/mine.png`, fullPage: true });
    expect(problems).toEqual([]);
  });

  it("keeps the admin from saving a queue that never opens, and offers round-the-clock hours instead", async () => {
    onTestFailed(() => screenshotOnFailure(harness.page, "supervision-hours"));
    const page = harness.page;
    await page.getByRole("link", { name: "Files" }).click();
    const level2 = page.locator("details.queue-settings", { hasText: "(level2)" });
    await level2.locator("summary").click();
    // The test queues are open round the clock: office hours first, which the admin then takes away.
    const roundTheClock = level2.getByLabel("Ouverte 24 h/24, 7 j/7");
    if (await roundTheClock.isChecked()) await roundTheClock.uncheck();
    await level2.locator(".hours-editor").waitFor();
    const closeButtons = level2.locator(".hours-editor button", { hasText: "✕" });
    while ((await closeButtons.count()) > 0) await closeButtons.first().click();
    await level2.locator('form[data-queue-form="level2"] button[type="submit"]').click();
    await level2.getByRole("alert").filter({ hasText: "Cette file n'a aucun horaire d'ouverture" }).waitFor();
    await page.screenshot({ path: `${SHOTS}/no-hours.png`, fullPage: true });
    await level2.getByLabel("Ouverte 24 h/24, 7 j/7").check();
    expect(await level2.locator(".hours-editor").count()).toBe(0);
    await level2.locator('form[data-queue-form="level2"] button[type="submit"]').click();
    // The list reloads after a save (the form folds away): what was stored is what counts.
    await expect
      .poll(async () => (await loadQueues(harness.app.store)).get("level2")?.hours)
      .toEqual(
        Object.fromEntries(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((day) => [day, [["00:00", "24:00"]]])),
      );
  });

  it("adds a holiday and a closure of several days with the keyboard, shown in words, and stores them", async () => {
    onTestFailed(() => screenshotOnFailure(harness.page, "supervision-holidays"));
    const page = harness.page;
    await page.goto(`${harness.baseUrl}/#/admin/queues`);
    const level2 = page.locator("details.queue-settings", { hasText: "(level2)" });
    await level2.locator("summary").click();
    const holidays = level2.locator("fieldset.holidays-editor");
    await holidays.getByText("Aucun jour de fermeture.").waitFor();
    // Typed in French order, day, month, year, the slashes coming by themselves.
    await holidays.locator('input[name="closure-from"]').click();
    await page.keyboard.type("25122026");
    expect(await holidays.locator('input[name="closure-from"]').inputValue()).toBe("25/12/2026");
    await holidays.getByText("Fermé : vendredi 25 décembre 2026.").waitFor();
    await holidays.getByLabel("Libellé").click();
    await page.keyboard.type("Noël");
    await page.keyboard.press("Enter");
    await holidays.locator("li", { hasText: "Noël — vendredi 25 décembre 2026" }).waitFor();

    await holidays.locator('input[name="closure-from"]').click();
    await page.keyboard.type("28122026");
    // Past the calendar button, to the end date.
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await page.keyboard.type("31122026");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await page.keyboard.type("Inventaire");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await holidays
      .locator("li", { hasText: "Inventaire — du lundi 28 décembre 2026 au jeudi 31 décembre 2026" })
      .waitFor();
    await holidays.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/holidays.png`, fullPage: true });
    await level2.locator('form[data-queue-form="level2"] button[type="submit"]').click();
    await expect
      .poll(async () => (await loadQueues(harness.app.store)).get("level2")?.holidays)
      .toEqual([
        { from: "2026-12-25", to: "2026-12-25", label: "Noël" },
        { from: "2026-12-28", to: "2026-12-31", label: "Inventaire" },
      ]);
  });
});
