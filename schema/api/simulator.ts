import { type Static, Type } from "@sinclair/typebox";
import { SecretName } from "../common.js";

/*
 * What the designer runs on the server: one HTTP node's request with the runtime's secrets, and
 * whether each secret has a value. The engine's HTTP effect asks for the same request and reads
 * the same result.
 */

export const HttpRequest = Type.Object({
  method: Type.Union([
    Type.Literal("GET"),
    Type.Literal("POST"),
    Type.Literal("PUT"),
    Type.Literal("PATCH"),
    Type.Literal("DELETE"),
  ]),
  url: Type.String(),
  headers: Type.Record(Type.String(), Type.String()),
  body: Type.Optional(Type.String()),
  timeoutMs: Type.Integer({ minimum: 1 }),
});
export type HttpRequest = Static<typeof HttpRequest>;

export const HttpResult = Type.Union([
  Type.Object({
    ok: Type.Literal(true),
    status: Type.Integer(),
    headers: Type.Record(Type.String(), Type.String()),
    body: Type.Unknown({ description: "The answer's JSON, or its text when it is not JSON." }),
  }),
  Type.Object({
    ok: Type.Literal(false),
    error: Type.Union([
      Type.Literal("timeout"),
      Type.Literal("network"),
      Type.Literal("refused"),
      Type.Literal("too_large"),
      Type.Literal("invalid"),
    ]),
    message: Type.String(),
  }),
]);
export type HttpResult = Static<typeof HttpResult>;

export const NodeRequestBody = Type.Object({
  flow: Type.Unknown({ description: "The flow the node belongs to, as edited (saved or not)." }),
  nodeId: Type.String({ minLength: 1, maxLength: 64 }),
  variables: Type.Record(Type.String(), Type.Unknown(), {
    description: "The conversation's variables the request's templates read.",
  }),
});
export type NodeRequestBody = Static<typeof NodeRequestBody>;

export const ShownRequest = Type.Omit(HttpRequest, ["timeoutMs"], {
  description: "The request as sent, each secret's value replaced by `{{ secrets.NAME }}`.",
});
export type ShownRequest = Static<typeof ShownRequest>;

export const NodeRequestRun = Type.Object({ request: ShownRequest, result: HttpResult });
export type NodeRequestRun = Static<typeof NodeRequestRun>;

export const SecretsQuery = Type.Object({
  names: Type.String({
    pattern: "^([A-Z][A-Z0-9_]*(,[A-Z][A-Z0-9_]*)*)?$",
    maxLength: 4000,
    description: "Comma-separated secret names, e.g. `CRM_BASE_URL,CRM_TOKEN`.",
  }),
});
export type SecretsQuery = Static<typeof SecretsQuery>;

export const SecretsStatus = Type.Object({
  secrets: Type.Array(
    Type.Object({ name: SecretName, set: Type.Boolean({ description: "The runtime has a value for it." }) }),
  ),
});
export type SecretsStatus = Static<typeof SecretsStatus>;
