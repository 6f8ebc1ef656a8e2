import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { ADMIN, fixtures } from "./helpers.js";

const root = new URL("../../", import.meta.url).pathname;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function startRuntime(dir: string, port: number): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", join(root, "runtime/server.ts")], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: join(dir, "data"),
      FLOWS_DIR: join(dir, "flows"),
      DESIGNER_DIR: join(dir, "no-designer"),
      RELAIS_ADMIN_EMAIL: ADMIN.email,
      RELAIS_ADMIN_PASSWORD: ADMIN.password,
      RELAIS_QUEUES_FILE: join(fixtures, "queues.json"),
      LOG_LEVEL: "warn",
    },
    stdio: "ignore",
  });
}

async function waitUntilUp(base: string) {
  for (;;) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("a runtime killed with SIGKILL mid-traffic", () => {
  const dir = mkdtempSync(join(tmpdir(), "relais-crash-"));
  cpSync(join(fixtures, "flows"), join(dir, "flows"), { recursive: true });
  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  });

  it("loses no accepted message and answers none twice after a restart", async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    child = startRuntime(dir, port);
    await waitUntilUp(base);
    const conversations = 30;
    const perConversation = 8;
    const answers = new Map<string, string[]>();
    let accepted = 0;
    let killed = false;
    const killAt = Math.floor((conversations * perConversation) / 3);

    /** A provider: sends each message until it gets an answer, retrying the same messageId. */
    async function deliver(from: string, messageId: string, text: string) {
      for (;;) {
        try {
          const response = await fetch(`${base}/api/channels/rest/messages`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ flowId: "echo", from, messageId, text }),
          });
          if (response.status === 200) {
            const body = await response.text();
            answers.set(messageId, [...(answers.get(messageId) ?? []), body]);
            accepted++;
            if (accepted === killAt && !killed) {
              killed = true;
              child?.kill("SIGKILL");
              await new Promise((resolve) => child?.once("exit", resolve));
              child = startRuntime(dir, port);
            }
            return;
          }
        } catch {
          // the runtime is down or restarting
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }

    await Promise.all(
      Array.from({ length: conversations }, async (_, c) => {
        for (let m = 0; m < perConversation; m++) await deliver(`crash-${c}`, `crash-${c}-${m}`, `c${c} m${m}`);
      }),
    );
    expect(killed).toBe(true);
    // Messages the killed process had accepted but not answered were retried; ask each id once more.
    for (let c = 0; c < conversations; c++) {
      for (let m = 0; m < perConversation; m++) await deliver(`crash-${c}`, `crash-${c}-${m}`, `c${c} m${m}`);
    }
    for (const [id, bodies] of answers) expect(new Set(bodies).size, `answers for ${id}`).toBe(1);
    child.kill("SIGTERM");
    await new Promise((resolve) => child?.once("exit", resolve));

    const db = new Database(join(dir, "data", "relais.sqlite"), { readonly: true });
    try {
      const pending = db.prepare("select count(*) as n from inbox where processed_at is null").get() as { n: number };
      expect(pending.n).toBe(0);
      for (let c = 0; c < conversations; c++) {
        const rows = db
          .prepare(
            `select m.role, m.text from messages m join conversations v on v.id = m.conversation_id
             where v.address = ? order by m.id`,
          )
          .all(`crash-${c}`) as { role: string; text: string }[];
        const expected = Array.from({ length: perConversation }, (_, m) => `c${c} m${m}`);
        expect(rows.filter((r) => r.role === "customer").map((r) => r.text)).toEqual(expected);
        expect(rows.filter((r) => r.text.startsWith("Reçu")).map((r) => r.text)).toEqual(
          expected.slice(1).map((text) => `Reçu : ${text}`),
        );
        const outbox = db
          .prepare(
            "select count(*) as n from outbox o join conversations v on v.id = o.conversation_id where v.address = ?",
          )
          .get(`crash-${c}`) as { n: number };
        // Replies went back in each message's answer, kept by its inbox row: no outbox row repeats them.
        expect(outbox.n).toBe(0);
      }
    } finally {
      db.close();
    }
  });
});
