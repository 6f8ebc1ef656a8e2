import { advance } from "../engine/index.js";
import type {
  BotMessage,
  CompiledFlow,
  ConversationState,
  EngineDeps,
  EngineError,
  EngineEvent,
  EngineInput,
  EngineStatus,
  HttpRequest,
  HttpResult,
} from "../engine/types.js";

export interface LoopOutcome {
  state: ConversationState;
  outputs: BotMessage[];
  status: Exclude<EngineStatus, { type: "effect" }>;
  events: EngineEvent[];
  errors: EngineError[];
}

/** More effects than this for one message means a flow calling APIs in a circle. */
const MAX_EFFECTS = 25;

/**
 * Advances the engine for one input until it waits, hands off or ends, running each HTTP effect
 * in between and feeding its result back. Never throws for what a flow does: an engine failure
 * or a runaway flow becomes a handoff so no conversation is left without a next step.
 */
export async function runEngine(
  compiled: CompiledFlow,
  state: ConversationState | undefined,
  input: EngineInput,
  deps: EngineDeps,
  runHttp: (request: HttpRequest) => Promise<HttpResult>,
): Promise<LoopOutcome> {
  const outputs: BotMessage[] = [];
  const events: EngineEvent[] = [];
  const errors: EngineError[] = [];
  let current = state;
  let next: EngineInput = input;
  for (let effects = 0; ; effects++) {
    let step: Awaited<ReturnType<typeof advance>>;
    try {
      step = await advance(compiled, current, next, deps);
    } catch (error) {
      const nodeId = current?.stack.at(-1)?.nodeId ?? compiled.startNodeId;
      const message = error instanceof Error ? error.message : String(error);
      errors.push({ code: "EXPRESSION", flowId: compiled.flow.id, nodeId, message: `engine failure: ${message}` });
      return {
        state: failedState(current, deps),
        outputs,
        status: errorHandoff(compiled, nodeId, message, current),
        events,
        errors,
      };
    }
    outputs.push(...step.outputs);
    events.push(...step.events);
    errors.push(...step.errors);
    current = step.state;
    if (step.status.type !== "effect") return { state: step.state, outputs, status: step.status, events, errors };
    if (effects >= MAX_EFFECTS) {
      const nodeId = step.status.effect.nodeId;
      const message = `more than ${MAX_EFFECTS} HTTP calls for one message`;
      errors.push({ code: "STEP_LIMIT", flowId: compiled.flow.id, nodeId, message });
      return {
        state: failedState(current, deps),
        outputs,
        status: errorHandoff(compiled, nodeId, message, current),
        events,
        errors,
      };
    }
    const effect = step.status.effect;
    next = { type: "effectResult", effectId: effect.id, result: await runHttp(effect.request) };
  }
}

function failedState(state: ConversationState | undefined, _deps: EngineDeps): ConversationState {
  return {
    stack: state?.stack ?? [],
    status: "handoff",
    language: state?.language ?? "fr",
    variables: state?.variables ?? {},
    attempts: state?.attempts ?? 0,
    failedInputs: state?.failedInputs ?? 0,
    visits: state?.visits ?? {},
  };
}

function errorHandoff(
  compiled: CompiledFlow,
  nodeId: string,
  message: string,
  state: ConversationState | undefined,
): Extract<EngineStatus, { type: "handoff" }> {
  return {
    type: "handoff",
    handoff: {
      queue: compiled.flow.escalation?.defaultQueue ?? "support",
      priority: "normal",
      reason: { ruleId: "error", kind: "error", detail: message, values: {} },
      summary: state?.variables ?? {},
      flowId: compiled.flow.id,
      nodeId,
    },
  };
}
