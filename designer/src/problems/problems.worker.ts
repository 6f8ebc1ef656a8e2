/**
 * The draft's checks off the main thread: linting a 1,000-node flow takes a few hundred milliseconds in
 * one piece, which a keystroke arriving meanwhile would wait for.
 */
import type { Channel, Flow, Problem } from "../../../schema/index.js";
import { answerCalls } from "../workers/worker-call.js";
import { problemsOf } from "./problems.js";

export interface ProblemsRequest {
  flow: Flow;
  /** The other flows a jump may reach; sent again only when they change. */
  others?: [string, Flow][];
  queues: string[];
  /** The channels the flow is published on; every channel when the runtime has not said. */
  channels?: Channel[];
}

let others = new Map<string, Flow>();

answerCalls<ProblemsRequest, Problem[]>((request) => {
  if (request.others) others = new Map(request.others);
  return problemsOf(request.flow, others, request.queues, request.channels);
});
