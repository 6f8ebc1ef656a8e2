import type { Static, TSchema } from "@sinclair/typebox";
import { type TypeCheck, TypeCompiler } from "@sinclair/typebox/compiler";
import type { Validated } from "../../schema/index.js";

/** Which stored value: the table, the JSON column and the row's id, for the error that names it. */
export interface ColumnAt {
  table: string;
  column: string;
  id: string | number;
}

/** A JSON column whose text is not JSON or not of its schema's shape: the row is named, nothing is guessed. */
export class StoredJsonError extends Error {
  constructor(
    readonly at: ColumnAt,
    why: string,
  ) {
    super(`${at.table}.${at.column} of row ${JSON.stringify(at.id)} is not what it should hold: ${why}`);
    this.name = "StoredJsonError";
  }
}

const checkers = new WeakMap<TSchema, TypeCheck<TSchema>>();

function checkerOf<S extends TSchema>(schema: S): TypeCheck<S> {
  let checker = checkers.get(schema);
  if (!checker) {
    checker = TypeCompiler.Compile(schema);
    checkers.set(schema, checker);
  }
  return checker as TypeCheck<S>;
}

/**
 * The value a JSON column holds, checked where it is read against its TypeBox schema, or, for a
 * flow document, against the flow format's own validator: every JSON column of the store is read
 * through here, never through a cast.
 */
export function readJson<S extends TSchema>(shape: S, text: string, at: ColumnAt): Static<S>;
export function readJson<T>(shape: (value: unknown) => Validated<T>, text: string, at: ColumnAt): T;
export function readJson(shape: TSchema | ((value: unknown) => Validated<unknown>), text: string, at: ColumnAt) {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new StoredJsonError(at, `not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof shape === "function") {
    const validated = shape(value);
    if (validated.ok) return validated.value;
    const [first] = validated.problems;
    throw new StoredJsonError(at, first ? `${first.pointer || "/"}: ${first.message}` : "not of its shape");
  }
  const checker = checkerOf(shape);
  if (!checker.Check(value)) {
    const first = checker.Errors(value).First();
    throw new StoredJsonError(at, first ? `${first.path || "/"}: ${first.message}` : "not of its shape");
  }
  return value;
}
