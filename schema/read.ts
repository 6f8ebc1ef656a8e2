import type { ConversationTestFile } from "./conversation-test.js";
import type { Flow } from "./flow.js";
import type { FileKind } from "./format.js";
import { parseJsonFile } from "./json-file.js";
import type { Layout } from "./layout.js";
import { migrateFlow } from "./migrate.js";
import type { Problem } from "./problem.js";
import { validateConversationTests, validateFlow, validateLayout } from "./validate.js";

interface DocumentOf {
  flow: Flow;
  layout: Layout;
  test: ConversationTestFile;
}

export interface ReadDocument<T> {
  /** The parsed JSON, whether or not it validates; undefined when the text is not JSON. */
  json?: unknown;
  /** The document when it validates (a flow migrated to the current format first). */
  value?: T;
  /** Problems located at a line and column of the text. */
  problems: Problem[];
}

/** Text of a file → parsed, migrated and validated document, or the problems that stop it. */
export function readDocument<K extends FileKind>(kind: K, text: string, file: string): ReadDocument<DocumentOf[K]> {
  const parsed = parseJsonFile(text, file);
  if (!parsed.ok) return { problems: [parsed.problem] };
  const located = (problems: Problem[]) =>
    problems.map((problem) => ({ ...problem, ...parsed.locate(problem.pointer) }));
  let document = parsed.value;
  if (kind === "flow") {
    const migrated = migrateFlow(document, file);
    if (!migrated.ok) return { json: parsed.value, problems: located(migrated.problems) };
    document = migrated.value;
  }
  const validated =
    kind === "flow"
      ? validateFlow(document, file)
      : kind === "layout"
        ? validateLayout(document, file)
        : validateConversationTests(document, file);
  if (!validated.ok) return { json: parsed.value, problems: located(validated.problems) };
  return { json: parsed.value, value: validated.value as DocumentOf[K], problems: [] };
}
