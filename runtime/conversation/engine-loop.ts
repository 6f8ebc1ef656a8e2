import { settle } from "../engine/index.js";
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

/**
 * Advances the engine for one input until it waits, hands off or ends, running each HTTP effect
 * in between and feeding its result back. Never throws for what a flow does: an engine bug
 * becomes a handoff so no conversation is left without a next step.
 */
export async function runEngine(
  compiled: CompiledFlow,
  state: ConversationState | undefined,
  input: EngineInput,
  deps: EngineDeps,
  runHttp: (request: HttpRequest) => Promise<HttpResult>,
): Promise<LoopOutcome> {
  try {
    const turn = await settle(compiled, state, input, deps, (effect) => runHttp(effect.request));
    // `runHttp` answers every effect, so the turn never stops at one.
    if (turn.status.type !== "effect") return { ...turn, status: turn.status };
    throw new Error(`the turn stopped at the HTTP effect of node ${turn.status.effect.nodeId}`);
  } catch (error) {
    const nodeId = state?.stack.at(-1)?.nodeId ?? compiled.startNodeId;
    const message = error instanceof Error ? error.message : String(error);
    return {
      state: failedState(state),
      outputs: [],
      status: errorHandoff(compiled, nodeId, message, state),
      events: [],
      errors: [{ code: "EXPRESSION", flowId: compiled.flow.id, nodeId, message: `engine failure: ${message}` }],
    };
  }
}

function failedState(state: ConversationState | undefined): ConversationState {
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
      reason: { ruleId: "error", kind: "error", message, values: {} },
      summary: state?.variables ?? {},
      flowId: compiled.flow.id,
      nodeId,
    },
  };
}
