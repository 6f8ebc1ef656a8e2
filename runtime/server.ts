import { buildApp } from "./app.js";
import { loadConfig } from "./config.js";
import { isUnreachable } from "./store/failure.js";

/** Why the app could not be built, for the operator: the database it could not reach says which one. */
function startFailure(databaseUrl: string | undefined, error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  if (databaseUrl && (isUnreachable(error) || /^(ENOTFOUND|28|3D000)/.test(code ?? ""))) {
    const url = new URL(databaseUrl);
    return `Relais could not start: PostgreSQL at ${url.hostname}:${url.port || "5432"} (database ${url.pathname.slice(1) || "postgres"}) refused or did not answer (${code ? `${code}: ` : ""}${message}). Start PostgreSQL or fix DATABASE_URL.`;
  }
  return `Relais could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
}

/** Listens, and closes gracefully on SIGTERM/SIGINT: in-flight messages finish, then the database closes. */
const config = loadConfig();
const app = await buildApp(config).catch((error: unknown) => {
  console.error(startFailure(config.databaseUrl, error));
  process.exit(1);
});
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
