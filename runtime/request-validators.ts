import { AjvCompiler } from "@fastify/ajv-compiler";
import type { FastifyServerOptions } from "fastify";

type ValidatorFactory = NonNullable<
  NonNullable<NonNullable<FastifyServerOptions["schemaController"]>["compilersFactory"]>["buildValidator"]
>;

const fromPool = AjvCompiler();

/**
 * A body is JSON: a number where a text is expected, or a field the route does not know, is a client bug to
 * report, not to paper over. A query string, a path and headers are text by nature: `?limit=20` is read as
 * the number its schema asks for, as with Fastify's own default.
 */
export const requestValidators: ValidatorFactory = (externalSchemas) => {
  const body = fromPool(externalSchemas, { customOptions: { coerceTypes: false, removeAdditional: false } });
  const text = fromPool(externalSchemas, { customOptions: { coerceTypes: "array", removeAdditional: false } });
  return (route) => (route.httpPart === "body" ? body : text)(route);
};
