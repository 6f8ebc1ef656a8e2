import type { Flow, Problem } from "../../../schema/index.js";
import type { Command } from "../model/commands.js";
import type { FlowDocument } from "../model/document.js";
import { nodeSize } from "../model/graph.js";
import { freeSpot } from "../model/placement.js";
import { freshId } from "../model/slug.js";
import type { problemWords } from "./problem-words.js";

/** One obvious repair of a problem: the words on its button and the undoable command it applies. */
export interface QuickFix {
  label: Extract<keyof typeof problemWords, `fix.${string}`>;
  values: Record<string, string>;
  command: Command;
}

const SECRET_NAME = /^[A-Z][A-Z0-9_]*$/;
const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const withoutNodes = ({ nodes: _, ...rest }: Flow): Omit<Flow, "nodes"> => rest;

/**
 * A question asking for a number saves a number; an HTTP step that saves a whole response body (the
 * customer, the order) or fills fields of the variable saves a record; its status, a number; everything
 * else starts as a text.
 */
function guessedType(flow: Flow, variable: string): "number" | "string" | "object" {
  const asksNumber = flow.nodes.some(
    (node) => node.type === "question" && node.saveAs === variable && node.input.kind === "number",
  );
  if (asksNumber) return "number";
  const mapped = flow.nodes.flatMap((node) => (node.type === "http" ? Object.entries(node.responseMapping ?? {}) : []));
  if (
    mapped.some(
      ([path, expression]) => path.startsWith(`${variable}.`) || (path === variable && expression.trim() === "body"),
    )
  )
    return "object";
  if (mapped.some(([path, expression]) => path === variable && expression.trim() === "status")) return "number";
  return "string";
}

/**
 * The fix for `problem` when one is obvious: declare the variable, list the secret, hand over to a
 * person after too many attempts, take the suggested id. Pure; undefined when a person must decide.
 */
export function quickFixFor(problem: Problem, doc: FlowDocument): QuickFix | undefined {
  const params = problem.params ?? {};
  const { flow } = doc;
  const source = flow.nodes.find((node) => node.id === problem.nodeId);
  switch (problem.code) {
    case "lint/undeclared-variable": {
      const variable = params.variable;
      if (typeof variable !== "string" || !VARIABLE_NAME.test(variable)) return undefined;
      const variables = { ...flow.variables, [variable]: { type: guessedType(flow, variable) } };
      return {
        label: "fix.declareVariable",
        values: { variable },
        command: { type: "updateFlow", flow: { ...withoutNodes(flow), variables }, field: "variables" },
      };
    }
    case "lint/unknown-secret": {
      const secret = params.secret;
      if (typeof secret !== "string" || !SECRET_NAME.test(secret)) return undefined;
      const secrets = [...(flow.secrets ?? []), secret];
      return {
        label: "fix.addSecret",
        values: { secret },
        command: { type: "updateFlow", flow: { ...withoutNodes(flow), secrets }, field: "secrets" },
      };
    }
    case "lint/no-path-after-max-attempts": {
      const handle = params.handle;
      const at = source && doc.layout.nodes[source.id];
      if (!source || typeof handle !== "string" || !at) return undefined;
      const id = freshId("handoff", new Set(flow.nodes.map((node) => node.id)));
      const below = { x: at.x, y: at.y + nodeSize(source).height + 80 };
      const position = freeSpot(doc, below, nodeSize({ id, type: "handoff", queue: "support" }));
      return {
        label: "fix.handOff",
        values: {},
        command: {
          type: "batch",
          commands: [
            { type: "addNode", nodeType: "handoff", position, id },
            { type: "connect", source: source.id, handle, target: id },
          ],
        },
      };
    }
    case "lint/missing-target": {
      const { handle, suggestion } = params;
      if (!source || typeof handle !== "string" || typeof suggestion !== "string") return undefined;
      return {
        label: "fix.useSuggestion",
        values: { suggestion },
        command: { type: "connect", source: source.id, handle, target: suggestion },
      };
    }
    case "lint/jump-missing-flow": {
      const { suggestion } = params;
      if (source?.type !== "jump" || typeof suggestion !== "string") return undefined;
      return {
        label: "fix.useSuggestion",
        values: { suggestion },
        command: { type: "updateNode", id: source.id, node: { ...source, flow: suggestion }, field: "flow" },
      };
    }
    default:
      return undefined;
  }
}
