/** Auto-layout off the main thread: elk takes seconds on a big flow, and the page must keep answering meanwhile. */
import type { Flow, Layout } from "../../../schema/index.js";
import { answerCalls } from "../workers/worker-call.js";
import { autoLayout } from "./auto-layout.js";

export interface AutoLayoutRequest {
  flow: Flow;
  layout: Layout;
  all: boolean;
}

answerCalls<AutoLayoutRequest, Layout>(({ flow, layout, all }) => autoLayout(flow, layout, all));
