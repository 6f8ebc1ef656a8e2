import { CURRENT_SCHEMA_VERSION } from "./flow.js";
import type { Problem, ProblemParams } from "./problem.js";

/** One step of the flow format's history: a document of version `from` rewritten as version `from + 1`. */
export interface Migration<From extends object, To extends object> {
  from: number;
  describe: string;
  up(document: From): To;
}

type AnyMigration = Migration<Record<string, unknown>, Record<string, unknown>>;

/**
 * The chain of migrations, oldest first. Version 1 is the first published format, so the chain
 * is empty; a change of format adds its step here with the old and new document types.
 */
export const flowMigrations: readonly AnyMigration[] = [];

export type Migrated =
  | { ok: true; value: Record<string, unknown>; applied: string[] }
  | { ok: false; problems: Problem[] };

/** Brings a parsed flow document up to the current `schemaVersion`, one step at a time. */
export function migrateFlow(
  document: unknown,
  file: string,
  chain: readonly AnyMigration[] = flowMigrations,
  target = CURRENT_SCHEMA_VERSION,
): Migrated {
  const problem = (message: string, params: ProblemParams): Migrated => ({
    ok: false,
    problems: [{ code: "schema/version", params, severity: "error", file, pointer: "/schemaVersion", message }],
  });
  if (typeof document !== "object" || document === null || Array.isArray(document)) {
    return {
      ok: false,
      problems: [
        {
          code: "schema/type",
          params: { expected: ["object"], actual: Array.isArray(document) ? "array" : typeof document },
          severity: "error",
          file,
          pointer: "",
          message: "A flow file must hold a JSON object.",
        },
      ],
    };
  }
  let current = document as Record<string, unknown>;
  const version = current.schemaVersion;
  if (version === undefined)
    return problem(`The file has no \`schemaVersion\`; add \`"schemaVersion": ${target}\`.`, {
      context: "missing",
      target,
    });
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1) {
    return problem(`\`schemaVersion\` must be a whole number from 1 to ${target}, not ${JSON.stringify(version)}.`, {
      context: "invalid",
      target,
    });
  }
  if (version > target) {
    return problem(
      `This flow uses format version ${version}, made by a newer Relais; this one reads up to version ${target}. Update Relais.`,
      { context: "newer", version, target },
    );
  }
  const applied: string[] = [];
  for (let at = version; at < target; at++) {
    const step = chain.find((migration) => migration.from === at);
    if (!step) return problem(`No migration from format version ${at} to ${at + 1}.`, { context: "gap", version: at });
    current = { ...step.up(current), schemaVersion: at + 1 };
    applied.push(step.describe);
  }
  return { ok: true, value: current, applied };
}
