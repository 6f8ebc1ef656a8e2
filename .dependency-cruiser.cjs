/**
 * The layers of DESIGN.md, checked on every test run (`npm test` runs `npm run layers` first).
 * schema  ← engine (pure) ← runtime shell; the designer sees only the public entry points.
 */
const io = [
  "^(node:)?(fs|fs/promises|net|http|https|http2|dgram|dns|child_process|cluster|worker_threads|tls|os|readline|readline/promises)$",
  "^(better-sqlite3|pg|undici|fastify|fastify-plugin|@fastify/.*|drizzle-orm|drizzle-orm/.*|pino)$",
];

module.exports = {
  forbidden: [
    {
      name: "schema-depends-on-nothing-of-ours",
      comment: "schema/ is the flow format and the API contract; runtime and designer build on it, never the reverse.",
      severity: "error",
      from: { path: "^schema/" },
      to: { path: "^(runtime|designer|test)/" },
    },
    {
      name: "engine-is-pure",
      comment: "The engine does no I/O and knows no shell: effects are data, dependencies are passed in (engineDeps).",
      severity: "error",
      from: { path: "^runtime/engine/" },
      to: { pathNot: "^(runtime/engine/|schema/)", path: ["^runtime/", "^designer/", ...io] },
    },
    {
      name: "engine-no-node-io",
      comment: "The same engine runs in the browser's simulator.",
      severity: "error",
      from: { path: "^runtime/engine/" },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "designer-uses-public-entry-points",
      comment:
        "The designer imports the contract (schema/index.ts, schema/api/index.ts, the generated JSON Schemas) and the pure engine's entry points (runtime/engine/index.ts, its conversation-test runner runtime/testing/index.ts and its language understanding runtime/nlu/index.ts), never the server.",
      severity: "error",
      from: { path: "^designer/" },
      to: {
        path: "^(schema|runtime)/",
        pathNot: [
          "^schema/index\\.ts$",
          "^schema/api/index\\.ts$",
          "^schema/[^/]+\\.schema\\.json$",
          "^runtime/engine/index\\.ts$",
          "^runtime/testing/index\\.ts$",
          "^runtime/nlu/index\\.ts$",
          "^runtime/channels/preview\\.ts$",
        ],
      },
    },
    {
      name: "channel-renderers-are-pure",
      comment: "The designer's channel preview runs the channels' renderers in the browser: they render, never send.",
      severity: "error",
      from: { path: "^runtime/channels/(preview|text-limits|service-window|[a-z]+/(render|segments))\\.ts$" },
      to: {
        path: ["^runtime/", ...io],
        pathNot: [
          "^runtime/engine/",
          "^runtime/channels/(adapter|preview|text-limits|service-window|[a-z]+/(render|segments))\\.ts$",
        ],
      },
    },
    {
      name: "queue-and-worker-apart",
      comment: "The agent desk and the message worker share runtime/conversation/, never each other.",
      severity: "error",
      from: { path: "^runtime/(queue|worker)/" },
      to: { path: "^runtime/(queue|worker)/", pathNot: "^runtime/$1/" },
    },
    {
      name: "conversation-below-queue-and-worker",
      severity: "error",
      from: { path: "^runtime/conversation/" },
      to: { path: "^runtime/(queue|worker|routes|plugins)/" },
    },
    {
      name: "domain-knows-no-http",
      comment:
        "Domain code throws DomainError (runtime/domain-error.ts); plugins/errors.ts alone maps it to an HTTP status. Types (the metrics registry's) may be shared.",
      severity: "error",
      from: { path: "^runtime/(auth|conversation|queue|worker|flows|store|channels|engine)/" },
      to: { path: "^runtime/(plugins|routes)/", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "no-circular",
      comment: "A cycle means two modules are one concept split in two, or one leans on the other's insides.",
      severity: "error",
      from: { path: "^(schema|runtime|designer)/" },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"] },
    exclude: { path: "^(node_modules|dist)/" },
  },
};
