import { diffFlowFields, type Flow, type FlowNode, nodeDefinitions } from "../../../schema/index.js";
import { isWordKey, say, t } from "../i18n.js";

/** One line of "what changes" for a person: where, which field, and the value before and after. */
export interface ChangeLine {
  key: string;
  /** The node, in words ("Étape « Vérifier le total »"), or the flow's settings. */
  where: string;
  /** The field within it, in words ("Règles › big › Si"); empty for a whole node added or removed. */
  field: string;
  before?: string;
  after?: string;
}

const nodeName = (node: FlowNode | undefined, id: string) => (node?.label ? `${say(node.label)} (${id})` : id);
const typeName = (node: FlowNode) => say(nodeDefinitions[node.type].ui.title);

/** A field name in words: the node type's own caption for it, else a common caption, else the name itself. */
function fieldName(node: FlowNode | undefined, key: string): string {
  const hint = node ? nodeDefinitions[node.type].ui.fields.find((field) => field.field === key) : undefined;
  if (hint) return say(hint.label);
  const common = `field.${key}`;
  return isWordKey(common) ? t(common) : key;
}

/** A value as a person reads it: text as it is, lists and objects compactly, nothing as "(vide)". */
export function valueWords(value: unknown): string {
  if (value === undefined || value === null || value === "") return t("change.empty");
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value) && value.every((item) => typeof item === "string")) return value.join(", ");
  return JSON.stringify(value);
}

/** What changes from `from` to `to`, in words, node by node and field by field. */
export function describeChanges(from: Flow, to: Flow): ChangeLine[] {
  const changes = diffFlowFields(from, to);
  const oldNodes = new Map(from.nodes.map((node) => [node.id, node]));
  const newNodes = new Map(to.nodes.map((node) => [node.id, node]));
  const lines: ChangeLine[] = [];
  for (const id of changes.added) {
    const node = newNodes.get(id) as FlowNode;
    lines.push({
      key: `+${id}`,
      where: t("change.added", { node: nodeName(node, id), type: typeName(node) }),
      field: "",
    });
  }
  for (const id of changes.removed) {
    const node = oldNodes.get(id) as FlowNode;
    lines.push({
      key: `-${id}`,
      where: t("change.removed", { node: nodeName(node, id), type: typeName(node) }),
      field: "",
    });
  }
  for (const change of changes.fields) {
    const node = change.nodeId === "(flow)" ? undefined : newNodes.get(change.nodeId);
    const where = node ? t("change.node", { node: nodeName(node, change.nodeId) }) : t("change.flow");
    const [first = "", ...rest] = change.path;
    const field = [fieldName(node, first), ...rest.map((part) => fieldName(undefined, part))].join(" › ");
    lines.push({
      key: `${change.nodeId}/${change.path.join("/")}`,
      where,
      field: change.kind === "order" ? `${field} — ${t("change.order")}` : field,
      before: valueWords(change.before),
      after: valueWords(change.after),
    });
  }
  return lines;
}
