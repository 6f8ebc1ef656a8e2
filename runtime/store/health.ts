import { isUnreachable } from "./failure.js";

/** What a refused request tells its sender: try again in this many seconds. */
export const RETRY_AFTER_SECONDS = 5;
/** How often a database out of reach is asked again. */
const PROBE_MS = 1000;

/**
 * Whether the database answers, as requests and the worker last found it. A failure saying it is out
 * of reach marks it down: requests are refused at once (503) instead of each waiting to fail, and a
 * probe asks the database every second; once it answers, what waited for it (messages accepted but
 * not processed, replies not sent) is taken up again.
 */
export class DatabaseHealth {
  private probing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private watchTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly recovery: (() => Promise<unknown>)[] = [];

  constructor(
    private readonly ping: () => Promise<void>,
    private readonly report: (event: "lost" | "back" | "recovery failed", error?: unknown) => void,
  ) {}

  /**
   * Also pings every `everyMs` while the database is thought up. A server that stops answering fails
   * nothing by itself, it only leaves each request waiting; the ping's own deadline notices it.
   */
  watch(everyMs: number): void {
    const tick = async () => {
      if (this.stopped) return;
      if (!this.down) {
        try {
          await this.ping();
        } catch (error) {
          this.failed(error);
        }
      }
      this.watchTimer = setTimeout(tick, everyMs).unref();
    };
    this.watchTimer = setTimeout(tick, everyMs).unref();
  }

  get down(): boolean {
    return this.probing !== undefined;
  }

  /** Work to run each time the database answers again. */
  onRecovered(work: () => Promise<unknown>): void {
    this.recovery.push(work);
  }

  /** Looks at a failure: true when it says the database is out of reach (it is then marked down). */
  failed(error: unknown): boolean {
    if (!isUnreachable(error)) return false;
    if (!this.probing && !this.stopped) {
      this.report("lost", error);
      this.probing = this.probe();
    }
    return true;
  }

  /** Stops probing, at shutdown. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    clearTimeout(this.watchTimer);
  }

  private async probe(): Promise<void> {
    for (;;) {
      await new Promise<void>((resolve) => {
        this.timer = setTimeout(resolve, PROBE_MS);
        this.timer.unref();
      });
      if (this.stopped) return;
      try {
        await this.ping();
        break;
      } catch {
        // Still out of reach: ask again.
      }
    }
    this.probing = undefined;
    this.report("back");
    for (const work of this.recovery) {
      try {
        await work();
      } catch (error) {
        if (!this.failed(error)) this.report("recovery failed", error);
      }
    }
  }
}
