import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fileKind, formatByKind, formatFlow, type Problem, validateFlow } from "../../../schema/index.js";
import { flowArbitrary, random, shuffleKeys } from "./arbitrary-flow.js";

const FILE = "flows/generated.flow.json";

const withSeed = fc.tuple(flowArbitrary, fc.integer());

/** Problems compared regardless of order: ajv lists unknown fields in the order the keys come in. */
const sorted = (problems: Problem[]) => problems.map((problem) => JSON.stringify(problem)).sort();

describe("formatFlow", () => {
  it("is idempotent", () => {
    fc.assert(
      fc.property(flowArbitrary, (flow) => {
        const once = formatFlow(flow);
        expect(formatFlow(JSON.parse(once))).toBe(once);
      }),
    );
  });

  it("does not depend on the order of keys", () => {
    fc.assert(
      fc.property(withSeed, ([flow, seed]) => {
        expect(formatFlow(shuffleKeys(flow, random(seed)))).toBe(formatFlow(flow));
      }),
    );
  });

  it("does not change what validateFlow says", () => {
    fc.assert(
      fc.property(withSeed, ([flow, seed]) => {
        const shuffled = shuffleKeys(flow, random(seed));
        const before = validateFlow(shuffled, FILE);
        const after = validateFlow(JSON.parse(formatFlow(shuffled)), FILE);
        expect(after.ok).toBe(before.ok);
        expect(sorted(after.problems)).toEqual(sorted(before.problems));
      }),
    );
  });

  it("meets both valid and invalid flows in its inputs", () => {
    const verdicts = fc.sample(flowArbitrary, { numRuns: 200, seed: 42 }).map((flow) => validateFlow(flow, FILE).ok);
    expect(verdicts).toContain(true);
    expect(verdicts).toContain(false);
  });

  it("puts id and type first, map keys in alphabetical order, and ends with a newline", () => {
    const text = formatFlow({
      nodes: [{ next: "bye", type: "start", id: "start" }],
      variables: { zeta: { type: "string" }, alpha: { type: "number" } },
      languages: ["fr"],
      name: "Test",
      id: "test",
      schemaVersion: 1,
    });
    expect(text).toBe(
      `${JSON.stringify(
        {
          schemaVersion: 1,
          id: "test",
          name: "Test",
          languages: ["fr"],
          variables: { alpha: { type: "number" }, zeta: { type: "string" } },
          nodes: [{ id: "start", type: "start", next: "bye" }],
        },
        null,
        2,
      )}\n`,
    );
  });
});

describe("the files in flows/", () => {
  const directory = new URL("../../../flows/", import.meta.url);
  const files = readdirSync(directory).filter((name) => fileKind(name) !== undefined);

  it("include flows", () => {
    expect(files.filter((name) => fileKind(name) === "flow")).not.toEqual([]);
  });

  it.each(files)("%s is in canonical form", (name) => {
    const kind = fileKind(name);
    if (!kind) throw new Error(`${name} has no kind`);
    const text = readFileSync(new URL(name, directory), "utf8");
    expect(text, `run \`npm run relais -- fmt\` to rewrite flows/${name}`).toBe(formatByKind[kind](JSON.parse(text)));
  });
});
