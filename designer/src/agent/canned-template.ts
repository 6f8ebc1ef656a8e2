import { getPath } from "../../../runtime/engine/index.js";
import { parseTemplate, TemplateSyntaxError } from "../../../schema/index.js";
import { formatDay } from "./reason-words.js";

const PLAIN_PATH = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/;

export interface RenderedCanned {
  text: string;
  /** The `{{ }}` left as written because nothing was collected for them: the agent fills them in. */
  missing: string[];
}

/**
 * Fills a canned response's `{{ customer.firstName }}` from the collected variables. Only plain
 * paths are read (a canned text is not a program); what is missing stays visible as `{{ … }}` so
 * the agent sees what to complete before sending, rather than a silent blank.
 */
export function renderCanned(template: string, variables: Record<string, unknown>): RenderedCanned {
  let segments: ReturnType<typeof parseTemplate>["segments"];
  try {
    segments = parseTemplate(template).segments;
  } catch (error) {
    if (error instanceof TemplateSyntaxError) return { text: template, missing: [] };
    throw error;
  }
  const missing: string[] = [];
  const text = segments
    .map((segment) => {
      if ("text" in segment) return segment.text;
      const value = PLAIN_PATH.test(segment.expression) ? getPath(variables, segment.expression) : undefined;
      const shown = asText(value);
      if (shown !== undefined) return shown;
      missing.push(segment.expression);
      return `{{ ${segment.expression} }}`;
    })
    .join("");
  return { text, missing };
}

/** The next `{{ … }}` left in a text, to select it for the agent to type over. */
export function nextPlaceholder(text: string): { start: number; end: number } | undefined {
  const match = /\{\{[^}]*\}\}/.exec(text);
  return match ? { start: match.index, end: match.index + match[0].length } : undefined;
}

function asText(value: unknown): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  // Canned responses are written in French (a CRM's 2026-11-21 reads 21/11/2026 to the customer).
  if (typeof value === "string") return formatDay(value, "fr") ?? value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}
