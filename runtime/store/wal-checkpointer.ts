import { Worker } from "node:worker_threads";

/** How often the WAL is copied into the database file. */
const EVERY_MS = 250;
/**
 * The WAL size, in pages, at which a commit checkpoints on the event loop after all: only reached when
 * the checkpointing thread falls far behind or died, so that the WAL never grows without bound.
 */
export const BACKSTOP_PAGES = 20_000;

/**
 * Checkpoints the SQLite database `file` from a worker thread, off the event loop: the connection of the
 * store then leaves automatic checkpoints to the backstop ({@link BACKSTOP_PAGES}). `onFailure` hears of
 * a checkpoint that failed; the next one tries again.
 */
export function startWalCheckpointer(file: string, onFailure: (message: string) => void) {
  const worker = new Worker(new URL("./wal-checkpoint-worker.mjs", import.meta.url), {
    workerData: { file, everyMs: EVERY_MS },
  });
  worker.on("message", (message: { failed?: string }) => {
    if (message.failed) onFailure(message.failed);
  });
  worker.on("error", (error) => onFailure(error.message));
  // A process that is otherwise done does not wait for the thread.
  worker.unref();
  return {
    /** Stops the thread and closes its connection; the store's own close then checkpoints what is left. */
    stop: async () => {
      const gone = new Promise((resolve) => worker.once("exit", resolve));
      // Waited for now: an unreferenced thread left a process with nothing else to do (the CLI closing
      // its store) exiting with code 13, its top-level await never settled.
      worker.ref();
      worker.postMessage("stop");
      await gone;
    },
  };
}
