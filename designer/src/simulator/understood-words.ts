import type { ConversationState, EngineEvent, EntityKind } from "../../../runtime/engine/index.js";
import { DEFAULT_CONFIDENCE_FLOOR, type Flow } from "../../../schema/index.js";
import { language, languageName, t, type WordKey } from "../i18n.js";

export const entityWords = {
  email: "entity.email",
  phone: "entity.phone",
  date: "entity.date",
  pattern: "entity.pattern",
  amount: "entity.amount",
} as const satisfies Record<EntityKind, WordKey>;

const percent = (value: number) => new Intl.NumberFormat(language, { style: "percent" }).format(value);

/** A value as a person reads it: an amount with its currency, a date in words, text as it is. */
export function valueWords(value: unknown, kind?: EntityKind): string {
  if (typeof value === "string") {
    if (kind === "date" && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
      return new Intl.DateTimeFormat(language, { dateStyle: "long", timeZone: "UTC" }).format(new Date(value));
    }
    return value;
  }
  if (typeof value === "object" && value !== null && "value" in value && "currency" in value) {
    const { value: amount, currency } = value as { value: unknown; currency: unknown };
    if (typeof amount === "number" && typeof currency === "string") {
      return new Intl.NumberFormat(language, { style: "currency", currency }).format(amount);
    }
  }
  return JSON.stringify(value);
}

/** A node's name on the canvas: its label, else its id. */
function stepName(flows: ReadonlyMap<string, Flow>, flowId: string, nodeId: string): string {
  const node = flows.get(flowId)?.nodes.find((each) => each.id === nodeId);
  return node?.label || nodeId;
}

/** The conversation's language, or how it was chosen, is not what it was after the customer's previous message. */
const languageMoved = (before: ConversationState | undefined, after: ConversationState) =>
  before === undefined ||
  before.language !== after.language ||
  JSON.stringify(before.languageFrom) !== JSON.stringify(after.languageFrom);

/**
 * What the simulator understood of a turn, in words, one fact a line: the intent recognised and how
 * sure, the conversation's language and how it was chosen (when the turn set or changed it: said
 * after every message, a language kept from the start read as news each time), the values found in
 * the message, the questions not asked because their answer was known.
 */
export function understoodWords(
  events: readonly EngineEvent[],
  /** The state after the customer's previous message; none before their first. */
  before: ConversationState | undefined,
  state: ConversationState | undefined,
  customerSpoke: boolean,
  flows: ReadonlyMap<string, Flow>,
): string[] {
  const lines: string[] = [];
  for (const event of events) {
    if (event.type === "intent") {
      const node = flows.get(event.flowId)?.nodes.find((each) => each.id === event.nodeId);
      const floor = (node?.type === "intent" ? node.confidenceFloor : undefined) ?? DEFAULT_CONFIDENCE_FLOOR;
      const words = { intent: event.intent, confidence: percent(event.confidence), floor: percent(floor) };
      // "At best order_status (confidence 0 %)" read as a lead where there is none.
      const none = percent(event.confidence) === percent(0);
      lines.push(
        t(
          event.confidence >= floor ? "understood.intent" : none ? "understood.intentNone" : "understood.intentLow",
          words,
        ),
      );
    }
    if (event.type === "heard") {
      const values = event.entities.map(
        (entity) => `${t(entityWords[entity.kind])} ${valueWords(entity.value, entity.kind)}`,
      );
      lines.push(t("understood.heard", { values: values.join(", ") }));
    }
    if (event.type === "filled") {
      const words = {
        step: stepName(flows, event.flowId, event.nodeId),
        variable: event.variable,
        value: valueWords(event.value, event.entity),
      };
      lines.push(t(event.from === "message" ? "understood.filledFromMessage" : "understood.filledKnown", words));
    }
  }
  if (customerSpoke && state && languageMoved(before, state)) {
    const from = state.languageFrom ?? { source: "default" };
    const name = languageName(state.language);
    if (from.source === "detected") {
      const confidence = percent(from.confidence ?? 0);
      lines.push(
        t(from.sure ? "understood.languageSure" : "understood.languageDetected", { language: name, confidence }),
      );
    } else {
      lines.push(
        t(from.source === "hint" ? "understood.languageHint" : "understood.languageDefault", { language: name }),
      );
    }
  }
  return lines;
}
