/**
 * Auto-layout off the main thread: elk takes seconds on a big flow, and the page must keep answering
 * the mouse and keyboard meanwhile. Receives `{ id, flow, layout, all }`, answers `{ id, layout }` or
 * `{ id, error }`.
 */
import type { Flow, Layout } from "../../../schema/index.js";
import { autoLayout } from "./auto-layout.js";

interface Request {
  id: number;
  flow: Flow;
  layout: Layout;
  all: boolean;
}

self.addEventListener("message", async (event: MessageEvent<Request>) => {
  const { id, flow, layout, all } = event.data;
  try {
    self.postMessage({ id, layout: await autoLayout(flow, layout, all) });
  } catch (failure) {
    self.postMessage({ id, error: failure instanceof Error ? failure.message : String(failure) });
  }
});
