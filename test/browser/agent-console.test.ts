import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { ADMIN, type Harness, screenshotOnFailure, startHarness, typeInto } from "./harness.js";
import { startCallbackServer } from "./rest-customer.js";

const XSS = "<img src=x onerror=alert(1)>";
const ALICE = { email: "alice@example.fr", name: "Alice", password: "alice-password-1" };
const BRUNO = { email: "bruno@example.fr", name: "Bruno", password: "bruno-password-1" };

let harness: Harness;
let callback: Awaited<ReturnType<typeof startCallbackServer>>;
const pages: Page[] = [];
const problems: string[] = [];

/**
 * Every page is watched: a dialog (an `alert` from injected markup), a script error, a console
 * error, or a request for the injected image's `x` fails the run. The browser's own log line for
 * a refused request (409 when two agents collide) is the expected answer, not a problem.
 */
function watch(page: Page, who: string) {
  pages.push(page);
  page.on("dialog", (dialog) => {
    problems.push(`${who}: dialog ${dialog.type()} “${dialog.message()}”`);
    void dialog.dismiss();
  });
  page.on("console", (message) => {
    if (message.type() !== "error" || message.text().startsWith("Failed to load resource")) return;
    problems.push(`${who}: console error ${message.text()} at ${message.location().url}`);
  });
  page.on("pageerror", (error) => problems.push(`${who}: script error ${error.message}`));
  page.on("request", (request) => {
    if (new URL(request.url()).pathname.endsWith("/x")) problems.push(`${who}: requested ${request.url()}`);
  });
  return page;
}

function keepScreenshots(name: string) {
  onTestFailed(() =>
    Promise.all(pages.map((page, index) => screenshotOnFailure(page, `agent-${name}-${index}`))).then(() => {}),
  );
}

