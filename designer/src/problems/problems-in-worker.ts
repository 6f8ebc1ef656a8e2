import type { Channel, Flow, Problem } from "../../../schema/index.js";
import { workerCall } from "../workers/worker-call.js";
import type { ProblemsRequest } from "./problems.worker.js";

const callProblems = workerCall<ProblemsRequest, Problem[]>(
  () => new Worker(new URL("./problems.worker.ts", import.meta.url), { type: "module" }),
);
let othersSent: ReadonlyMap<string, Flow> | undefined;

/** `problemsOf` run in a Web Worker; the other flows cross over only when they are not the ones sent last. */
export function problemsInWorker(
  flow: Flow,
  others: ReadonlyMap<string, Flow>,
  queues: readonly string[],
  channels?: readonly Channel[],
): Promise<Problem[]> {
  const request: ProblemsRequest = { flow, queues: [...queues], ...(channels ? { channels: [...channels] } : {}) };
  if (others !== othersSent) {
    request.others = [...others];
    othersSent = others;
  }
  return callProblems(request);
}
