import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { autoLayout } from "../../designer/src/model/auto-layout.js";
import { formatFlow, formatLayout } from "../../schema/index.js";
import { generatedFlow } from "../bench/designer-500.js";
import { designerPage, viewportAtRest } from "./designer-page.js";
import { type Harness, startHarness } from "./harness.js";

let harness: Harness;
let page: Page;
let ui: ReturnType<typeof designerPage>;

beforeAll(async () => {
  harness = await startHarness();
  page = harness.page;
  ui = designerPage(page, harness.baseUrl);
  await ui.logIn();
  // The build inside the harness alone can take minutes on a machine shared with other builds.
}, 600_000);
afterAll(async () => {
  await harness?.close();
});

const readFile = (name: string) => readFileSync(join(harness.flowsDir, name), "utf8");
const zoom = async () => {
  await viewportAtRest(page);
  const transform = await page.locator(".react-flow__viewport").evaluate((el) => (el as HTMLElement).style.transform);
  return Number(/scale\(([\d.]+)\)/.exec(transform)?.[1]);
};
type Box = { x: number; y: number; width: number; height: number };
const apart = (a: Box, b: Box) =>
  a.x >= b.x + b.width || b.x >= a.x + a.width || a.y >= b.y + b.height || b.y >= a.y + a.height;
/** The boxes of every step drawn on the canvas but `except`. */
async function nodeBoxes(except: string[] = []): Promise<Box[]> {
  const boxes: Box[] = [];
  for (const node of await page.locator(".react-flow__node").all()) {
    const id = (await node.getAttribute("data-id")) ?? "";
    const box = await node.boundingBox();
    if (!except.includes(id) && box) boxes.push(box);
  }
  return boxes;
}

