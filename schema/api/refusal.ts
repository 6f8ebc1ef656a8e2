import { Type } from "@sinclair/typebox";

/** The error envelope every refusal is answered with (`runtime/plugins/errors.ts`). */
export const RefusalAnswer = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    problems: Type.Optional(Type.Array(Type.Object({}, { additionalProperties: true }))),
    details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  }),
});
