import type { FastifyBaseLogger } from "fastify";
import { describe, expect, it } from "vitest";
import { FULL_LOG_EVERY_MS, fullDiskReporter } from "../../../runtime/plugins/full-disk.js";

const full = Object.assign(new Error("database or disk is full"), { code: "SQLITE_FULL" });
const busy = Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" });

function reporter() {
  const said: { fields: Record<string, unknown>; message: string }[] = [];
  const log = { error: (fields: Record<string, unknown>, message: string) => said.push({ fields, message }) };
  let clock = 1_000_000;
  const report = fullDiskReporter(log as unknown as FastifyBaseLogger, () => clock);
  return { said, report, pass: (ms: number) => (clock += ms) };
}

describe("a full database, told once a minute", () => {
  it("says the first refusal at once, then counts the others until a minute has passed", () => {
    const { said, report, pass } = reporter();
    expect(report(full, "requests")).toBe(true);
    expect(said).toHaveLength(1);
    expect(said[0]?.fields.refused).toEqual({ requests: 1 });
    for (let n = 0; n < 30; n++) {
      pass(1_000);
      report(full, n % 2 === 0 ? "analytics fold" : "search index catch-up");
    }
    report(full, "requests");
    expect(said).toHaveLength(1);
    pass(FULL_LOG_EVERY_MS - 30_000);
    report(full, "outbox round");
    expect(said).toHaveLength(2);
    expect(said[1]?.fields.refused).toEqual({
      "analytics fold": 15,
      "search index catch-up": 15,
      requests: 1,
      "outbox round": 1,
    });
    expect(said[1]?.message).toMatch(/no room left to write/);
  });

  it("leaves any other failure to its caller, unsaid and uncounted", () => {
    const { said, report, pass } = reporter();
    expect(report(busy, "requests")).toBe(false);
    expect(report(new Error("boom"), "outbox round")).toBe(false);
    expect(said).toHaveLength(0);
    report(full, "requests");
    pass(FULL_LOG_EVERY_MS);
    report(full, "requests");
    expect(said.map((entry) => entry.fields.refused)).toEqual([{ requests: 1 }, { requests: 1 }]);
  });
});
