import type { BotMessage } from "../../schema/api/channels.js";
import type {
  ConversationState,
  EntityKind,
  Frame,
  Handoff,
  HeardEntity,
} from "../../schema/api/conversation-state.js";
import type { HandoffReason } from "../../schema/api/handoff.js";
import type { HttpRequest, HttpResult } from "../../schema/api/simulator.js";
import type { Flow, FlowNode } from "../../schema/index.js";
import type { ExpressionCache } from "./expressions.js";
import type { EngineLimits } from "./limits.js";

/** What the customer sent, or what the shell brings back to the engine. */
export type EngineInput =
  /** Starts a new conversation at the flow's start node. */
  | {
      type: "start";
      variables?: Record<string, unknown>;
      language?: string;
      /** The message that opened the conversation; the first intent node reads it. */
      text?: string;
    }
  | { type: "text"; text: string }
  /** A tap on a button: the choice id of the message or question waiting for it. */
  | { type: "choice"; choiceId: string }
  /** The result of the effect the engine asked for, matched by its id. */
  | { type: "effectResult"; effectId: string; result: HttpResult }
  /** An agent gives the conversation back to the bot at a node of the current flow. */
  | { type: "resume"; nodeId: string };

export type { BotMessage, HttpRequest, HttpResult };

export interface HttpEffect {
  type: "http";
  id: string;
  nodeId: string;
  request: HttpRequest;
}
export type Effect = HttpEffect;

export type { ConversationState, Frame, Handoff, HandoffReason };

export type EngineStatus =
  | { type: "wait"; nodeId: string }
  | { type: "effect"; effect: Effect }
  | { type: "handoff"; handoff: Handoff }
  | { type: "end" };

/** A runtime failure the operator should hear about; the conversation still gets a next step. */
export interface EngineError {
  code: "STEP_LIMIT" | "EXPRESSION" | "UNKNOWN_NODE" | "UNKNOWN_FLOW" | "UNEXPECTED_INPUT";
  flowId: string;
  nodeId: string;
  message: string;
}

/** A fact for per-step analytics: which node ran, what was answered. */
export type EngineEvent =
  /**
   * A node entered; `from` and `handle` name the transition taken (absent when the conversation
   * starts, enters a called flow or is resumed at the node by an agent).
   */
  | { type: "node"; flowId: string; nodeId: string; from?: string; handle?: string }
  /** An answer to a node that waited; `tapped`: the label of the button the customer tapped, as shown. */
  | { type: "input"; flowId: string; nodeId: string; valid: boolean; tapped?: string }
  | { type: "intent"; flowId: string; nodeId: string; intent: string; confidence: number }
  | { type: "handoff"; flowId: string; nodeId: string; ruleId: string }
  /** Values a customer message held that questions of the flow ask for. */
  | { type: "heard"; flowId: string; nodeId: string; entities: { kind: EntityKind; value: unknown }[] }
  /**
   * A question not asked, its answer already known: given in an earlier message (`message`, with
   * the entity's kind) or held by its variable before the question was reached (`known`).
   */
  | {
      type: "filled";
      flowId: string;
      nodeId: string;
      variable: string;
      value: unknown;
      from: "message" | "known";
      entity?: EntityKind;
    }
  | { type: "end"; flowId: string; nodeId: string };

export type { EntityKind, HeardEntity };

export interface Classification {
  intent: string;
  confidence: number;
  /**
   * Values a classifier read in the text (a language model), each in its usual written form: they
   * fill questions only through those questions' own readers, so a value the flow would refuse
   * typed is refused given this way too.
   */
  given?: readonly GivenValue[];
}

export interface GivenValue {
  kind: EntityKind;
  text: string;
}

export interface LanguageGuess {
  language: string;
  /** 0 to 1. */
  confidence: number;
}

export interface IntentCandidate {
  id: string;
  examples: string[];
}

export interface EngineDeps {
  /** The current time, for `$now()` in expressions and dates. */
  now: () => Date;
  /** Fresh ids for effects. */
  newId: () => string;
  /** Ranks the candidate intents for a text, best first. */
  classify: (
    text: string,
    intents: readonly IntentCandidate[],
    language: string,
  ) => Classification[] | Promise<Classification[]>;
  /**
   * The language of a customer text among the flow's, when it can tell; without it, the
   * conversation stays in the hinted or default language.
   */
  detectLanguage?: (text: string, languages: readonly string[]) => LanguageGuess | undefined;
  /** Sentiment of a customer text from -1 (angry) to 1 (happy). */
  sentiment: (text: string, language: string) => number;
  /** Flows a `jump` node can reach, compiled, pinned to the versions the conversation started with. */
  flow: (flowId: string) => CompiledFlow | undefined;
  /** Secret values by name, for HTTP nodes only. */
  secrets: Record<string, string>;
  /** Size bounds of values and variables; `DEFAULT_LIMITS` when not given. */
  limits?: EngineLimits;
}

export interface StepResult {
  state: ConversationState;
  outputs: BotMessage[];
  status: EngineStatus;
  events: EngineEvent[];
  errors: EngineError[];
}

/** A flow ready to run: nodes by id and every expression compiled once. */
export interface CompiledFlow {
  flow: Flow;
  nodes: ReadonlyMap<string, FlowNode>;
  /** The id of the flow's start node; empty when the flow has none (starting it is then an error). */
  startNodeId: string;
  /** Every expression, template and answer pattern of the flow, compiled once. */
  expressions: ExpressionCache;
}
