import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import {
  errorResponses,
  NodeRequestBody,
  NodeRequestRun,
  SecretsQuery,
  SecretsStatus,
} from "../../schema/api/index.js";
import { lintFlow } from "../../schema/index.js";
import { secretsFor } from "../config.js";
import { DomainError } from "../domain-error.js";
import { checkFlowValue, flowFile } from "../flows/drafts.js";
import { requireRole } from "../plugins/auth.js";
import { redactSecrets, renderNodeRequest } from "../testing/node-request.js";

/**
 * What the designer runs on the server: one HTTP node's request, rendered with the runtime's own
 * secret values and sent through the guarded client. The inspector's "test the request" and the
 * simulator's real calls both use it, so the browser never holds a secret.
 */
const simulatorRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const write = requireRole("editor");

  app.post(
    "/api/simulator/http",
    {
      schema: {
        tags: ["flows"],
        summary: "Runs one HTTP node's request with the server's secrets",
        body: NodeRequestBody,
        response: { 200: NodeRequestRun, ...errorResponses(400, 401, 403, 413, 415, 422) },
      },
      onRequest: write,
    },
    async (request) => {
      const body = request.body;
      const id = typeof body.flow === "object" && body.flow !== null && "id" in body.flow ? body.flow.id : undefined;
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
      if (!rendered.ok) {
        // A secret the flow does not declare gets no value here, as at run time: said as the linter says it,
        // not as a secret the server lacks. Only a request that could not be built pays for the linting.
        const undeclared = lintFlow(checked.flow, file).filter(
          (problem) => problem.code === "lint/unknown-secret" && problem.nodeId === body.nodeId,
        );
        if (undeclared.length > 0) {
          throw new DomainError(
            "invalid",
            "UNDECLARED_SECRET",
            `Node \`${body.nodeId}\` uses ${undeclared.map((problem) => `\`${problem.params?.secret}\``).join(", ")}, which the flow does not declare in its secrets.`,
            undeclared,
          );
        }
        throw new DomainError("unprocessable", "REQUEST_NOT_BUILT", redactSecrets(rendered.message, secrets));
      }
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
        querystring: SecretsQuery,
        response: { 200: SecretsStatus, ...errorResponses(400, 401, 403) },
      },
      onRequest: write,
    },
    async (request) => {
      const names = [...new Set(request.query.names.split(",").filter(Boolean))];
      const values = secretsFor(app.config, names);
      return { secrets: names.map((name) => ({ name, set: Object.hasOwn(values, name) })) };
    },
  );
};
export default simulatorRoutes;
