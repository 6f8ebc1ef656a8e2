import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  fmtCommand,
  lintCommand,
  type Output,
  parseChannels,
  testCommand,
  validateCommand,
} from "../../../runtime/cli/commands.js";

let dir: string;

function collect() {
  const lines: string[] = [];
  const io: Output = { out: (line) => lines.push(line), err: (line) => lines.push(line) };
  return { io, text: () => lines.join("\n") };
}

const minimal = (nodes: unknown[], extra: Record<string, unknown> = {}) => ({
  $schema: "../schema/flow.schema.json",
  schemaVersion: 1,
  id: "demo",
  name: "Démo",
  languages: ["fr"],
  ...extra,
  nodes,
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "relais-cli-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("relais validate", () => {
  it("passes the shipped flows", async () => {
    const { io, text } = collect();
    expect(await validateCommand([], io)).toBe(0);
    expect(text()).toMatch(/9 files checked, 0 invalid/);
  });

  it("names the line and column of malformed JSON", async () => {
    const file = join(dir, "demo.flow.json");
    await writeFile(file, '{\n  "id": "demo",\n  "name": "x",,\n}\n');
    const { io, text } = collect();
    expect(await validateCommand([file], io)).toBe(1);
    expect(text()).toMatch(/demo\.flow\.json:3:\d+ \/ error json\/syntax: This is not valid JSON/);
  });

  it("lists every schema error with the node id, the pointer and the line", async () => {
    const file = join(dir, "demo.flow.json");
    const flow = minimal([
      { id: "start", type: "start", next: "ask" },
      { id: "ask", type: "question", text: "Votre e-mail ?", input: { kind: "email" } },
      { id: "bye", type: "carousel" },
    ]);
    await writeFile(file, JSON.stringify(flow, null, 2));
    const { io, text } = collect();
    expect(await validateCommand([file], io)).toBe(1);
    const output = text();
    expect(output).toMatch(
      /demo\.flow\.json:\d+:\d+ node `ask` \/nodes\/1\/saveAs error schema\/required: Node `ask` is missing `saveAs`\./,
    );
    expect(output).toMatch(
      /node `bye` \/nodes\/2 error schema\/discriminator: Node `bye` has an unknown type "carousel"\. Known types: start, message/,
    );
  });

  it("refuses a file whose name does not match its flow id", async () => {
    const file = join(dir, "other.flow.json");
    await writeFile(file, JSON.stringify(minimal([{ id: "start", type: "start" }])));
    const { io, text } = collect();
    expect(await validateCommand([file], io)).toBe(1);
    expect(text()).toMatch(/name it demo\.flow\.json/);
  });
});

describe("relais lint", () => {
  it("reports an expression that does not parse at its field", async () => {
    const file = join(dir, "demo.flow.json");
    const flow = minimal([
      { id: "start", type: "start", next: "check" },
      { id: "check", type: "condition", rules: [{ id: "big", when: "total >= ", next: "bye" }], else: "bye" },
      { id: "bye", type: "end" },
    ]);
    await writeFile(file, JSON.stringify(flow, null, 2));
    const { io, text } = collect();
    expect(await lintCommand([file], io)).toBe(1);
    expect(text()).toMatch(/node `check` \/nodes\/1\/rules\/0\/when error lint\/expression-syntax/);
  });

  it("checks every channel's limits offline and says so, or those of --channels only", async () => {
    const file = join(dir, "demo.flow.json");
    const flow = minimal([
      { id: "start", type: "start", next: "menu" },
      {
        id: "menu",
        type: "message",
        text: "Quel sujet ?",
        choices: [{ id: "order", label: "Suivre ma commande en cours", next: "bye" }],
      },
      { id: "bye", type: "end" },
    ]);
    await writeFile(file, JSON.stringify(flow, null, 2));
    const every = collect();
    expect(await lintCommand([file], every.io)).toBe(0);
    expect(every.text()).toContain(
      "Channel limits checked for every channel (whatsapp, messenger, sms, webchat, rest)",
    );
    expect(every.text()).toContain("lint/whatsapp-buttons");
    const some = collect();
    expect(await lintCommand([file], some.io, parseChannels("webchat, sms"))).toBe(0);
    expect(some.text()).toContain("Channel limits checked for: webchat, sms.");
    expect(some.text()).not.toContain("lint/whatsapp-buttons");
    expect(() => parseChannels("whatsapp,telegram")).toThrow(/unknown channel telegram; use some of whatsapp/);
  });

  it("passes the shipped flows without errors", async () => {
    const { io, text } = collect();
    expect(await lintCommand([], io)).toBe(0);
    expect(text()).toMatch(/^0 errors, \d+ warnings?\.$/m);
  });
});

