import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Drafts } from "../../../runtime/flows/drafts.js";

const shipped = resolve(import.meta.dirname, "../../../flows");

describe("draft checks kept between reads", () => {
  let dir: string;
  let drafts: Drafts;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "relais-drafts-"));
    cpSync(shipped, dir, { recursive: true });
    drafts = new Drafts(dir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const codes = async (id: string) =>
    (await drafts.read(id, await drafts.validFlows()))?.problems.map((problem) => problem.code) ?? [];

  it("checks a file again when its text changes on disk", async () => {
    expect(await codes("order-status")).not.toContain("lint/jump-to-self");
    const file = join(dir, "order-status.flow.json");
    writeFileSync(file, readFileSync(file, "utf8").replace('"flow": "identify-customer"', '"flow": "order-status"'));
    expect(await codes("order-status")).toContain("lint/jump-to-self");
  });

  it("lints a flow again when a flow it jumps to goes away, though its own text is the same", async () => {
    expect(await codes("order-status")).not.toContain("lint/jump-missing-flow");
    rmSync(join(dir, "identify-customer.flow.json"));
    expect(await codes("order-status")).toContain("lint/jump-missing-flow");
  });

  it("lints against the flows it is given when they are not a set it read itself", async () => {
    expect(await codes("order-status")).not.toContain("lint/jump-missing-flow");
    const problems = (await drafts.read("order-status", new Map()))?.problems.map((problem) => problem.code);
    expect(problems).toContain("lint/jump-missing-flow");
  });
});
