import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Flow, lintFlow, validateFlow } from "../../../../schema/index.js";
import { flowArbitrary } from "../arbitrary-flow.js";

const FILE = "flows/generated.flow.json";

/** The value a JSON pointer names, or undefined when nothing sits there. */
function resolve(document: unknown, pointer: string): unknown {
  if (pointer === "") return document;
  let at: unknown = document;
  for (const raw of pointer.slice(1).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (typeof at !== "object" || at === null) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

const validFlows = flowArbitrary.chain((document) => {
  const validated = validateFlow(document, FILE);
  return validated.ok ? fc.constant(validated.value) : fc.constant(undefined);
});

describe("lintFlow on arbitrary valid flows", () => {
  it("never throws, and every problem is coded and located in the file", () => {
    fc.assert(
      fc.property(validFlows, (flow) => {
        if (!flow) return;
        const flows = new Map<string, Flow>([[flow.id, flow]]);
        for (const problems of [lintFlow(flow, FILE), lintFlow(flow, FILE, { flows })]) {
          for (const problem of problems) {
            expect(problem.code).toMatch(/^lint\/[a-z-]+$/);
            expect(problem.file).toBe(FILE);
            // A missing transition points at the field to fill in, so only its parent must exist.
            const parent = problem.pointer.slice(0, problem.pointer.lastIndexOf("/"));
            expect(resolve(flow, problem.pointer) ?? resolve(flow, parent)).toBeDefined();
            if (problem.nodeId !== undefined) expect(problem.pointer).toMatch(/^\/nodes\/\d+/);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("meets enough valid flows to mean something", () => {
    const valid = fc.sample(validFlows, { numRuns: 300, seed: 7 }).filter((flow) => flow !== undefined);
    expect(valid.length).toBeGreaterThan(50);
  });
});
