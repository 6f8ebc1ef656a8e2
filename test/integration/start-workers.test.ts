import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RUNTIME_NODE_FLAGS } from "../../runtime/node-flags.js";
import { fixtures } from "./helpers.js";
import { dropSchema, freshSchema, POSTGRES_URL, requirePostgres } from "./postgres-server.js";
import { exited, freePort, healthy, launch, serverChildren } from "./processes.js";

const schema = freshSchema("relais_workers");

describe("relais start --workers", () => {
  let dir: string;
  beforeAll(async () => {
    await requirePostgres();
    dir = mkdtempSync(join(tmpdir(), "relais-workers-"));
    cpSync(join(fixtures, "flows"), join(dir, "flows"), { recursive: true });
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await dropSchema(schema);
  });

  it("refuses several processes on SQLite, saying what to set", async () => {
    const { child, output } = launch(["runtime/cli/bin.js", "start", "--workers", "2"], {
      DATA_DIR: join(dir, "sqlite"),
      FLOWS_DIR: join(dir, "flows"),
      DATABASE_URL: "",
      PORT: "0",
    });
    expect(await exited(child)).toBe(2);
    expect(output()).toContain("--workers 2 needs PostgreSQL: set DATABASE_URL");
  });

  // Three processes start and compile the runtime one after the other: on a busy machine that alone
  // can pass the suite's minute.
  it("runs 2 processes on one port with the runtime's Node flags, replaces one killed, and closes them all on SIGTERM", {
    timeout: 10 * 60_000,
  }, async () => {
    const port = await freePort();
    const { child, output } = launch(["runtime/cli/bin.js", "start", "--workers", "2"], {
      DATA_DIR: join(dir, "data"),
      FLOWS_DIR: join(dir, "flows"),
      DATABASE_URL: POSTGRES_URL,
      DATABASE_SCHEMA: schema,
      PORT: String(port),
    });
    try {
      await healthy(port, child, output);
      while (serverChildren(child.pid as number).length < 2) await new Promise((resolve) => setTimeout(resolve, 200));
      for (const worker of serverChildren(child.pid as number)) {
        const commandLine = readFileSync(`/proc/${worker}/cmdline`, "utf8").split("\0");
        expect(commandLine).toEqual(expect.arrayContaining([...RUNTIME_NODE_FLAGS]));
      }
      // A connection the killed worker held is reset: sent again, as a provider does, on a new one.
      const send = async (from: string, messageId: string, text: string): Promise<Response> => {
        for (;;) {
          const answer = await fetch(`http://127.0.0.1:${port}/api/channels/rest/messages`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ flowId: "echo", from, messageId, text }),
          }).catch(() => undefined);
          if (answer) return answer;
        }
      };
      expect((await send("w-1", "w-1-0", "Bonjour")).status).toBe(200);
      const [killed] = serverChildren(child.pid as number);
      process.kill(killed as number, "SIGKILL");
      // The other worker answers meanwhile, and a new one takes the killed one's place.
      const answer = await send("w-1", "w-1-1", "toujours là");
      expect(((await answer.json()) as { replies: { text: string }[] }).replies[0]?.text).toBe("Reçu : toujours là");
      let workers = serverChildren(child.pid as number);
      while (workers.length < 2 || workers.includes(killed as number)) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        workers = serverChildren(child.pid as number);
      }
      expect(output()).toContain(`Relais worker ${killed} stopped (SIGKILL); starting another.`);
      child.kill("SIGTERM");
      expect(await exited(child)).toBe(0);
      expect(serverChildren(child.pid as number)).toEqual([]);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});
