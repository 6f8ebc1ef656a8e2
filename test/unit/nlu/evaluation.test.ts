import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Output } from "../../../runtime/cli/commands.js";
import { nluEvalCommand } from "../../../runtime/cli/nlu-eval.js";
import { fold } from "../../../runtime/engine/text.js";
import { parseLabelledCsv } from "../../../runtime/nlu/labelled-csv.js";
import { shippedFlow } from "./shipped.js";

const EVAL_FILE = fileURLToPath(new URL("../../../flows/triage.eval.csv", import.meta.url));

function collect() {
  const out: string[] = [];
  const err: string[] = [];
  const io: Output = { out: (line) => out.push(line), err: (line) => err.push(line) };
  return { io, out, err };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "relais-nlu-eval-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("the triage flow's labelled set", () => {
  const phrases = parseLabelledCsv(readFileSync(EVAL_FILE, "utf8"), EVAL_FILE);

  it("holds at least 60 phrases per language, out-of-scope lines among them", () => {
    for (const lang of ["fr", "en"]) {
      const own = phrases.filter((phrase) => phrase.lang === lang);
      expect(own.length).toBeGreaterThanOrEqual(60);
      expect(own.filter((phrase) => phrase.intent === "none").length).toBeGreaterThanOrEqual(5);
    }
  });

  it("is written apart from the flow's examples: no phrase is one of them", () => {
    const examples = new Set(
      shippedFlow("triage")
        .nodes.flatMap((node) => (node.type === "intent" ? node.intents : []))
        .flatMap((intent) => Object.values(intent.examples).flat())
        .map(fold),
    );
    expect(phrases.filter((phrase) => examples.has(fold(phrase.text))).map((phrase) => phrase.text)).toEqual([]);
  });

  it("is recognised at 90 % or more in each language by the trained model", async () => {
    const { io, out, err } = collect();
    const code = await nluEvalCommand("triage", EVAL_FILE, { minAccuracy: "0.9" }, io);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const text = out.join("\n");
    expect(text).toMatch(/^ {2}fr: (9\d|100)\.\d %/m);
    expect(text).toMatch(/^ {2}en: (9\d|100)\.\d %/m);
    expect(text).toMatch(/^intent +precision +recall +phrases$/m);
    expect(text).toMatch(/^order_status +\d+\.\d % +\d+\.\d % +\d+$/m);
    expect(text).toMatch(/confusion \(rows: expected, columns: recognised\)/);
  });

  it("exits 1 below --min-accuracy, naming the languages below it", async () => {
    const { io, err } = collect();
    expect(await nluEvalCommand("triage", EVAL_FILE, { minAccuracy: "95", classifier: "overlap" }, io)).toBe(1);
    expect(err.join("\n")).toMatch(/accuracy below 95\.0 % \(fr, en\)/);
  });
});

describe("relais nlu eval, bad input", () => {
  it.each([
    ["a wrong header", "phrase,label\nbonjour,none\n", /:1: the header must be `text,intent,lang`/],
    ["a missing field", "text,intent,lang\nbonjour,none\n", /:2: expected 3 fields/],
    ["an unclosed quote", 'text,intent,lang\n"bonjour,none,fr\n', /:2: a quoted field is not closed/],
    ["a bad language", "text,intent,lang\nbonjour,none,french\n", /:2: `french` is not a language code/],
  ])("names the file and line of %s", async (_name, content, message) => {
    const file = join(dir, "bad.csv");
    await writeFile(file, content);
    const { io, err } = collect();
    expect(await nluEvalCommand("triage", file, {}, io)).toBe(1);
    expect(err.join("\n")).toMatch(message);
    expect(err.join("\n")).toContain(file);
  });

  it("reads quoted fields with commas and quotes", async () => {
    const file = join(dir, "quoted.csv");
    await writeFile(file, 'text,intent,lang\n"bonjour, ""où"" est ma commande",order_status,fr\n');
    const { io, out } = collect();
    expect(await nluEvalCommand("triage", file, {}, io)).toBe(0);
    expect(out.join("\n")).toMatch(/accuracy 100\.0 % on 1 phrases/);
  });

  it("names an unknown flow, intent node, bound or classifier", async () => {
    const cases: [string, Parameters<typeof nluEvalCommand>[2], RegExp][] = [
      ["nope", {}, /no valid flow `nope`/],
      ["triage", { node: "greet" }, /has no intent node `greet`; its intent nodes: ask-intent/],
      ["triage", { minAccuracy: "lots" }, /--min-accuracy must be a share/],
      ["triage", { classifier: "gpt" }, /--classifier must be `nlpjs` or `overlap`/],
    ];
    for (const [flow, options, message] of cases) {
      const { io, err } = collect();
      expect(await nluEvalCommand(flow, EVAL_FILE, options, io)).toBe(1);
      expect(err.join("\n")).toMatch(message);
    }
  });
});
