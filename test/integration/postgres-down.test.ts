import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = new URL("../../", import.meta.url).pathname;

/** A loopback port nothing listens on: taken from the system, then let go. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * A loopback server that takes connections and never says a word, as a stopped PostgreSQL; or, when
 * `hangUp`, closes each at once, as one shutting down or a proxy with nothing behind it.
 */
function silentServer(hangUp = false): Promise<{ port: number; close: () => void }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => (hangUp ? socket.destroy() : sockets.add(socket)));
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      resolve({
        port,
        close: () => {
          for (const socket of sockets) socket.destroy();
          server.close();
        },
      });
    });
  });
}

/** Starts the runtime on `databaseUrl`; its exit code and what it wrote to stderr. */
async function start(databaseUrl: string): Promise<{ code: number | null; stderr: string }> {
  const dir = mkdtempSync(join(tmpdir(), "relais-pg-down-"));
  try {
    const child = spawn(process.execPath, ["--import", "tsx", join(root, "runtime/server.ts")], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: join(dir, "data"), PORT: "0", LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    return { code, stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("PostgreSQL down at start", () => {
  it("exits with 1 and a sentence naming a database that does not answer, instead of waiting on it", async () => {
    const silent = await silentServer();
    try {
      const { code, stderr } = await start(`postgres://127.0.0.1:${silent.port}/relais`);
      expect(code).toBe(1);
      expect(stderr).toContain(`PostgreSQL at 127.0.0.1:${silent.port} (database relais) refused or did not answer`);
      expect(stderr).toContain("did not answer within 5 s");
    } finally {
      silent.close();
    }
  });

  it("exits with 1 and a sentence naming the database it could not reach", async () => {
    const port = await closedPort();
    const { code, stderr } = await start(`postgres://127.0.0.1:${port}/relais`);
    expect(code).toBe(1);
    expect(stderr).toContain(`PostgreSQL at 127.0.0.1:${port} (database relais) refused or did not answer`);
    expect(stderr).toContain("Start PostgreSQL or fix DATABASE_URL.");
  });

  it("exits with 1 and the same sentence when the server hangs up as it connects", async () => {
    const closing = await silentServer(true);
    try {
      const { code, stderr } = await start(`postgres://127.0.0.1:${closing.port}/relais`);
      expect(code).toBe(1);
      expect(stderr).toContain(`PostgreSQL at 127.0.0.1:${closing.port} (database relais) refused or did not answer`);
      expect(stderr).toContain("Start PostgreSQL or fix DATABASE_URL.");
    } finally {
      closing.close();
    }
  });
});