async function customer(
  from: string,
  messageId: string,
  body: { text?: string; choiceId?: string; language?: string },
  flowId = "order-status",
) {
  const response = await fetch(`${harness.baseUrl}/api/channels/rest/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ flowId, from, messageId, ...body }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { conversationId: string; status: string; replies: { text: string }[] };
}

/** Camille asks about order CMD-100002 (740 EUR): the high-value rule hands her to the priority queue. */
async function escalate(from: string) {
  await customer(from, `${from}-1`, { text: "Bonjour" });
  await customer(from, `${from}-2`, { choiceId: "email" });
  await customer(from, `${from}-3`, { text: "camille.martin@example.fr" });
  const answer = await customer(from, `${from}-4`, { text: "CMD-100002" });
  expect(answer.status).toBe("queued");
  return answer.conversationId;
}

/** A fresh browser for an agent, logged in from `/agent` (the address agents are given). */
async function agentPage(person: typeof ALICE): Promise<{ context: BrowserContext; page: Page }> {
  const context = await harness.browser.newContext({ locale: "fr-FR", viewport: { width: 1400, height: 1000 } });
  const page = watch(await context.newPage(), person.name);
  await page.goto(`${harness.baseUrl}/agent`);
  expect(new URL(page.url()).hash).toBe("#/agent");
  await typeInto(page.locator('input[name="email"]'), person.email);
  await typeInto(page.locator('input[name="password"]'), person.password);
  await page.click('button[type="submit"]');
  await page.locator(".agent-console").waitFor();
  await page.locator(".live-dot.on").waitFor();
  return { context, page };
}

const queue = (page: Page, id: string) => page.locator(`li[data-queue="${id}"]`);
const waiting = (page: Page, id: string) => queue(page, id).locator(".waiting").getAttribute("data-waiting");

beforeAll(async () => {
  callback = await startCallbackServer();
  harness = await startHarness({ RELAIS_REST_CALLBACK_URL: callback.url });
  watch(harness.page, "admin");
});

afterAll(async () => {
  await harness?.close();
  await callback?.close();
});

describe("agent console in real Chromium against the real runtime", () => {
  let alice: Page;
  let bruno: Page;
  let conversationId: string;

  it("lets the admin create two agents with the queues they work, and set a queue's SLA", async () => {
    keepScreenshots("team");
    const page = harness.page;
    await page.goto(harness.baseUrl);
    await typeInto(page.locator('input[name="email"]'), ADMIN.email);
    await typeInto(page.locator('input[name="password"]'), ADMIN.password);
    await page.click('button[type="submit"]');
    await page.getByRole("link", { name: "Équipe" }).click();
    for (const [person, queues] of [
      [ALICE, ["support", "priority"]],
      [BRUNO, ["level2"]],
    ] as const) {
      await typeInto(page.locator('input[name="invite-email"]'), person.email);
      await typeInto(page.locator('input[name="invite-name"]'), person.name);
      await page.selectOption('select[name="invite-role"]', "agent");
      const picker = page.locator('fieldset[aria-label="Files travaillées invite"]');
      for (const id of queues) await picker.locator(`input[value="${id}"]`).check();
      await typeInto(page.locator('input[name="invite-password"]'), person.password);
      await page.click('button:has-text("Inviter")');
      await page
        .getByRole("status")
        .filter({ hasText: `${person.name} a été créé` })
        .waitFor();
      const row = page.locator(`tr[data-member="${person.email}"]`);
      await row.waitFor();
      for (const id of queues) await expect.poll(() => row.locator(`input[value="${id}"]`).isChecked()).toBe(true);
    }
    await page.getByRole("link", { name: "Files" }).click();
    const level2 = page.locator("details.queue-settings", { hasText: "(level2)" });
    await level2.locator("summary").click();
    await typeInto(level2.locator('input[name="queue-sla"]'), "90");
    await level2.locator('form[data-queue-form="level2"] button[type="submit"]').click();
    await page
      .locator("details.queue-settings", { hasText: "(level2)" })
      .locator("summary", { hasText: "90 min" })
      .waitFor();
  });

  it("shows a conversation escalated through the REST channel live, with a badge", async () => {
    keepScreenshots("live-handoff");
    ({ page: alice } = await agentPage(ALICE));
    await queue(alice, "priority").waitFor();
    // Alice works support and priority only.
    expect(await queue(alice, "level2").count()).toBe(0);
    expect(await waiting(alice, "priority")).toBe("0");
    conversationId = await escalate("+33612345678");
    await expect.poll(() => waiting(alice, "priority")).toBe("1");
    await expect.poll(() => alice.getByTestId("new-work").textContent()).toBe("1");
  });

  it("takes the case with the handoff packet in words above the whole transcript", async () => {
    keepScreenshots("take");
    await queue(alice, "priority").getByRole("button", { name: "Prendre la suivante" }).click();
    await alice.waitForURL(`**/#/agent/${conversationId}`);
    await alice
      .getByTestId("handoff-reason")
      .filter({ hasText: "Montant de commande élevé : 740 EUR >= 500 EUR" })
      .waitFor();
    expect(await alice.getByTestId("packet-customer").textContent()).toContain("Camille Martin");
    expect(await alice.getByTestId("packet-order").textContent()).toMatch(
      /^CMD-100002 · En préparation · 740 EUR( · \d{2}\/\d{2}\/\d{4})?$/,
    );
    // Queues by their names, in the packet and in the transcript's line of the handoff.
    expect(await alice.getByTestId("packet-queue").textContent()).toMatch(/^Clients prioritaires · Priorité /);
    await alice
      .locator(".entry.system .entry-text", { hasText: "Confiée à la file Clients prioritaires : " })
      .waitFor();
    expect(await alice.locator('tr[data-variable="customer.email"] td').textContent()).toBe(
      "camille.martin@example.fr",
    );
    expect(await alice.locator(".entry.customer .entry-text", { hasText: "CMD-100002" }).count()).toBe(1);
    expect(await alice.locator(".entry.bot").count()).toBeGreaterThan(1);
    // The queue's count comes back with the console's next refresh, after the conversation shows.
    await expect.poll(() => waiting(alice, "priority")).toBe("0");
    await alice.locator(`a[data-mine="${conversationId}"]`).waitFor();
  });

  it("shows what the customer writes live, as text: markup never runs", async () => {
    keepScreenshots("xss");
    const answer = await customer("+33612345678", "xss-1", { text: XSS });
    expect(answer.status).toBe("agent");
    const entry = alice.locator(".entry.customer .entry-text", { hasText: XSS });
    await entry.waitFor();
    expect(await entry.textContent()).toBe(XSS);
    expect(await alice.locator(".conversation img").count()).toBe(0);
    expect(await alice.evaluate(() => document.querySelectorAll("img[src='x']").length)).toBe(0);
    expect(problems).toEqual([]);
  });

  it("replies with a canned response filled from the collected variables; the customer receives it", async () => {
    keepScreenshots("reply");
    await alice.selectOption('select[aria-label="Réponses types"]', "bonjour");
    const box = alice.locator('textarea[name="reply"]');
    await expect.poll(() => box.inputValue()).toContain("Bonjour Camille, je suis Alice et je reprends votre demande.");
    await alice.getByRole("button", { name: "Envoyer" }).click();
    await alice.locator(".entry.agent .entry-text", { hasText: "Bonjour Camille" }).waitFor();
    // The box empties once the runtime answered, which can come after the live event showed the reply.
    await expect.poll(() => box.inputValue()).toBe("");
    const pushed = await callback.waitFor((p) => p.message.text.startsWith("Bonjour Camille, je suis Alice"));
    expect(pushed).toMatchObject({ conversationId, to: "+33612345678" });
    await alice.getByRole("tab", { name: "Note interne" }).click();
    await typeInto(alice.locator('textarea[name="note"]'), "Client pressé, commande importante.");
    await alice.getByRole("button", { name: "Ajouter la note" }).click();
    await alice.locator(".entry.note .entry-text", { hasText: "Client pressé" }).waitFor();
    expect(callback.received.some((p) => p.message.text.includes("Client pressé"))).toBe(false);
  });

  it("keeps a reply typed and not sent through a reload, until it is sent", async () => {
    keepScreenshots("reply-kept");
    await alice.getByRole("tab", { name: "Répondre" }).click();
    const box = alice.locator('textarea[name="reply"]');
    await box.click();
    await alice.keyboard.type("Je regarde où en est l'expédition");
    await alice.reload();
    await expect.poll(() => box.inputValue()).toBe("Je regarde où en est l'expédition");
    await box.click();
    await alice.keyboard.press("End");
    await alice.keyboard.type(", un instant.");
    await alice.getByRole("button", { name: "Envoyer" }).click();
    await alice
      .locator(".entry.agent .entry-text", { hasText: "Je regarde où en est l'expédition, un instant." })
      .waitFor();
    await expect.poll(() => box.inputValue()).toBe("");
    await alice.reload();
    await alice.locator(".entry.agent .entry-text", { hasText: "un instant." }).waitFor();
    expect(await box.inputValue()).toBe("");
  });

  it("forgets, as the console starts, drafts left untouched for weeks, keeping the recent ones and the agent's", async () => {
    keepScreenshots("reply-pruned");
    const box = alice.locator('textarea[name="reply"]');
    await box.click();
    await alice.keyboard.type("Je vérifie auprès du transporteur");
    const stored = (key: string) => alice.evaluate((name) => localStorage.getItem(name), key);
    await expect.poll(() => stored(`relais.reply.${conversationId}.reply`)).toContain("transporteur");
    // Left by conversations since closed or handed on, in the form drafts are kept in now and in the one before.
    await alice.evaluate(() => {
      const day = 24 * 3600_000;
      const kept = (text: string, age: number) => JSON.stringify({ text, at: Date.now() - age * day });
      localStorage.setItem("relais.reply.closed-long-ago.reply", kept("Bonjour, je reprends", 45));
      localStorage.setItem("relais.reply.last-week.note", kept("À rappeler lundi", 7));
      localStorage.setItem("relais.reply.before-dating.reply", "Texte d'avant");
      localStorage.setItem("relais.not-a-reply", kept("Pas un brouillon", 400));
    });
    await alice.reload();
    await expect.poll(() => box.inputValue()).toBe("Je vérifie auprès du transporteur");
    await expect.poll(() => stored("relais.reply.closed-long-ago.reply")).toBeNull();
    expect(JSON.parse((await stored("relais.reply.last-week.note")) ?? "{}").text).toBe("À rappeler lundi");
    expect(JSON.parse((await stored("relais.reply.before-dating.reply")) ?? "{}").text).toBe("Texte d'avant");
    expect(JSON.parse((await stored("relais.not-a-reply")) ?? "{}").text).toBe("Pas un brouillon");
    await typeInto(box, "");
    await expect.poll(() => stored(`relais.reply.${conversationId}.reply`)).toBeNull();
  });

  it("keeps an agent of another queue out of the conversation", async () => {
    keepScreenshots("other-queue");
    ({ page: bruno } = await agentPage(BRUNO));
    await bruno.goto(`${harness.baseUrl}/#/agent/${conversationId}`);
    await bruno.getByText("Cette conversation n'est dans aucune des files que vous travaillez").waitFor();
    await queue(bruno, "level2").waitFor();
    expect(await queue(bruno, "priority").count()).toBe(0);
    expect(await bruno.locator(".entry").count()).toBe(0);
    expect(await bruno.locator('textarea[name="reply"]').count()).toBe(0);
  });

  it("transfers to level 2 with a note, which level 2 sees arrive live", async () => {
    keepScreenshots("transfer");
    await bruno.goto(`${harness.baseUrl}/#/agent`);
    await expect.poll(() => waiting(bruno, "level2")).toBe("0");
    await alice.getByRole("button", { name: "Transférer" }).click();
    const form = alice.locator('form[aria-label="Transférer"]');
    await form.locator('select[name="queue"]').selectOption("level2");
    await typeInto(form.locator('textarea[name="transfer-note"]'), "Possible litige transporteur, à vérifier.");
    await form.getByRole("button", { name: "Confirmer" }).click();
    await alice.getByRole("status").filter({ hasText: "Transférée à la file Niveau 2" }).waitFor();
    await expect.poll(() => alice.locator(`a[data-mine="${conversationId}"]`).count()).toBe(0);
    await expect.poll(() => waiting(bruno, "level2")).toBe("1");
    await expect.poll(() => bruno.getByTestId("new-work").textContent()).toBe("1");
  });

  it("lets level 2 take it with the note and the whole history, and give it back to the bot at a chosen node", async () => {
    keepScreenshots("release");
    await queue(bruno, "level2").getByRole("button", { name: "Prendre la suivante" }).click();
    await bruno.waitForURL(`**/#/agent/${conversationId}`);
    await bruno.locator(".handoff-note", { hasText: "Possible litige transporteur" }).waitFor();
    await bruno.getByTestId("handoff-reason").filter({ hasText: "740 EUR >= 500 EUR" }).waitFor();
    for (const [role, text] of [
      ["customer", "CMD-100002"],
      ["customer", XSS],
      ["agent", "Bonjour Camille, je suis Alice"],
      ["note", "Client pressé"],
      ["note", "Possible litige transporteur"],
    ]) {
      await bruno.locator(`.entry.${role} .entry-text`, { hasText: text }).first().waitFor();
    }
    expect(await bruno.locator(".entry.note .who").first().textContent()).toContain("Note interne · Alice");
    await bruno.getByRole("button", { name: "Rendre au bot" }).click();
    const form = bruno.locator('form[aria-label="Rendre au bot"]');
    // The steps to resume at come from the flow's version, loaded after the conversation.
    await expect
      .poll(() => form.locator('select[name="node"] option').allTextContents())
      .toContain("anything-else — Message : Puis-je vous aider pour autre chose ?");
    await form.locator('select[name="node"]').selectOption("anything-else");
    await form.getByRole("button", { name: "Confirmer" }).click();
    await bruno.getByRole("status").filter({ hasText: "Rendue au bot à l'étape anything-else" }).waitFor();
    const pushed = await callback.waitFor((p) => p.message.text === "Puis-je vous aider pour autre chose ?");
    expect(pushed.conversationId).toBe(conversationId);
    const bye = await customer("+33612345678", "after-release", { choiceId: "no" });
    expect(bye.replies.map((reply) => reply.text)).toEqual(["Merci et à bientôt !"]);
    expect(bye.status).toBe("closed");
    await bruno.locator(".status-banner", { hasText: "Conversation clôturée" }).waitFor();
  });

  it("words an English customer's handoff in the agent's French: the rule's label and what they asked for", async () => {
    keepScreenshots("labels");
    const from = "+447700900123";
    const opening = await customer(from, "en-1", { text: "Hello, where is my order?", language: "en" }, "triage");
    expect(opening.replies.at(-1)?.text).toBe("To find your account, what would you rather give me?");
    await customer(from, "en-2", { choiceId: "email" }, "triage");
    await customer(from, "en-3", { text: "lucas.bernard@example.fr" }, "triage");
    const handedOver = await customer(from, "en-4", { text: "CMD-100003" }, "triage");
    expect(handedOver.status).toBe("queued");
    await alice.goto(`${harness.baseUrl}/#/agent`);
    await expect.poll(() => waiting(alice, "priority")).toBe("1");
    await queue(alice, "priority").getByRole("button", { name: "Prendre la suivante" }).click();
    await alice.waitForURL(`**/#/agent/${handedOver.conversationId}`);
    const reason = alice.getByTestId("handoff-reason");
    await reason.filter({ hasText: "Litige en cours" }).waitFor();
    expect(await reason.textContent()).toBe("Motif : Litige en cours");
    expect(await alice.getByTestId("packet-intent").textContent()).toMatch(
      /^Suivi de commande \(confiance \d+\u00a0%\)$/,
    );
    expect(await alice.locator('tr[data-variable="intent"] td').textContent()).toBe(
      await alice.getByTestId("packet-intent").textContent(),
    );
    await alice
      .locator(".entry.system .entry-text", { hasText: "Confiée à la file Clients prioritaires : Litige en cours" })
      .waitFor();
    expect(await alice.locator(".packet").textContent()).not.toMatch(/Open dispute|Order status/);
  });

  it("refuses a reply to a conversation closed meanwhile, with the reason, keeping the text", async () => {
    keepScreenshots("closed-meanwhile");
    const second = await escalate("+33698765432");
    // A console whose live connection is down keeps showing the conversation as open.
    const { context, page } = await agentPage(ALICE);
    await context.route("**/api/events", (route) => route.abort());
    await page.reload();
    await queue(page, "priority").getByRole("button", { name: "Prendre la suivante" }).click();
    await page.waitForURL(`**/#/agent/${second}`);
    // The view has loaded the conversation as open before it is closed behind its back.
    await page.locator('textarea[name="reply"]:not([disabled])').waitFor();
    const cookie = (await context.cookies()).find((c) => c.name === "relais_session");
    const closed = await fetch(`${harness.baseUrl}/api/conversations/${second}/resolve`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: `relais_session=${cookie?.value}` },
      body: JSON.stringify({ disposition: "resolved" }),
    });
    expect(closed.status).toBe(200);
    await typeInto(page.locator('textarea[name="reply"]'), "Voici votre remboursement.");
    await page.getByRole("button", { name: "Envoyer" }).click();
    await page.getByRole("alert").filter({ hasText: "clôturée entre-temps" }).waitFor();
    expect(await page.locator('textarea[name="reply"]').inputValue()).toBe("Voici votre remboursement.");
    expect(callback.received.some((p) => p.message.text === "Voici votre remboursement.")).toBe(false);
    expect(problems).toEqual([]);
  });

  it("offers the canned responses of the customer's language", async () => {
    keepScreenshots("canned-english");
    const from = "+447700900123";
    await customer(from, `${from}-1`, { text: "Hello" });
    await customer(from, `${from}-2`, { choiceId: "email" });
    await customer(from, `${from}-3`, { text: "camille.martin@example.fr" });
    const answer = await customer(from, `${from}-4`, { text: "CMD-100002" });
    expect(answer.status).toBe("queued");
    const { page } = await agentPage(ALICE);
    await queue(page, "priority").getByRole("button", { name: "Prendre la suivante" }).click();
    await page.waitForURL(`**/#/agent/${answer.conversationId}`);
    const picker = page.locator('select[aria-label="Réponses types"]');
    await picker.locator("option", { hasText: "Order status" }).waitFor({ state: "attached" });
    expect(await picker.locator("option", { hasText: "Statut de la commande" }).count()).toBe(0);
    await picker.selectOption("order-status");
    await expect
      .poll(() => page.locator('textarea[name="reply"]').inputValue())
      .toMatch(/^Your order CMD-100002 is: En préparation \(delivery: \d\d\/\d\d\/\d{4}\)\.$/);
    expect(problems).toEqual([]);
  });
});
