import type { TSchema } from "@sinclair/typebox";

/**
 * A route's success answer in a media type other than JSON (CSV, plain text, TwiML), for its
 * `response` schema: the errors it also answers stay JSON (`ApiErrorBody`) in the API documentation.
 */
export function answeredAs<M extends string, S extends TSchema>(
  mediaType: M,
  schema: S,
): { description: string; content: Record<M, { schema: S }> } {
  return {
    description: schema.description ?? mediaType,
    content: { [mediaType]: { schema } } as Record<M, { schema: S }>,
  };
}
