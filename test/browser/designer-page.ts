import type { Page } from "playwright-core";
import { onTestFailed } from "vitest";
import { ADMIN, screenshotOnFailure, typeInto } from "./harness.js";

/**
 * Waits until the canvas stops moving (a centring animation, a fit to view), so that the places of
 * handles measured next are still theirs when the mouse gets there.
 */
export async function viewportAtRest(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      new Promise<boolean>((resolve) => {
        const transform = () => document.querySelector<HTMLElement>(".react-flow__viewport")?.style.transform;
        const before = transform();
        requestAnimationFrame(() =>
          requestAnimationFrame(() => resolve(before !== undefined && before === transform())),
        );
      }),
  );
}

const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);

/** What the designer's browser tests do on a page, the way a person does it. */
export function designerPage(page: Page, baseUrl: string) {
  const node = (id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
  return {
    node,
    /** A node drawn as selected: what a person checks before pressing Delete or Ctrl+C. */
    selected: (id: string) => page.locator(`.react-flow__node.selected[data-id="${id}"]`),
    handle: (id: string, handleId: string) => node(id).locator(`.react-flow__handle[data-handleid="${handleId}"]`),
    edge: (id: string) => page.locator(`[data-testid="rf__edge-${id}"]`),
    sideTab: (name: string) => page.locator(".side > .tabs button", { hasText: name }),
    editorTab: (name: string) => page.locator(".toolbar .tabs button", { hasText: name }),
    toolbarButton: (name: string) => page.locator(".toolbar button", { hasText: name }),

    async logIn(password = ADMIN.password) {
      await page.goto(baseUrl);
      await typeInto(page.locator('input[name="email"]'), ADMIN.email);
      await typeInto(page.locator('input[name="password"]'), password);
      await page.click('button[type="submit"]');
      await page.locator("tr[data-flow]").first().waitFor();
    },

    /**
     * Opens a flow by its address. Going from one flow to another only changes the hash, and the
     * page keeps showing the flow it comes from until it has handled that: the flow's name in the
     * toolbar is the sign the editor now shows this one (and has loaded it).
     */
    async openFlow(id: string, name: string) {
      await page.goto(`${baseUrl}/#/flows/${id}`);
      await page.locator(".toolbar .flow-name", { hasText: exactly(name) }).waitFor();
    },

    /** Creates a flow from the blank template and waits for it on the canvas. */
    async createBlankFlow(name: string, id: string) {
      await page.goto(`${baseUrl}/#/`);
      await typeInto(page.locator('input[aria-label="Nom"]'), name);
      await page.selectOption('select[aria-label="Modèle"]', "blank");
      await page.click('button:has-text("Créer")');
      await page.waitForURL(`**/#/flows/${id}`);
      await node("end").waitFor();
    },

    /** Drags from a node's outgoing handle to another node's incoming handle. */
    async connect(source: string, handleId: string, target: string) {
      await viewportAtRest(page);
      const from = await node(source).locator(`.react-flow__handle[data-handleid="${handleId}"]`).boundingBox();
      const to = await node(target).locator(".react-flow__handle.target").boundingBox();
      if (!from || !to) throw new Error(`handle ${source}.${handleId} or node ${target} is not on screen`);
      await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
      await page.mouse.down();
      await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
      await page.mouse.up();
    },

    /**
     * Selects a node by its top left corner, which a copy pasted beside it leaves uncovered, once the
     * canvas has stopped moving (a click during the opening fit lands beside the node), and waits until
     * the node is drawn as selected.
     */
    async pick(id: string) {
      await viewportAtRest(page);
      await node(id).click({ position: { x: 8, y: 8 } });
      await page.locator(`.react-flow__node.selected[data-id="${id}"]`).waitFor();
    },

    /** Clicks an empty spot of the canvas, so that keys go to the canvas rather than to a field. */
    async clickEmptyCanvas() {
      const pane = await page.locator(".react-flow__pane").boundingBox();
      if (!pane) throw new Error("the canvas is not on screen");
      await page.mouse.click(pane.x + pane.width - 40, pane.y + 40);
    },

    keepScreenshot(name: string) {
      onTestFailed(() => screenshotOnFailure(page, name));
    },
  };
}
