import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { designerPage } from "./designer-page.js";
import { type Harness, startHarness, typeInto } from "./harness.js";

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

const FLOW = "essai-schema";
const readFile = (name: string) => readFileSync(join(harness.flowsDir, name), "utf8");
/** The raw editor's whole text, as a person gets it: select all, copy. */
async function rawText(): Promise<string> {
  await page.locator(".raw .monaco-editor .view-lines").click();
  await page.keyboard.press("Control+a");
  await page.keyboard.press("Control+c");
  return page.evaluate(() => navigator.clipboard.readText());
}
const edgeLabel = (id: string) => ui.edge(id).getAttribute("aria-label");

describe("the canvas in real Chromium", () => {
  it("drops a node dragged from the palette where it is let go, selected with its properties open", async () => {
    ui.keepScreenshot("palette-drop");
    await ui.createBlankFlow("Essai schéma", FLOW);
    const pane = await page.locator(".react-flow__pane").boundingBox();
    if (!pane) throw new Error("no canvas");
    // Low on the left: clear of the other nodes and of the minimap, which sits over the bottom right.
    const drop = { x: Math.round(pane.x + 300), y: Math.round(pane.y + pane.height - 330) };
    await page.dragAndDrop('[data-palette="message"]', ".react-flow__pane", {
      targetPosition: { x: drop.x - pane.x, y: drop.y - pane.y },
    });
    await ui.node("message").waitFor();
    const box = await ui.node("message").boundingBox();
    expect(Math.abs((box?.x ?? 0) - drop.x)).toBeLessThan(3);
    expect(Math.abs((box?.y ?? 0) - drop.y)).toBeLessThan(3);
    await page.locator(".save-state.dirty").waitFor();
    await ui.selected("message").waitFor();
    await page.locator('.inspector[data-inspecting="message"]').waitFor();
  });

  it("adds a sticky note, edits it as one undo step, and saves it in the layout file only", async () => {
    ui.keepScreenshot("sticky-note");
    await page.click(".palette .note-button");
    const note = ui.node("note:note");
    await note.waitFor();
    await note.click();
    const text = page.locator('.inspector textarea[aria-label="Note"]');
    await typeInto(text, "À valider");
    await note.filter({ hasText: "À valider" }).waitFor();
    // Typing is one step: a single undo takes back the whole word, not one letter.
    await ui.clickEmptyCanvas();
    await page.keyboard.press("Control+z");
    await expect.poll(() => note.innerText()).toBe("…");
    await page.keyboard.press("Control+Shift+z");
    await note.filter({ hasText: "À valider" }).waitFor();
    await ui.toolbarButton("Enregistrer").click();
    await page.locator(".save-state.clean").waitFor();
    const layout = JSON.parse(readFile(`${FLOW}.layout.json`));
    expect(layout.notes).toEqual([expect.objectContaining({ id: "note", text: "À valider" })]);
    expect(readFile(`${FLOW}.flow.json`)).not.toContain("À valider");
  });

  it("undoes a word typed in an inspector field in one step", async () => {
    ui.keepScreenshot("inspector-undo");
    await ui.pick("message");
    await ui.sideTab("Propriétés").click();
    await page.locator('[data-inspecting="message"] input[aria-label="Libellé"]').pressSequentially("Accueil");
    await ui.node("message").filter({ hasText: "Accueil" }).waitFor();
    await ui.clickEmptyCanvas();
    await page.keyboard.press("Control+z");
    await expect.poll(() => ui.node("message").locator(".node-id").innerText()).toBe("message");
    await page.keyboard.press("Control+Shift+z");
    await ui.node("message").filter({ hasText: "Accueil" }).waitFor();
  });

  it("copies nodes and pastes them beside the originals, then into another flow with their links", async () => {
    ui.keepScreenshot("copy-paste");
    await ui.connect("start", "next", "message");
    await ui.connect("message", "next", "end");
    await ui.edge("message>next").waitFor();
    await ui.pick("message");
    await ui.node("end").click({ modifiers: ["Shift"] });
    await ui.selected("message").waitFor();
    await ui.selected("end").waitFor();
    await page.keyboard.press("Control+c");
    await page.keyboard.press("Control+v");
    await ui.node("message-2").waitFor();
    await ui.node("end-2").waitFor();
    // The link between the two copies follows them; the original's stays.
    await expect.poll(() => edgeLabel("message-2>next")).toBe("Edge from message-2 to end-2");
    await expect.poll(() => edgeLabel("message>next")).toBe("Edge from message to end");
    const original = await ui.node("message").boundingBox();
    const copy = await ui.node("message-2").boundingBox();
    expect(copy && original && copy.x > original.x && copy.y > original.y).toBe(true);

    await ui.toolbarButton("Enregistrer").click();
    await page.locator(".save-state.clean").waitFor();
    await ui.createBlankFlow("Essai collage", "essai-collage");
    await page.keyboard.press("Control+v");
    await ui.node("message").waitFor();
    await ui.node("end-2").waitFor();
    await expect.poll(() => edgeLabel("message>next")).toBe("Edge from message to end-2");
    await ui.toolbarButton("Enregistrer").click();
    await page.locator(".save-state.clean").waitFor();
    const pasted = JSON.parse(readFile("essai-collage.flow.json"));
    expect(pasted.nodes.map((n: { id: string }) => n.id)).toEqual(["start", "end", "end-2", "message"]);
    expect(pasted.nodes[3].next).toBe("end-2");
  });

  it("edits the raw file and the canvas follows; a canvas edit shows in the raw file", async () => {
    ui.keepScreenshot("raw-file");
    await ui.openFlow(FLOW, "Essai schéma");
    await ui.node("message").waitFor();
    await page.locator(".save-state.clean").waitFor();
    await ui.editorTab("Fichier").click();
    await page.locator(".raw .monaco-editor .view-lines").waitFor();
    await expect.poll(rawText).toContain('"id": "message"');
    const flow = JSON.parse(readFile(`${FLOW}.flow.json`));
    const message = flow.nodes.find((n: { id: string }) => n.id === "message");
    message.text = "Bonjour, écrit dans le fichier";
    await page.locator(".raw .monaco-editor .view-lines").click();
    await page.keyboard.press("Control+a");
    await page.evaluate((text) => navigator.clipboard.writeText(text), JSON.stringify(flow, null, 2));
    await page.keyboard.press("Control+v");
    // Monaco applies a paste asynchronously (its paste providers answer first): leaving the tab before
    // would drop it. The draft turning unsaved is the sign the pasted file reached the editor.
    await page.locator(".save-state.dirty").waitFor();
    await ui.editorTab("Schéma").click();
    await ui.node("message").filter({ hasText: "Bonjour, écrit dans le fichier" }).waitFor();

    await ui.pick("message");
    await ui.sideTab("Propriétés").click();
    await typeInto(page.locator('[data-inspecting="message"] input[aria-label="Libellé"]'), "Bienvenue");
    await ui.editorTab("Fichier").click();
    await expect.poll(rawText).toContain('"label": "Bienvenue"');
    await expect.poll(rawText).toContain("Bonjour, écrit dans le fichier");
  });

  it("marks on the canvas how the draft differs from the live version, edit by edit", async () => {
    ui.keepScreenshot("diff-live");
    await ui.editorTab("Schéma").click();
    await ui.node("message").waitFor();
    await ui.toolbarButton("Publier").click();
    await page.getByRole("dialog").getByRole("textbox").pressSequentially("version de référence");
    await page.getByRole("dialog").getByRole("button", { name: "Publier" }).click();
    await page.getByRole("status").filter({ hasText: "Version 1 publiée" }).waitFor();

    await ui.pick("message");
    await typeInto(page.locator('[data-inspecting="message"] input[aria-label="Libellé"]'), "Accueil modifié");
    await ui.pick("end-2");
    await ui.selected("end-2").waitFor();
    await page.keyboard.press("Delete");
    await expect.poll(() => ui.node("end-2").count()).toBe(0);
    await ui.toolbarButton("Écarts avec la version en ligne").click();
    await ui.node("message").locator(".mark-changed").waitFor();
    // Deleting `end-2` also cut the link `message-2` had to it.
    await ui.node("message-2").locator(".mark-changed").waitFor();
    await page.locator(".notice", { hasText: "Étapes supprimées : end-2" }).waitFor();
    expect(await page.locator(".react-flow__node .mark-changed, .react-flow__node .mark-added").count()).toBe(2);

    // The marks follow edits that are not saved yet.
    await page.click('[data-palette="handoff"]');
    await ui.node("handoff").locator(".mark-added").waitFor();
    await page.keyboard.press("Control+z");
    await expect.poll(() => ui.node("handoff").count()).toBe(0);
    await ui.toolbarButton("Écarts avec la version en ligne").click();
    await expect.poll(() => page.locator(".react-flow__node .mark-changed").count()).toBe(0);
    await expect.poll(() => page.locator(".notice", { hasText: "Étapes supprimées" }).count()).toBe(0);
  });
});
