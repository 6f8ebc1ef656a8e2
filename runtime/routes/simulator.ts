import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { SecretName } from "../../schema/index.js";
import { secretsFor } from "../config.js";
import { DomainError } from "../domain-error.js";
import { checkFlowValue, flowFile } from "../flows/drafts.js";
import { requireRole } from "../plugins/auth.js";
import { redactSecrets, renderNodeRequest } from "../testing/node-request.js";

const ShownRequest = Type.Object(
  {
    method: Type.String(),
    url: Type.String(),
    headers: Type.Record(Type.String(), Type.String()),
    body: Type.Optional(Type.String()),
  },
  { description: "The request as sent, each secret's value replaced by `{{ secrets.NAME }}`." },
);

const HttpResultSchema = Type.Union([
  Type.Object({
    ok: Type.Literal(true),
    status: Type.Integer(),
    headers: Type.Record(Type.String(), Type.String()),
    body: Type.Unknown(),
  }),
  Type.Object({
    ok: Type.Literal(false),
    error: Type.Union(["timeout", "network", "refused", "too_large", "invalid"].map((e) => Type.Literal(e))),
    message: Type.String(),
  }),
]);

const SecretNames = Type.String({
  pattern: "^([A-Z][A-Z0-9_]*(,[A-Z][A-Z0-9_]*)*)?$",
  maxLength: 4000,
  description: "Comma-separated secret names, e.g. `CRM_BASE_URL,CRM_TOKEN`.",
});

/**
 * What the designer runs on the server: one HTTP node's request, rendered with the runtime's own
 * secret values and sent through the guarded client. The inspector's "test the request" and the
 * simulator's real calls both use it, so the browser never holds a secret.
 */
export default async function simulatorRoutes(app: FastifyInstance) {
  const write = requireRole("editor");

  app.post(
    "/api/simulator/http",
    {
      schema: {
        tags: ["flows"],
        summary: "Runs one HTTP node's request with the server's secrets",
        body: Type.Object({
          flow: Type.Unknown({ description: "The flow the node belongs to, as edited (saved or not)." }),
          nodeId: Type.String({ minLength: 1, maxLength: 64 }),
          variables: Type.Record(Type.String(), Type.Unknown(), {
            description: "The conversation's variables the request's templates read.",
          }),
        }),
        response: { 200: Type.Object({ request: ShownRequest, result: HttpResultSchema }) },
      },
      onRequest: write,
    },
    async (request) => {
      const body = request.body as { flow: unknown; nodeId: string; variables: Record<string, unknown> };
      const id = (body.flow as { id?: unknown } | null)?.id;
      const file = flowFile(typeof id === "string" ? id : "flow");
      const checked = checkFlowValue(body.flow, file);
      if (!checked.flow) {
        throw new DomainError(
          "invalid",
          "INVALID_FLOW",
          `The flow ${file} does not match the flow schema, so its request cannot be built.`,
          checked.problems,
        );
      }
      const secrets = secretsFor(app.config, checked.flow.secrets ?? []);
      const rendered = await renderNodeRequest(checked.flow, body.nodeId, body.variables, secrets);
      if (!rendered.ok)
        throw new DomainError("unprocessable", "REQUEST_NOT_BUILT", redactSecrets(rendered.message, secrets));
      const result = await app.httpClient.run(rendered.request);
      const { timeoutMs: _timeout, ...shown } = rendered.request;
      return redactSecrets({ request: shown, result }, secrets);
    },
  );

  app.get(
    "/api/secrets/status",
    {
      schema: {
        tags: ["flows"],
        summary: "Whether the runtime has a value for each secret named; never the value",
        querystring: Type.Object({ names: SecretNames }),
        response: {
          200: Type.Object({ secrets: Type.Array(Type.Object({ name: SecretName, set: Type.Boolean() })) }),
        },
      },
      onRequest: write,
    },
    async (request) => {
      const names = [...new Set((request.query as { names: string }).names.split(",").filter(Boolean))];
      const values = secretsFor(app.config, names);
      return { secrets: names.map((name) => ({ name, set: Object.hasOwn(values, name) })) };
    },
  );
}