describe("a canvas a person can read", () => {
  it("finds a step by the words typed in the search box, then the next one at each Entrée", async () => {
    ui.keepScreenshot("find-steps");
    await ui.openFlow("triage", "Accueil et orientation");
    const find = page.getByRole("searchbox", { name: "Chercher une étape…" });
    await find.click();
    await page.keyboard.type("handoff");
    await page.keyboard.press("Enter");
    await ui.selected("handoff-orders").waitFor();
    await page.keyboard.press("Enter");
    await ui.selected("handoff-billing").waitFor();
    // The step itself, not the intent step that leads to it.
    await page.keyboard.press("Control+a");
    await page.keyboard.type("handoff-human");
    await page.keyboard.press("Enter");
    await ui.selected("handoff-human").waitFor();
    expect(await page.locator(".react-flow__node.selected").count()).toBe(1);
  });

  it("opens a blank flow at 100 %", async () => {
    ui.keepScreenshot("reading-blank-zoom");
    await ui.createBlankFlow("Lecture vide", "lecture-vide");
    expect(await zoom()).toBe(1);
  });

  it("opens a big flow from its start at the left edge, with text at 11 px at least", async () => {
    ui.keepScreenshot("reading-big-zoom");
    const flow = { ...generatedFlow(120), id: "lecture-grande", name: "Lecture grande" };
    writeFileSync(join(harness.flowsDir, "lecture-grande.flow.json"), formatFlow(flow));
    const layout = await autoLayout(flow, { flow: flow.id, nodes: {} });
    writeFileSync(join(harness.flowsDir, "lecture-grande.layout.json"), formatLayout(layout));
    await ui.openFlow("lecture-grande", "Lecture grande");
    await ui.node("start").waitFor();
    const scale = await zoom();
    const fontPx = await ui
      .node("n-1")
      .locator(".body .text")
      .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    expect(fontPx * scale).toBeGreaterThanOrEqual(11);
    // The start node at the canvas's left edge, with what follows it to its right, level with the middle of
    // the band above the minimap and the controls.
    const pane = (await page.locator(".react-flow__pane").boundingBox()) as Box;
    const start = (await ui.node("start").boundingBox()) as Box;
    expect(Math.abs(start.x - (pane.x + 40))).toBeLessThan(20);
    expect(Math.abs(start.y + start.height / 2 - (pane.y + (pane.height - 140) / 2))).toBeLessThan(20);
    const next = (await ui.node("n-1").boundingBox()) as Box;
    expect(next.x + next.width).toBeLessThan(pane.x + pane.width);
  });

  it("lays a flow out in a Web Worker, start first", async () => {
    ui.keepScreenshot("reading-auto-layout");
    // Laid out back to front, start last: "Disposer" has something to put right, whatever ran before.
    const flow = { ...generatedFlow(60), id: "lecture-desordre", name: "Lecture désordre" };
    writeFileSync(join(harness.flowsDir, "lecture-desordre.flow.json"), formatFlow(flow));
    const tidy = await autoLayout(flow, { flow: flow.id, nodes: {} });
    const mirrored = Object.fromEntries(Object.entries(tidy.nodes).map(([id, at]) => [id, { ...at, x: -at.x }]));
    writeFileSync(join(harness.flowsDir, "lecture-desordre.layout.json"), formatLayout({ ...tidy, nodes: mirrored }));
    await ui.openFlow("lecture-desordre", "Lecture désordre");
    await ui.node("start").waitFor();
    await ui.toolbarButton("Disposer").click();
    await page.locator(".save-state.dirty").waitFor();
    // The page keeps one layout worker, started by the first layout it needed.
    expect(page.workers().some((worker) => worker.url().includes("auto-layout"))).toBe(true);
    await ui.toolbarButton("Enregistrer").click();
    await page.locator(".save-state.clean").waitFor();
    const laid = JSON.parse(readFile("lecture-desordre.layout.json")) as { nodes: Record<string, { x: number }> };
    const startX = laid.nodes.start?.x ?? 0;
    expect(Object.entries(laid.nodes).every(([id, at]) => id === "start" || at.x > startX)).toBe(true);
  });

  it("offers the next step where a link is let go on empty canvas, and connects it", async () => {
    ui.keepScreenshot("reading-next-step");
    await ui.createBlankFlow("Lecture suite", "lecture-suite");
    await page.click('[data-palette="message"]');
    await ui.node("message").waitFor();
    await viewportAtRest(page);
    const from = (await ui.handle("message", "next").boundingBox()) as Box;
    const pane = (await page.locator(".react-flow__pane").boundingBox()) as Box;
    const drop = { x: pane.x + pane.width / 2, y: pane.y + pane.height - 200 };
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(drop.x, drop.y, { steps: 12 });
    await page.mouse.up();
    await page.getByRole("menu", { name: "Étape suivante" }).waitFor();
    await page.getByRole("menuitem", { name: "Question" }).click();
    await ui.node("question").waitFor();
    await ui.edge("message>next").waitFor();
    expect(await ui.edge("message>next").getAttribute("aria-label")).toBe("Edge from message to question");
    expect(await page.getByRole("menu").count()).toBe(0);
  });

  it("places a new sticky note in free space, edits it in place and resizes it", async () => {
    ui.keepScreenshot("reading-sticky-note");
    await ui.createBlankFlow("Lecture note", "lecture-note");
    await page.click(".palette .note-button");
    const note = ui.node("note:note");
    await note.waitFor();
    const noteBox = (await note.boundingBox()) as Box;
    const search = (await page.locator(".find").boundingBox()) as Box;
    expect(apart(noteBox, search)).toBe(true);
    for (const other of await nodeBoxes(["note:note"])) expect(apart(noteBox, other)).toBe(true);
    // Nothing covers it: the note itself is what is under its middle.
    const middle = { x: noteBox.x + noteBox.width / 2, y: noteBox.y + noteBox.height / 2 };
    expect(
      await page.evaluate(
        ({ x, y }) => document.elementFromPoint(x, y)?.closest(".react-flow__node")?.getAttribute("data-id"),
        middle,
      ),
    ).toBe("note:note");

    await note.dblclick();
    const inPlace = note.locator("textarea");
    await inPlace.waitFor();
    await expect.poll(() => inPlace.evaluate((area) => area === document.activeElement)).toBe(true);
    await page.keyboard.press("Control+a");
    await page.keyboard.type("À rappeler demain");
    await page.keyboard.press("Escape");
    await note.locator(".sticky-note", { hasText: "À rappeler demain" }).waitFor();

    await note.click();
    const corner = (await note.locator(".react-flow__resize-control.bottom.right").boundingBox()) as Box;
    await page.mouse.move(corner.x + corner.width / 2, corner.y + corner.height / 2);
    await page.mouse.down();
    await page.mouse.move(corner.x + 80, corner.y + 60, { steps: 8 });
    await page.mouse.up();
    await ui.toolbarButton("Enregistrer").click();
    await page.locator(".save-state.clean").waitFor();
    const layout = JSON.parse(readFile("lecture-note.layout.json"));
    expect(layout.notes[0].text).toBe("À rappeler demain");
    expect(layout.notes[0].width).toBeGreaterThan(240);
    expect(layout.notes[0].height).toBeGreaterThan(150);
  });

  it("pastes copies clear of every node", async () => {
    ui.keepScreenshot("reading-paste");
    await ui.createBlankFlow("Lecture collage", "lecture-collage");
    await page.click('[data-palette="message"]');
    await ui.node("message").waitFor();
    await ui.pick("message");
    await ui.selected("message").waitFor();
    await page.keyboard.press("Control+c");
    await page.keyboard.press("Control+v");
    await ui.node("message-2").waitFor();
    await viewportAtRest(page);
    const copy = (await ui.node("message-2").boundingBox()) as Box;
    for (const other of await nodeBoxes(["message-2"])) expect(apart(copy, other)).toBe(true);
  });

  it("writes files the way people keep them: schema named, no empty notes, the flow's languages only", async () => {
    ui.keepScreenshot("reading-files");
    await ui.createBlankFlow("Lecture fichiers", "lecture-fichiers");
    await page.click('[data-palette="message"]');
    await ui.node("message").waitFor();
    await ui.toolbarButton("Enregistrer").click();
    await page.locator(".save-state.clean").waitFor();
    const layout = JSON.parse(readFile("lecture-fichiers.layout.json"));
    expect(layout.$schema).toBe("../schema/layout.schema.json");
    expect(layout).not.toHaveProperty("notes");
    const flow = JSON.parse(readFile("lecture-fichiers.flow.json"));
    expect(flow.nodes.find((node: { id: string }) => node.id === "message").text).toBe("Nouveau message");

    // A shipped layout without notes stays without them after a move.
    await ui.openFlow("triage", "Accueil et orientation");
    await ui.node("start").waitFor();
    await viewportAtRest(page);
    const start = (await ui.node("start").boundingBox()) as Box;
    await page.mouse.move(start.x + 20, start.y + 10);
    await page.mouse.down();
    await page.mouse.move(start.x + 20, start.y + 60, { steps: 6 });
    await page.mouse.up();
    await page.locator(".save-state.dirty").waitFor();
    await ui.toolbarButton("Enregistrer").click();
    await page.locator(".save-state.clean").waitFor();
    expect(readFile("triage.layout.json")).not.toContain('"notes"');
  });
});
