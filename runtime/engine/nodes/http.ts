import { DEFAULT_HTTP_TIMEOUT_MS, type HttpNode } from "../../../schema/nodes/http.js";
import { type Encoding, goto, type Outcome, type Run } from "../run.js";
import type { HttpRequest, HttpResult } from "../types.js";

/**
 * Renders the request and hands it to the shell as an effect; the engine goes on when the result
 * comes back. URL values are URL-encoded (but a template opening the URL is its base); in a JSON body they are written as JSON. Only here do
 * expressions see `secrets`.
 */
/** HTTP calls allowed between two customer inputs: more means a flow calling APIs in a circle. */
export const MAX_EFFECTS_PER_INPUT = 25;

export async function enterHttp(node: HttpNode, run: Run): Promise<Outcome> {
  const calls = (run.state.effectsSinceInput ?? 0) + 1;
  if (calls > MAX_EFFECTS_PER_INPUT) {
    throw run.failure(
      "STEP_LIMIT",
      `Node \`${node.id}\` would make the ${calls}th HTTP call since the customer last wrote: a loop of lookups with no question. Add a question to the loop, or a condition that leaves it.`,
    );
  }
  run.state.effectsSinceInput = calls;
  const input = { ...run.variables, secrets: run.deps.secrets };
  const render = (source: string, field: string, encoding: Encoding) => {
    checkSecrets(source, field, run);
    return run.render(source, run.where(field), { input, encoding });
  };
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(node.headers ?? {})) {
    headers[name] = await render(value, `/headers/${name}`, "text");
  }
  const request: HttpRequest = {
    method: node.method,
    url: await render(node.url, "/url", "url"),
    headers,
    timeoutMs: node.timeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS,
  };
  if (node.body !== undefined) {
    const json = isJsonBody(node.body, headers);
    request.body = await render(node.body, "/body", json ? "json" : "text");
    if (json && !Object.keys(headers).some((name) => name.toLowerCase() === "content-type")) {
      headers["Content-Type"] = "application/json";
    }
  }
  const effect = { type: "http" as const, id: run.deps.newId(), nodeId: node.id, request };
  run.state.pendingEffect = { id: effect.id, nodeId: node.id };
  return { type: "effect", effect };
}

/**
 * A status listed in `routes` leads there; any other 2xx leads to `next`; both save `responseMapping`
 * first. Other statuses, transport failures and a mapping that fails on the response go to `onError`.
 */
export async function receiveHttpResult(node: HttpNode, result: HttpResult, run: Run): Promise<Outcome> {
  if (!result.ok) return goto("error", node.onError);
  const route = node.routes?.find((candidate) => candidate.status === result.status);
  if (!route && (result.status < 200 || result.status > 299)) return goto("error", node.onError);
  if (!(await applyMapping(node, result, run))) return goto("error", node.onError);
  return route ? goto(`status:${route.status}`, route.next) : goto("next", node.next);
}

async function applyMapping(node: HttpNode, result: Extract<HttpResult, { ok: true }>, run: Run): Promise<boolean> {
  const response = { status: result.status, headers: result.headers, body: result.body };
  const values: [string, unknown][] = [];
  for (const [variable, source] of Object.entries(node.responseMapping ?? {})) {
    const where = run.where(`/responseMapping/${variable}`);
    // A mapping that does not parse is a flow mistake for the operator; one that fails on this
    // response is the API answering something else than expected, which `onError` is for.
    run.compile(source, where);
    try {
      values.push([variable, await run.evaluate(source, where, response)]);
    } catch {
      return false;
    }
  }
  for (const [variable, value] of values) run.setVariable(variable, value);
  return true;
}

/** A body is JSON when its content type says so, or, without one, when it looks like a JSON object or list. */
function isJsonBody(body: string, headers: Record<string, string>): boolean {
  const type = Object.entries(headers).find(([name]) => name.toLowerCase() === "content-type")?.[1];
  if (type !== undefined) return /\bjson\b/i.test(type);
  return /^\s*[[{]/.test(body);
}

/** A secret the flow names but the runtime lacks would silently send an empty token: stop instead. */
function checkSecrets(source: string, field: string, run: Run): void {
  const template = run.flow.expressions.template(source);
  if (!template.ok) return;
  for (const segment of template.segments) {
    if (!("expression" in segment)) continue;
    for (const path of run.flow.expressions.reads(segment.expression)) {
      const [root, name] = path.split(".");
      if (root === "secrets" && name !== undefined && !Object.hasOwn(run.deps.secrets, name)) {
        throw run.failure(
          "EXPRESSION",
          `The secret \`${name}\` used in ${run.where(field)} is not set in the runtime: set RELAIS_SECRET_${name} or add it to the secrets file (RELAIS_SECRETS_FILE).`,
        );
      }
    }
  }
}
