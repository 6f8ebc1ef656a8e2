// Node-RED for the HTTP bench: no editor, no admin API, no file context, little logging; what the
// bench compares is the flow in flows.json answering on its HTTP endpoints.
module.exports = {
  uiPort: Number(process.env.PORT),
  uiHost: "127.0.0.1",
  httpAdminRoot: false,
  httpNodeRoot: "/",
  flowFile: "flows.json",
  userDir: process.env.NODE_RED_USER_DIR,
  credentialSecret: false,
  logging: { console: { level: "warn", metrics: false, audit: false } },
  contextStorage: { default: { module: "memory" } },
  functionExternalModules: false,
  editorTheme: { tours: false },
};
