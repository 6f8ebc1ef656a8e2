import { buildApp } from "./app.js";
import { loadConfig } from "./config.js";

/** Listens, and closes gracefully on SIGTERM/SIGINT: in-flight messages finish, then the database closes. */
const config = loadConfig();
const app = await buildApp(config);
let closing = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, "shutting down");
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  });
}
try {
  await app.listen({ port: config.port, host: config.host });
} catch (error) {
  app.log.error({ err: error }, "could not start");
  process.exit(1);
}
