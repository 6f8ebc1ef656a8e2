import { type Static, type TSchema, Type } from "@sinclair/typebox";

/**
 * Facts a route reads back from a JSON column (a handoff's reason, a transcript event): typed for
 * clients as `schema`, sent as stored. Rows written before a field existed still reach the console,
 * which words what it finds, instead of failing the whole answer.
 */
export const Stored = <T extends TSchema>(schema: T, description?: string) =>
  Type.Unsafe<Static<T>>(
    Type.Object({}, { additionalProperties: true, description: description ?? schema.description }),
  );
