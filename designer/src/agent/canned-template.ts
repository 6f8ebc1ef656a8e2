import { getPath } from "../../../runtime/engine/index.js";
import type { CannedResponse } from "../../../schema/api/index.js";
import { parseTemplate, TemplateSyntaxError } from "../../../schema/index.js";
import { formatDay } from "./reason-words.js";

const PLAIN_PATH = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/;

export interface RenderedCanned {
  text: string;
  /** The `{{ }}` left as written because nothing was collected for them: the agent fills them in. */
  missing: string[];
}

/**
 * The canned responses to offer for a conversation in `language`: those written in it (`en-GB` is
 * `en`) and those for every language; all of them when none is, so that a team writing only French
 * still has its answers for an English customer.
 */
export function cannedFor(canned: readonly CannedResponse[], language: string): CannedResponse[] {
  const base = (tag: string) => tag.split("-")[0];
  const fitting = canned.filter((item) => item.language === undefined || base(item.language) === base(language));
  return fitting.some((item) => item.language !== undefined) ? fitting : [...canned];
}

/**
 * Fills a canned response's `{{ customer.firstName }}` from the collected variables, dates written
 * the way customers of `language` read them. Only plain paths are read (a canned text is not a
 * program); what is missing stays visible as `{{ … }}` so the agent sees what to complete before
 * sending, rather than a silent blank.
 */
export function renderCanned(template: string, variables: Record<string, unknown>, language: string): RenderedCanned {
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
      const shown = asText(value, language);
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

function asText(value: unknown, language: string): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  // A CRM's 2026-11-21 reads 21/11/2026 to a French customer, and to a British one too.
  if (typeof value === "string") return formatDay(value, language.startsWith("fr") ? "fr" : "en") ?? value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}
