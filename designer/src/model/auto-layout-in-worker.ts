import type { Flow, Layout } from "../../../schema/index.js";

let worker: Worker | undefined;
let nextId = 0;
const waiting = new Map<number, { resolve: (layout: Layout) => void; reject: (failure: Error) => void }>();

function layoutWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL("./auto-layout.worker.ts", import.meta.url), { type: "module" });
    worker.addEventListener("message", (event: MessageEvent<{ id: number; layout?: Layout; error?: string }>) => {
      const { id, layout, error } = event.data;
      const pending = waiting.get(id);
      waiting.delete(id);
      if (layout) pending?.resolve(layout);
      else pending?.reject(new Error(error));
    });
  }
  return worker;
}

/** `autoLayout` run in a Web Worker, so that laying out a big flow never freezes the page. */
export function autoLayoutInWorker(flow: Flow, layout: Layout, all = false): Promise<Layout> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    layoutWorker().postMessage({ id, flow, layout, all });
  });
}
