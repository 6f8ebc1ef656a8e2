import { parse as parseWithPointers } from "json-source-map";
import type { Problem } from "./problem.js";

export type ParsedJson =
  | { ok: true; value: unknown; locate: (pointer: string) => { line: number; column: number } | undefined }
  | { ok: false; problem: Problem };

/** Parses JSON text, keeping where each pointer sits so problems can name a line. */
export function parseJsonFile(text: string, file: string): ParsedJson {
  try {
    const { data, pointers } = parseWithPointers(text);
    return {
      ok: true,
      value: data,
      locate: (pointer) => {
        let at = pointer;
        while (!(at in pointers) && at.length > 0) at = at.slice(0, at.lastIndexOf("/"));
        const entry = pointers[at];
        const position = entry?.key ?? entry?.value;
        return position ? { line: position.line + 1, column: position.column + 1 } : undefined;
      },
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    const offset = position ? Number(position[1]) : undefined;
    const before = offset === undefined ? "" : text.slice(0, offset);
    const line = offset === undefined ? undefined : before.split("\n").length;
    const column = offset === undefined ? undefined : offset - before.lastIndexOf("\n");
    return {
      ok: false,
      problem: {
        code: "json/syntax",
        params: { detail: message.replace(/ in JSON at position \d+.*$/, "") },
        severity: "error",
        file,
        pointer: "",
        message: `This is not valid JSON: ${message.replace(/ in JSON at position \d+.*$/, "")}. Check commas, quotes and brackets near this place.`,
        line,
        column,
      },
    };
  }
}
