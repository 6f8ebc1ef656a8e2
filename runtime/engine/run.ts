import type jsonata from "jsonata";
import type { EscalationPolicy, Flow, FlowNode, LocalizedText, Priority } from "../../schema/index.js";
import { EngineFailure } from "./errors.js";
import { evaluateCompiled } from "./expressions.js";
import { withIntentLabels } from "./labels.js";
import { DEFAULT_LIMITS, type EngineLimits } from "./limits.js";
import { localize } from "./text.js";
import type {
  BotMessage,
  CompiledFlow,
  ConversationState,
  EngineDeps,
  EngineError,
  EngineEvent,
  Frame,
  Handoff,
  HandoffReason,
  HttpEffect,
} from "./types.js";
import { getPath, setPath, toJsonValue } from "./variables.js";

/** What a node (or an answer to it) leads to; `advance` follows gotos until one of the others. */
export type Outcome =
  | { type: "goto"; handle: string; target: string | undefined }
  | { type: "wait" }
  | { type: "effect"; effect: HttpEffect }
  | { type: "handoff"; handoff: Handoff }
  | { type: "end" };

export const goto = (handle: string, target: string | undefined): Outcome => ({ type: "goto", handle, target });
export const WAIT: Outcome = { type: "wait" };

/** What the customer sent to a node that waits for it. */
export type CustomerInput = { type: "text"; text: string } | { type: "choice"; choiceId: string };

/** How a template's values are written into the text. */
export type Encoding = "text" | "url" | "json";

/** The work of one `advance` call: a private copy of the state, and what the call produces. */
export class Run {
  readonly outputs: BotMessage[] = [];
  readonly events: EngineEvent[] = [];
  readonly errors: EngineError[] = [];
  /** Node executions in this call, for the step limit. */
  steps = 0;
  readonly stepsByNode = new Map<string, number>();
  /** Set when a node wrote a variable, so that value rules are checked before going on. */
  wrote = false;
  /** The transition by which the current node was entered: `resume` when an agent gave the conversation back there. */
  enteredBy = "";
  /** How many outputs there were when the current node was entered: what it said comes after. */
  saidBeforeNode = 0;
  readonly #flows = new Map<string, CompiledFlow>();

  constructor(
    readonly root: CompiledFlow,
    public state: ConversationState,
    readonly deps: EngineDeps,
  ) {
    this.#flows.set(root.flow.id, root);
  }

  get frame(): Frame {
    const frame = this.state.stack[this.state.stack.length - 1];
    if (!frame) throw new Error("The conversation state has an empty stack.");
    return frame;
  }

  /** The flow the conversation is in now (a jumped-to flow, or the root). */
  get flow(): CompiledFlow {
    return this.flowById(this.frame.flowId);
  }

  get variables(): Record<string, unknown> {
    return this.state.variables;
  }

  /** The current flow's escalation policy, else the root flow's. */
  get policy(): EscalationPolicy | undefined {
    return this.flow.flow.escalation ?? this.root.flow.escalation;
  }

  flowById(flowId: string): CompiledFlow {
    let compiled = this.#flows.get(flowId);
    if (!compiled) {
      compiled = this.deps.flow(flowId);
      if (!compiled) {
        throw this.failure(
          "UNKNOWN_FLOW",
          `Flow \`${flowId}\` is not available to this conversation: publish it, or correct the flow id of the jump node.`,
        );
      }
      this.#flows.set(flowId, compiled);
    }
    return compiled;
  }

  /** The node the conversation is at; its absence is a broken state or flow. */
  node(): FlowNode {
    const { nodeId, flowId } = this.frame;
    const node = this.flow.nodes.get(nodeId);
    if (!node) {
      throw this.failure(
        "UNKNOWN_NODE",
        `Node \`${nodeId}\` is not in flow \`${flowId}\`: the flow changed under the conversation.`,
      );
    }
    return node;
  }

  /** A failure located at the current node (or at the root's start when there is no frame yet). */
  failure(code: EngineError["code"], message: string): EngineFailure {
    const frame = this.state.stack[this.state.stack.length - 1];
    return new EngineFailure(code, frame?.flowId ?? this.root.flow.id, frame?.nodeId ?? this.root.startNodeId, message);
  }

  /** `node \`x\` of flow \`f\`, field \`/text\``, for error messages. */
  where(field: string): string {
    return `node \`${this.frame.nodeId}\` of flow \`${this.frame.flowId}\`, field \`${field}\``;
  }

  text(localized: LocalizedText): string {
    return localize(localized, this.state.language, this.flow.flow.languages);
  }

  /** A customer-facing text in the conversation's language, with its templates filled in. */
  renderText(localized: LocalizedText, field: string): Promise<string> {
    return this.render(this.text(localized), this.where(field));
  }

  /** Fills the `{{ }}` of a template; `where` names it in error messages. */
  async render(source: string, where: string, options: { input?: unknown; encoding?: Encoding } = {}): Promise<string> {
    const compiled = this.flow.expressions.template(source);
    if (!compiled.ok) {
      throw this.failure(
        "EXPRESSION",
        `The template in ${where} is not valid: ${compiled.message} Correct it in the designer.`,
      );
    }
    const encoding = options.encoding ?? "text";
    let rendered = "";
    let insideJsonString = false;
    for (const segment of compiled.segments) {
      if ("text" in segment) {
        rendered += segment.text;
        if (encoding === "json") insideJsonString = endsInsideString(segment.text, insideJsonString);
        continue;
      }
      const value = await this.evaluate(segment.expression, where, options.input);
      // A template that opens a URL is its base (`{{ secrets.CRM_BASE_URL }}/orders`): scheme, host
      // and path go in as they are; every later value is one encoded component.
      const base = encoding === "url" && rendered === "";
      rendered += encode(value, base ? "text" : encoding, insideJsonString);
    }
    return rendered;
  }

