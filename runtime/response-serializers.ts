import { SerializerSelector } from "@fastify/fast-json-stringify-compiler";
import type { FastifyServerOptions } from "fastify";

type SerializerFactory = NonNullable<
  NonNullable<NonNullable<FastifyServerOptions["schemaController"]>["compilersFactory"]>["buildSerializer"]
>;

const eager = SerializerSelector();

/**
 * Fastify's own serializers (fast-json-stringify), each compiled the first time its route answers with
 * its status rather than while the server starts: compiling them all, a new Ajv for each, took 1.2 s of
 * the 3.2 s a start took before the process listened, and a process restarted after a crash, or
 * replaced in a cluster, refused connections for that long. A route no one calls costs nothing.
 */
export const responseSerializers: SerializerFactory = (externalSchemas, options) => {
  const compile = eager(externalSchemas, options);
  return (route) => {
    let serialize: ((data: unknown) => string) | undefined;
    return (data) => {
      serialize ??= compile(route);
      return serialize(data);
    };
  };
};
