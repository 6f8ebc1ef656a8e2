import { describe, expect, it } from "vitest";
import { Mutex } from "../../../runtime/store/mutex.js";

/** Work that records when it starts and ends, and lets the others in between wait a few microtasks. */
function recorder() {
  const events: string[] = [];
  const work =
    (name: string, fails = false) =>
    async () => {
      events.push(`${name} starts`);
      await Promise.resolve();
      await Promise.resolve();
      events.push(`${name} ends`);
      if (fails) throw new Error(`${name} failed`);
      return name;
    };
  return { events, work };
}

describe("the store's mutex", () => {
  it("runs work one at a time, in the order asked, and a failure lets the next go on", async () => {
    const mutex = new Mutex();
    const { events, work } = recorder();
    const results = await Promise.allSettled([mutex.run(work("a")), mutex.run(work("b", true)), mutex.run(work("c"))]);
    expect(events).toEqual(["a starts", "a ends", "b starts", "b ends", "c starts", "c ends"]);
    expect(results.map((result) => result.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
  });

  it("runs work asked ahead before the work waiting, after the work running, in its own order", async () => {
    const mutex = new Mutex();
    const { events, work } = recorder();
    await Promise.all([
      mutex.run(work("message 1")),
      mutex.run(work("message 2")),
      mutex.run(work("search 1"), true),
      mutex.run(work("message 3")),
      mutex.run(work("search 2"), true),
    ]);
    expect(events.filter((event) => event.endsWith("starts"))).toEqual([
      "message 1 starts",
      "search 1 starts",
      "search 2 starts",
      "message 2 starts",
      "message 3 starts",
    ]);
  });

  it("starts work after the caller's synchronous code, and takes work that throws before its promise", async () => {
    const mutex = new Mutex();
    let started = false;
    const running = mutex.run(async () => {
      started = true;
    });
    expect(started).toBe(false);
    await running;
    expect(started).toBe(true);
    const thrown = mutex.run(() => {
      throw new Error("at once");
    });
    await expect(thrown).rejects.toThrow("at once");
    await expect(mutex.run(async () => "after")).resolves.toBe("after");
  });
});
