import type { Flow, Layout } from "../../../schema/index.js";
import { workerCall } from "../workers/worker-call.js";
import type { AutoLayoutRequest } from "./auto-layout.worker.js";

const callLayout = workerCall<AutoLayoutRequest, Layout>(
  () => new Worker(new URL("./auto-layout.worker.ts", import.meta.url), { type: "module" }),
);

/** `autoLayout` run in a Web Worker, so that laying out a big flow never freezes the page. */
export function autoLayoutInWorker(flow: Flow, layout: Layout, all = false): Promise<Layout> {
  return callLayout({ flow, layout, all });
}
