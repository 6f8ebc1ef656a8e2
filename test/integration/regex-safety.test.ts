import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Built, build, fixtures, send } from "./helpers.js";

/** The patterns of the report: a question's `(a+)+`, and the same shape in JSONata's regex functions. */
const redos = {
  schemaVersion: 1,
  id: "redos",
  name: "Motifs",
  languages: ["fr"],
  variables: { answer: { type: "string" }, found: { type: "boolean" }, cleaned: { type: "string" } },
  nodes: [
    { id: "start", type: "start", next: "ask" },
    {
      id: "ask",
      type: "question",
      text: "Votre code ?",
      input: { kind: "pattern", pattern: "(a+)+" },
      saveAs: "answer",
      next: "done",
    },
    { id: "done", type: "end", text: "Code accepté" },
  ],
};
const jsonataRedos = {
  schemaVersion: 1,
  id: "redos-expr",
  name: "Motifs en expression",
  languages: ["fr"],
  variables: { answer: { type: "string" }, found: { type: "boolean" }, cleaned: { type: "string" } },
  nodes: [
    { id: "start", type: "start", next: "ask" },
    { id: "ask", type: "question", text: "Dites", input: { kind: "text" }, saveAs: "answer", next: "check" },
    {
      id: "check",
      type: "set",
      assign: [
        { variable: "found", value: "$contains(answer, /^(a+)+$/)" },
        { variable: "cleaned", value: '$replace(answer, /(a+)+b/, "x") & "|" & $count($split(answer, /(a|aa)+c/))' },
      ],
      next: "say",
    },
    { id: "say", type: "end", text: "{{ found }} {{ cleaned }} {{ $match(answer, /(a+)+!/).match }}" },
  ],
};

describe("patterns from flows run in linear time", () => {
  let built: Built;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "relais-redos-"));
    cpSync(join(fixtures, "flows"), join(dir, "flows"), { recursive: true });
    writeFileSync(join(dir, "flows", "redos.flow.json"), JSON.stringify(redos));
    writeFileSync(join(dir, "flows", "redos-expr.flow.json"), JSON.stringify(jsonataRedos));
    built = await build({}, { keepDir: dir });
  });
  afterAll(async () => {
    await built?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // A pattern is also found as a whole word inside a sentence, so "aaa…a!" would be an answer: a
  // trailing `b` keeps the backtracking shape without one.
  it("answers `(a+)+` against 31 a's and a `b` at once, and /healthz meanwhile", async () => {
    await send(built.app, { flowId: "redos", from: "redos-1", messageId: "m-1", text: "Bonjour" });
    const [answer, health] = await Promise.all([
      send(built.app, { flowId: "redos", from: "redos-1", messageId: "m-2", text: `${"a".repeat(31)}b` }),
      built.app.inject({ method: "GET", url: "/healthz" }),
    ]);
    expect(health.statusCode).toBe(200);
    expect(answer.statusCode).toBe(200);
    expect(answer.json().replies[0].text).toBe("Désolé, votre réponse n'a pas la forme attendue.\nVotre code ?");
    const valid = await send(built.app, { flowId: "redos", from: "redos-1", messageId: "m-3", text: "aaaa" });
    expect(valid.json()).toMatchObject({ status: "closed", replies: [{ text: "Code accepté" }] });
  });

  it("runs JSONata's $match, $replace, $split and $contains with such patterns at once", async () => {
    await send(built.app, { flowId: "redos-expr", from: "redos-2", messageId: "m-1", text: "Bonjour" });
    const [answer, health] = await Promise.all([
      send(built.app, { flowId: "redos-expr", from: "redos-2", messageId: "m-2", text: `${"a".repeat(40)}!` }),
      built.app.inject({ method: "GET", url: "/healthz" }),
    ]);
    expect(health.statusCode).toBe(200);
    expect(answer.json().replies[0].text).toBe(`false ${"a".repeat(40)}!|1 ${"a".repeat(40)}!`);
  });
});
