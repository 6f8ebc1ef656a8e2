import type { Flow } from "../../schema/index.js";
import { advance, compileFlow, engineDeps } from "../engine/index.js";
import type { HttpRequest } from "../engine/types.js";

export type RenderedRequest = { ok: true; request: HttpRequest } | { ok: false; message: string };

/**
 * The request an HTTP node of `flow` sends when the conversation holds `variables`, rendered by
 * the engine itself (so templates, URL encoding and the secret check are those of live traffic).
 * The bot is put back at the node as an agent would; the escalation policy is left out so that
 * a value rule met by the sample values cannot hand over before the request is made.
 */
export async function renderNodeRequest(
  flow: Flow,
  nodeId: string,
  variables: Record<string, unknown>,
  secrets: Record<string, string>,
): Promise<RenderedRequest> {
  const node = flow.nodes.find((candidate) => candidate.id === nodeId);
  if (node?.type !== "http") {
    return { ok: false, message: `Flow \`${flow.id}\` has no HTTP node \`${nodeId}\`.` };
  }
  const { escalation: _policy, ...withoutPolicy } = flow;
  const compiled = compileFlow(withoutPolicy);
  const step = await advance(
    compiled,
    {
      stack: [{ flowId: flow.id, nodeId }],
      status: "active",
      language: flow.languages[0] ?? "fr",
      variables: structuredClone(variables),
      attempts: 0,
      failedInputs: 0,
      visits: {},
      firedRules: [],
    },
    { type: "resume", nodeId },
    engineDeps({ flows: new Map([[flow.id, compiled]]), secrets, now: () => new Date(0), newId: () => "request" }),
  );
  if (step.status.type === "effect") return { ok: true, request: step.status.effect.request };
  const error = step.errors[0];
  return { ok: false, message: error?.message ?? `Node \`${nodeId}\` made no request.` };
}

/**
 * `value` with every secret's value written back as `{{ secrets.NAME }}`, in every string it
 * holds: what is shown in the browser never carries a secret, even one the server echoes back.
 */
export function redactSecrets<T>(value: T, secrets: Record<string, string>): T {
  // Longest first, so that a secret containing another is replaced whole.
  // A secret templated into a URL is URL-encoded there: both spellings are hidden.
  const known = Object.entries(secrets)
    .flatMap(([name, secret]) =>
      [...new Set([secret, encodeURIComponent(secret)])].map((form) => [name, form] as const),
    )
    .filter(([, secret]) => secret.length > 0)
    .sort(([, a], [, b]) => b.length - a.length);
  const hide = (text: string) =>
    known.reduce((shown, [name, secret]) => shown.split(secret).join(`{{ secrets.${name} }}`), text);
  const walk = (item: unknown): unknown => {
    if (typeof item === "string") return hide(item);
    if (Array.isArray(item)) return item.map(walk);
    if (typeof item === "object" && item !== null) {
      return Object.fromEntries(Object.entries(item).map(([key, inner]) => [hide(key), walk(inner)]));
    }
    return item;
  };
  return walk(value) as T;
}