describe("relais fmt", () => {
  it("lists a file that is not canonical with --check, then rewrites it", async () => {
    const file = join(dir, "demo.flow.json");
    const flow = minimal([
      { type: "start", next: "bye", id: "start" },
      { type: "end", id: "bye" },
    ]);
    await writeFile(file, JSON.stringify(flow));
    const check = collect();
    expect(await fmtCommand([file], true, check.io)).toBe(1);
    expect(check.text()).toMatch(/demo\.flow\.json is not in canonical form; run `relais fmt`/);
    expect(await fmtCommand([file], false, collect().io)).toBe(0);
    const written = await readFile(file, "utf8");
    expect(written).toBe(`${JSON.stringify(JSON.parse(written), null, 2)}\n`);
    expect(written.indexOf('"id": "start"')).toBeLessThan(written.indexOf('"type": "start"'));
    expect(await fmtCommand([file], true, collect().io)).toBe(0);
  });

  it("leaves the shipped files as they are", async () => {
    expect(await fmtCommand([], true, collect().io)).toBe(0);
  });
});

describe("relais test", () => {
  it("runs the shipped flows' conversation tests and every node is visited", async () => {
    const { io, text } = collect();
    expect(await testCommand([], io)).toBe(0);
    expect(text()).not.toMatch(/Nodes no test visits/);
    expect(text()).toMatch(/^\d+ passed, 0 failed$/m);
  });

  it("explains a failing step, a missing fixture and a loop that never waits", async () => {
    const flow = minimal([
      { id: "start", type: "start", next: "ask" },
      {
        id: "ask",
        type: "question",
        text: "Votre e-mail ?",
        input: { kind: "email" },
        saveAs: "email",
        next: "lookup",
      },
      {
        id: "lookup",
        type: "http",
        method: "GET",
        url: "https://crm.test/customers?email={{ email }}",
        next: "spin",
        onError: "spin",
      },
      { id: "spin", type: "set", assign: [{ variable: "n", value: "1" }], next: "spin" },
    ]);
    await writeFile(join(dir, "demo.flow.json"), JSON.stringify(flow, null, 2));
    const tests = {
      flow: "demo",
      tests: [
        { name: "wrong text", steps: [{ kind: "bot", text: "Votre téléphone" }] },
        { name: "no fixture", steps: [{ kind: "user", text: "a@b.fr" }] },
        {
          name: "loop",
          http: [{ url: "https://crm.test/*", body: {} }],
          steps: [{ kind: "user", text: "a@b.fr" }, { kind: "end" }],
        },
      ],
    };
    await writeFile(join(dir, "demo.test.json"), JSON.stringify(tests, null, 2));
    const { io, text } = collect();
    expect(await testCommand([join(dir, "demo.test.json")], io)).toBe(1);
    const output = text();
    expect(output).toMatch(
      /✗ wrong text\n\s+step 1 \(bot\): expected the bot to say "Votre téléphone"; it said:\n\s+- "Votre e-mail \?"/,
    );
    expect(output).toMatch(
      /node `lookup` called GET https:\/\/crm\.test\/customers\?email=a%40b\.fr and no fixture answers it/,
    );
    expect(output).toMatch(/engine error STEP_LIMIT at `demo\/spin`/);
    expect(output).toMatch(/^0 passed, 3 failed$/m);
  });
});
