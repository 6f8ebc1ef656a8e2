import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scheduleProblems } from "../../../runtime/conversation/queue-settings.js";
import { setUpQueues } from "../../../runtime/conversation/queues.js";
import type { Store } from "../../../runtime/store/db.js";

const schedule = { timezone: "Europe/Paris", holidays: [] };

describe("a queue's opening hours", () => {
  it("refuses a queue with no interval on any day, at /hours", () => {
    expect(scheduleProblems({ ...schedule, hours: {} })).toEqual([
      expect.objectContaining({ pointer: "/hours", message: expect.stringContaining("always open") }),
    ]);
    expect(scheduleProblems({ ...schedule, hours: { mon: [], sun: [] } })).toHaveLength(1);
  });

  it("takes a single opening interval, or round-the-clock hours", () => {
    expect(scheduleProblems({ ...schedule, hours: { sat: [["09:00", "12:00"]] } })).toEqual([]);
    expect(scheduleProblems({ ...schedule, hours: { mon: [["00:00", "24:00"]] } })).toEqual([]);
  });

  it("refuses a queues file with a queue that never opens before writing anything, naming file, queue and field", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "relais-queues-")), "queues.json");
    writeFileSync(file, JSON.stringify([{ id: "night", name: "Nuit", hours: {} }]));
    const untouched = new Proxy({} as Store, {
      get: () => {
        throw new Error("the store was used");
      },
    });
    await expect(setUpQueues(untouched, file)).rejects.toThrow(
      `${file}#/0/hours (queue night): The queue has no opening hours`,
    );
  });
});