  /** The compiled expression; one that does not parse is an EXPRESSION error at `where`. */
  compile(source: string, where: string): jsonata.Expression {
    const compiled = this.flow.expressions.expression(source);
    if (!compiled.ok) {
      const at = compiled.position !== undefined ? ` (at character ${compiled.position})` : "";
      throw this.failure(
        "EXPRESSION",
        `The expression \`${source}\` in ${where} does not parse: ${compiled.message}${at}. Correct it in the designer.`,
      );
    }
    return compiled.expression;
  }

  /** Evaluates an expression over the variables (or `input`); a failure is an EXPRESSION error at `where`. */
  async evaluate(source: string, where: string, input: unknown = this.variables): Promise<unknown> {
    const expression = this.compile(source, where);
    try {
      return await evaluateCompiled(expression, input, this.deps.now(), this.limits.valueChars);
    } catch (error) {
      const message = typeof error === "object" && error !== null && "message" in error ? error.message : error;
      const reads = this.flow.expressions.reads(source);
      const context =
        typeof input === "object" && input !== null && reads.length > 0
          ? ` It read ${reads.map((path) => `${path} = ${show(getPath(input as Record<string, unknown>, path))}`).join(", ")}.`
          : "";
      throw this.failure(
        "EXPRESSION",
        `The expression \`${source}\` in ${where} failed: ${String(message)}.${context}`,
      );
    }
  }

  get limits(): EngineLimits {
    return this.deps.limits ?? DEFAULT_LIMITS;
  }

  /**
   * Sets a variable, within the size bounds: a value or a set of variables too large is an error
   * at the current node, and nothing is written.
   */
  setVariable(path: string, value: unknown): void {
    const json = toJsonValue(value);
    const { valueChars, stateChars } = this.limits;
    const valueSize = JSON.stringify(json)?.length ?? 0;
    if (valueSize > valueChars) {
      throw this.failure(
        "EXPRESSION",
        `Node \`${this.frame.nodeId}\` of flow \`${this.frame.flowId}\` sets \`${path}\` to a value of ${valueSize} characters, more than the ${valueChars} a value may hold: keep only the fields the conversation needs.`,
      );
    }
    const variables = setPath(this.state.variables, path, json);
    const stateSize = JSON.stringify(variables).length;
    if (stateSize > stateChars) {
      throw this.failure(
        "EXPRESSION",
        `Node \`${this.frame.nodeId}\` of flow \`${this.frame.flowId}\` sets \`${path}\`, and the conversation's variables would then hold ${stateSize} characters, more than the ${stateChars} allowed: keep only what the conversation needs.`,
      );
    }
    this.state.variables = variables;
    this.wrote = true;
  }

  say(message: BotMessage): void {
    this.outputs.push(message);
  }

  emit(event: EngineEvent): void {
    this.events.push(event);
  }

  /** Records whether the customer's answer was understood: `failedInputs` counts the misses in a row. */
  inputWas(valid: boolean, tapped?: string): void {
    this.state.failedInputs = valid ? 0 : this.state.failedInputs + 1;
    this.emit({
      type: "input",
      flowId: this.frame.flowId,
      nodeId: this.frame.nodeId,
      valid,
      ...(tapped === undefined ? {} : { tapped }),
    });
  }

  /** A handoff from the current node, carrying everything collected so far. */
  handoff(queue: string, priority: Priority, reason: HandoffReason, note?: string): Handoff {
    return {
      queue,
      priority,
      reason,
      ...(note ? { note } : {}),
      summary: withIntentLabels(structuredClone(this.variables), this.reachableFlows()),
      flowId: this.frame.flowId,
      nodeId: this.frame.nodeId,
    };
  }

  /** The flows this conversation can run, the one it is in first: the root and every flow a jump reaches. */
  private reachableFlows(): Flow[] {
    const found = new Map<string, Flow>();
    const visit = (flowId: string) => {
      if (found.has(flowId)) return;
      const compiled = this.#flows.get(flowId) ?? this.deps.flow(flowId);
      if (!compiled) return;
      found.set(flowId, compiled.flow);
      for (const node of compiled.flow.nodes) if (node.type === "jump") visit(node.flow);
    };
    visit(this.frame.flowId);
    visit(this.root.flow.id);
    return [...found.values()];
  }
}

/** A value as shown in reasons and error messages: `740`, `"gold"`, `undefined`. */
export function show(value: unknown): string {
  if (value === undefined) return "undefined";
  return JSON.stringify(value) ?? String(value);
}

function encode(value: unknown, encoding: Encoding, insideJsonString: boolean): string {
  if (encoding === "json") {
    // Inside a JSON string the value is escaped; elsewhere it is written as JSON, so that what a
    // customer typed can never add fields or break the body.
    if (insideJsonString) return JSON.stringify(asText(value)).slice(1, -1);
    return JSON.stringify(toJsonValue(value) ?? null);
  }
  const text = asText(value);
  return encoding === "url" ? encodeURIComponent(text) : text;
}

/** Template values in text: nothing for undefined, numbers as they are, objects as JSON. */
function asText(value: unknown): string {
  if (value === undefined || value === null || typeof value === "function") return "";
  if (typeof value === "string") return value;
  if (typeof value === "object") return JSON.stringify(toJsonValue(value));
  return String(value);
}

/** Whether a JSON text that started inside (or outside) a string ends inside one. */
function endsInsideString(text: string, startsInside: boolean): boolean {
  let inside = startsInside;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inside && char === "\\") i++;
    else if (char === '"') inside = !inside;
  }
  return inside;
}
