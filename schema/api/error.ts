import { type Static, Type } from "@sinclair/typebox";
import { Problem } from "../problem.js";

/**
 * The one error envelope every route answers with (runtime/plugins/errors.ts writes it):
 * a stable code, a message that says what and how to fix, and where known the problems and facts.
 */
export const ApiErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: "Stable code the client acts on: `BAD_REQUEST`, `NOT_FOUND`, `FLOW_INVALID`…" }),
      message: Type.String({ description: "What went wrong and how to fix it, in English." }),
      problems: Type.Optional(Type.Array(Problem, { description: "Each thing wrong, located (file, JSON pointer)." })),
      details: Type.Optional(
        Type.Record(Type.String(), Type.Unknown(), {
          description: "Facts the client words its own message from (who, when, which version).",
        }),
      ),
    }),
  },
  { description: "An error: what went wrong, where, and how to fix it." },
);
export type ApiErrorBody = Static<typeof ApiErrorBody>;
