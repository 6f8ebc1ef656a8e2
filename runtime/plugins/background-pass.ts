import type { FastifyInstance } from "fastify";

export interface BackgroundPass {
  /** The first pass waits this long after start-up is over. */
  firstMs: number;
  everyMs: number;
  /** One pass; it reports its own failures, since the next pass tries again. */
  run: () => Promise<void>;
  /** Run once more at close, after the pass under way (work the next start should not wait for). */
  atClose?: boolean;
}

/**
 * Runs `pass.run` in the background once the app is ready, one pass at a time, the next one `everyMs`
 * after the last ended, none after close has begun; close waits for the pass under way.
 */
export function runInBackground(app: FastifyInstance, pass: BackgroundPass): void {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let closed = false;
  const schedule = (delay: number) => {
    if (closed) return;
    timer = setTimeout(() => {
      running = pass.run().finally(() => schedule(pass.everyMs));
    }, delay);
    timer.unref();
  };
  app.addHook("onReady", async () => schedule(pass.firstMs));
  app.addHook("preClose", async () => {
    closed = true;
    clearTimeout(timer);
    await running;
    if (pass.atClose) await pass.run();
  });
}
