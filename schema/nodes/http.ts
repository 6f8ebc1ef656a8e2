import { type Static, Type } from "@sinclair/typebox";
import { Expression, Label, NodeId, target, VariablePath } from "../common.js";
import { type NodeDefinition, templatesOf, withField, withItemTarget } from "./definition.js";

export const HttpMethod = Type.Union([
  Type.Literal("GET"),
  Type.Literal("POST"),
  Type.Literal("PUT"),
  Type.Literal("PATCH"),
  Type.Literal("DELETE"),
]);

export const StatusRoute = Type.Object(
  {
    status: Type.Integer({ minimum: 100, maximum: 599, description: "An HTTP status code, e.g. 404." }),
    next: target("Where to go when the server answers with this status."),
  },
  { additionalProperties: false },
);

export const DEFAULT_HTTP_TIMEOUT_MS = 5000;

export const HttpNode = Type.Object(
  {
    id: NodeId,
    type: Type.Literal("http"),
    label: Type.Optional(Label),
    method: HttpMethod,
    url: Type.String({
      minLength: 1,
      description:
        "The URL, with `{{ }}` templates whose values are URL-encoded; a template that opens the URL, such as `{{ secrets.CRM_BASE_URL }}`, is its base and goes in as it is.",
    }),
    headers: Type.Optional(
      Type.Record(Type.String({ pattern: "^[A-Za-z0-9-]+$" }), Type.String(), {
        description: "Request headers, with templates, e.g. `Authorization: Bearer {{ secrets.CRM_TOKEN }}`.",
      }),
    ),
    body: Type.Optional(Type.String({ description: "The request body (usually JSON), with `{{ }}` templates." })),
    responseMapping: Type.Optional(
      Type.Record(VariablePath, Expression, {
        description:
          'Variables to set from the response: JSONata over `{ status, headers, body }`, e.g. `{ "customer": "body" }`.',
      }),
    ),
    timeoutMs: Type.Optional(
      Type.Integer({
        minimum: 100,
        maximum: 30000,
        description: "Give up after this many milliseconds. Default 5000.",
      }),
    ),
    routes: Type.Optional(
      Type.Array(StatusRoute, { description: "Where to go on particular statuses, e.g. 404 when nothing is found." }),
    ),
    next: target("Where to go when the server answers 2xx."),
    onError: target("Where to go on any other status, a timeout, a network error or a response that cannot be read."),
  },
  { additionalProperties: false, description: "Calls an HTTP API (a CRM, an order system) and saves what it answers." },
);
export type HttpNode = Static<typeof HttpNode>;

export const http: NodeDefinition<HttpNode> = {
  type: "http",
  schema: HttpNode,
  create: (id) => ({ id, type: "http", method: "GET", url: "https://example.com/api" }),
  transitions: (node) => [
    { handle: "next", target: node.next, label: { fr: "succès", en: "success" }, pointer: "/next", required: true },
    ...(node.routes ?? []).map((route, i) => ({
      handle: `status:${route.status}`,
      target: route.next,
      label: String(route.status),
      pointer: `/routes/${i}/next`,
      required: true,
    })),
    {
      handle: "error",
      target: node.onError,
      label: { fr: "erreur", en: "error" },
      pointer: "/onError",
      required: true,
    },
  ],
  connect: (node, handle, target) => {
    if (handle.startsWith("status:")) return withItemTarget(node, "routes", Number(handle.slice(7)), "next", target);
    return withField(node, handle === "error" ? "onError" : "next", target);
  },
  expressions: (node) => [
    ...templatesOf(node.url, "/url"),
    ...Object.entries(node.headers ?? {}).flatMap(([name, value]) => templatesOf(value, `/headers/${name}`)),
    ...templatesOf(node.body, "/body"),
    ...Object.entries(node.responseMapping ?? {}).map(([variable, source]) => ({
      pointer: `/responseMapping/${variable}`,
      source,
      kind: "expression" as const,
    })),
  ],
  writes: (node) => Object.keys(node.responseMapping ?? {}),
  ui: {
    title: { fr: "Appel HTTP", en: "HTTP request" },
    description: {
      fr: "Interroge un CRM ou un système de commandes.",
      en: "Looks something up in a CRM or an order system.",
    },
    color: "#475569",
    fields: [
      {
        field: "method",
        widget: "select",
        label: { fr: "Méthode", en: "Method" },
        options: ["GET", "POST", "PUT", "PATCH", "DELETE"],
      },
      { field: "url", widget: "template", label: { fr: "Adresse", en: "URL" } },
      { field: "headers", widget: "headers", label: { fr: "En-têtes", en: "Headers" } },
      { field: "body", widget: "template", label: { fr: "Corps", en: "Body" } },
      {
        field: "responseMapping",
        widget: "mapping",
        label: { fr: "Variables à enregistrer", en: "Variables to save" },
      },
      { field: "timeoutMs", widget: "number", label: { fr: "Délai maximal (ms)", en: "Timeout (ms)" } },
      { field: "routes", widget: "statusRoutes", label: { fr: "Par code de réponse", en: "By status code" } },
    ],
  },
};
