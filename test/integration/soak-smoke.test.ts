import { describe, expect, it } from "vitest";
import { exited, launch } from "./processes.js";

describe("npm run soak", () => {
  it("runs short, with a SIGKILL and a restart, and finds nothing lost or sent twice", {
    timeout: 10 * 60_000,
  }, async () => {
    const { child, output } = launch(["--import", "tsx", "test/soak/run.ts", "--minutes", "0.3", "--kill-every", "5"], {
      DATABASE_URL: "",
    });
    expect(await exited(child), output()).toBe(0);
    const summary =
      /accepted (\d+), processed exactly once (\d+), lost (\d+), replies sent twice (\d+) \((\d+) SIGKILLs/.exec(
        output(),
      );
    expect(summary, output()).not.toBeNull();
    const [, accepted, once, lost, twice, kills] = (summary as RegExpExecArray).map(Number);
    expect(accepted).toBeGreaterThan(0);
    expect(once).toBe(accepted);
    expect(lost).toBe(0);
    expect(twice).toBe(0);
    expect(kills).toBeGreaterThan(0);
  });
});
