import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { formatFlow, formatLayout } from "../../schema/index.js";
import { designerPage, viewportAtRest } from "./designer-page.js";
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

const FLOW = "parcours-test";
const node = (id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
const handle = (id: string, handleId: string) => node(id).locator(`.react-flow__handle[data-handleid="${handleId}"]`);
const edge = (id: string) => page.locator(`[data-testid="rf__edge-${id}"]`);
const readFlowFile = () => readFileSync(join(harness.flowsDir, `${FLOW}.flow.json`), "utf8");

/** Drags from a node's outgoing handle to another node's incoming handle, as a person would. */
async function connect(source: string, handleId: string, target: string) {
  await viewportAtRest(page);
  const from = await handle(source, handleId).boundingBox();
  const to = await node(target).locator(".react-flow__handle.target").boundingBox();
  if (!from || !to) throw new Error(`handle ${source}.${handleId} or node ${target} is not on screen`);
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
  await page.mouse.up();
}

const sideTab = (name: string) => page.locator(".side > .tabs button", { hasText: name });

function keepScreenshot(name: string) {
  onTestFailed(() => screenshotOnFailure(page, name));
}

describe("designer in real Chromium against the real runtime", () => {
  it("logs in, in French for a French browser", async () => {
    keepScreenshot("login");
    await page.goto(harness.baseUrl);
    await typeInto(page.locator('input[name="email"]'), ADMIN.email);
    await typeInto(page.locator('input[name="password"]'), "wrong password");
    await page.click('button[type="submit"]');
    await page.getByRole("alert").filter({ hasText: "incorrect" }).waitFor();
    await typeInto(page.locator('input[name="password"]'), ADMIN.password);
    await page.click('button[type="submit"]');
    await page.getByRole("heading", { name: "Parcours" }).waitFor();
    await page.locator('tr[data-flow="triage"]').waitFor();
  });

  it("creates a flow from a template and opens it on the canvas", async () => {
    keepScreenshot("create");
    await typeInto(page.locator('input[aria-label="Nom"]'), "Parcours test");
    await page.selectOption('select[aria-label="Modèle"]', "blank");
    await page.click('button:has-text("Créer")');
    await page.waitForURL(`**/#/flows/${FLOW}`);
    await node("start").waitFor();
    await node("end").waitFor();
    await edge("start>next").waitFor();
  });

  it("adds a question node from the palette and connects it by dragging", async () => {
    keepScreenshot("add-question");
    await page.click('[data-palette="question"]');
    await node("question").waitFor();
    await connect("start", "next", "question");
    await edge("start>next").waitFor();
    await expect.poll(() => edge("start>next").getAttribute("aria-label")).toContain("question");
  });

  it("lists the problems, and a click on one selects its node so it can be fixed in the inspector", async () => {
    keepScreenshot("fix-problem");
    await sideTab("Problèmes").click();
    const problem = page.locator('.problem.error[data-node="question"]').first();
    await problem.waitFor();
    await expect.poll(() => page.locator(".toolbar button", { hasText: "Publier" }).isDisabled()).toBe(true);
    await problem.click();
    await page.locator('[data-inspecting="question"]').waitFor();
    // Fewer attempts is not a fix; no limit at all removes the "too many attempts" exit that had no target.
    await typeInto(page.locator('[data-field="maxAttempts"] input'), "");
    await expect.poll(() => handle("question", "maxAttempts").count()).toBe(0);
    await connect("question", "next", "end");
    await edge("question>next").waitFor();
    await sideTab("Problèmes").click();
    await expect.poll(() => page.locator(".problem.error").count()).toBe(0);
    await expect.poll(() => page.locator(".toolbar button", { hasText: "Publier" }).isDisabled()).toBe(false);
  });

  it("undoes and redoes with Ctrl+Z and Ctrl+Shift+Z", async () => {
    keepScreenshot("undo-redo");
    await ui.pick("question");
    await page.keyboard.press("Delete");
    await expect.poll(() => node("question").count()).toBe(0);
    await page.keyboard.press("Control+z");
    await node("question").waitFor();
    await edge("question>next").waitFor();
    await page.keyboard.press("Control+Shift+z");
    await expect.poll(() => node("question").count()).toBe(0);
    await page.keyboard.press("Control+z");
    await node("question").waitFor();
  });

  it("keeps the toolbar's buttons on one line on a laptop screen, changes unsaved", async () => {
    keepScreenshot("toolbar-laptop");
    await page.locator(".save-state.dirty").waitFor();
    const top = (label: string) =>
      page
        .locator(".toolbar button", { hasText: label })
        .first()
        .evaluate((button) => Math.round(button.getBoundingClientRect().top));
    try {
      for (const width of [1440, 1366]) {
        await page.setViewportSize({ width, height: 900 });
        await expect
          .poll(async () => [await top("Parcours"), await top("Enregistrer")])
          .toEqual([await top("Publier"), await top("Publier")]);
      }
    } finally {
      await page.setViewportSize({ width: 1600, height: 1000 });
    }
  });

  it("saves canonical files: the logic in the flow file, the positions apart", async () => {
    keepScreenshot("save");
    await page.click('.toolbar button:has-text("Enregistrer")');
    await page.locator(".save-state.clean").waitFor();
    const text = readFlowFile();
    expect(formatFlow(JSON.parse(text))).toBe(text);
    const flow = JSON.parse(text);
    expect(flow.nodes.find((n: { id: string }) => n.id === "start").next).toBe("question");
    expect(flow.nodes.find((n: { id: string }) => n.id === "question")).toMatchObject({
      type: "question",
      next: "end",
    });
    expect(flow.nodes.find((n: { id: string }) => n.id === "question").maxAttempts).toBeUndefined();
    expect(text).not.toContain('"x"');
    const layoutText = readFileSync(join(harness.flowsDir, `${FLOW}.layout.json`), "utf8");
    expect(formatLayout(JSON.parse(layoutText))).toBe(layoutText);
    expect(Object.keys(JSON.parse(layoutText).nodes).sort()).toEqual(["end", "question", "start"]);
  });

  it("publishes with a note", async () => {
    keepScreenshot("publish");
    await page.click('.toolbar button:has-text("Publier")');
    await page.getByRole("dialog").getByRole("textbox").pressSequentially("première version");
    await page.getByRole("dialog").getByRole("button", { name: "Publier" }).click();
    await page.getByRole("status").filter({ hasText: "Version 1 publiée" }).waitFor();
  });

  it("rolls back to an earlier version", async () => {
    keepScreenshot("rollback");
    await ui.pick("question");
    await sideTab("Propriétés").click();
    await typeInto(page.locator('[data-inspecting="question"] input[aria-label="Libellé"]'), "Sujet");
    await page.locator(".save-state.dirty").waitFor();
    await page.click('.toolbar button:has-text("Publier")');
    await page.getByRole("dialog").getByRole("textbox").pressSequentially("deuxième version");
    await page.getByRole("dialog").getByRole("button", { name: "Publier" }).click();
    await page.getByRole("status").filter({ hasText: "Version 2 publiée" }).waitFor();
    await sideTab("Versions").click();
    await page.locator('li[data-version="2"].live').waitFor();
    await page.locator('li[data-version="1"] button', { hasText: "Remettre en ligne" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Remettre en ligne" }).click();
    await page.locator('li[data-version="1"].live').waitFor();
    const versions = await page.evaluate(async (id) => (await fetch(`/api/flows/${id}/versions`)).json(), FLOW);
    expect(versions.find((v: { live: boolean }) => v.live).version).toBe(1);
  });

  it("runs the simulator with the engine in the browser until a handoff", async () => {
    keepScreenshot("simulator");
    await ui.openFlow("triage", "Accueil et orientation");
    await node("start").waitFor();
    await sideTab("Simulateur").click();
    await page.locator(".transcript .bot").first().waitFor();
    await page.locator(".react-flow__node .mark-active").waitFor();
    await typeInto(page.locator(".sim-input input"), "Je voudrais parler à un conseiller");
    await page.click('.sim-input button[type="submit"]');
    await page.locator(".transcript .system", { hasText: "Transféré à la file Support" }).waitFor();
    await page.locator(".sim-variables").waitFor();
    // The last message as each channel's own renderer sends it: on SMS, with what it is billed as.
    const preview = page.locator(".simulator .channel-preview");
    await preview.locator('[data-preview="whatsapp"]').waitFor();
    await preview.getByRole("tab", { name: "SMS" }).click();
    await preview.locator('[data-preview="sms"] .preview-sms', { hasText: "SMS facturé" }).waitFor();
  });

  it("opens a hand-edited file that no longer validates with its problems listed", async () => {
    keepScreenshot("invalid-file");
    const broken = JSON.parse(readFlowFile());
    broken.id = "casse";
    broken.nodes.push({ id: "agent", type: "handoff" });
    writeFileSync(join(harness.flowsDir, "casse.flow.json"), JSON.stringify(broken, null, 2));
    await page.goto(`${harness.baseUrl}/#/flows/casse`);
    await page.getByRole("alert").filter({ hasText: "ne respecte pas le format" }).waitFor();
    await page.locator(".raw .problem", { hasText: "il manque « File »" }).first().waitFor();
  });

  it("does not bring back an older draft after saving an edit and leaving at once", async () => {
    await ui.openFlow(FLOW, "Parcours test");
    await ui.pick("question");
    await sideTab("Propriétés").click();
    const label = page.locator('[data-inspecting="question"] input[aria-label="Libellé"]');
    await typeInto(label, "Première retouche");
    await page.keyboard.press("ControlOrMeta+s");
    await page.locator(".save-state.clean").waitFor();
    // The editor takes a draft as settled once typing has paused a moment: the next edit is made
    // after that, and saved and left before it settles in turn.
    await page.waitForTimeout(1000);
    await typeInto(label, "Enregistré aussitôt");
    await page.keyboard.press("ControlOrMeta+s");
    await page.locator(".save-state.clean").waitFor();
    await page.goto(`${harness.baseUrl}/#/`);
    await ui.openFlow(FLOW, "Parcours test");
    await node("question").filter({ hasText: "Enregistré aussitôt" }).waitFor();
    await page.locator(".save-state.clean").waitFor();
    expect(await page.getByRole("status").filter({ hasText: "retrouvées" }).count()).toBe(0);
  });

  it("keeps unsaved edits across a reload, and a refused save keeps the work and says why", async () => {
    keepScreenshot("refused-save");
    await ui.openFlow(FLOW, "Parcours test");
    await ui.pick("question");
    await sideTab("Propriétés").click();
    await typeInto(page.locator('[data-inspecting="question"] input[aria-label="Libellé"]'), "Pas encore enregistré");
    await page.locator(".save-state.dirty").waitFor();
    await page.reload();
    await page.getByRole("status").filter({ hasText: "retrouvées" }).waitFor();
    await node("question").filter({ hasText: "Pas encore enregistré" }).waitFor();
    // An empty question text is refused by the schema: the runtime writes nothing and says where.
    await ui.pick("question");
    const texts = page.locator('[data-inspecting="question"] [data-field="text"] textarea');
    await texts.first().waitFor();
    for (const box of await texts.all()) await typeInto(box, "");
    const before = readFlowFile();
    await page.click('.toolbar button:has-text("Enregistrer")');
    await page.getByRole("alert").filter({ hasText: "Enregistrement refusé" }).waitFor();
    await page.locator(".save-state.dirty").waitFor();
    await node("question").filter({ hasText: "Pas encore enregistré" }).waitFor();
    expect(readFlowFile()).toBe(before);
  });
});
