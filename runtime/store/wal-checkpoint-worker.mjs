/**
 * Copies the SQLite WAL into the database file from a thread of its own (see `wal-checkpointer.ts`):
 * a checkpoint reads and writes thousands of pages and flushes the file, which inside a commit on the
 * event loop held every request for tens of milliseconds. Plain JavaScript: a worker does not go
 * through the TypeScript loader the main thread runs under.
 */
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";

const { file, everyMs } = workerData;
const db = new Database(file);
db.pragma("busy_timeout = 5000");
const checkpoint = db.prepare("PRAGMA wal_checkpoint(PASSIVE)");
// PASSIVE never waits for the writer: it copies what is committed and leaves the rest for the next pass.
const timer = setInterval(() => {
  try {
    checkpoint.get();
  } catch (error) {
    parentPort?.postMessage({ failed: error instanceof Error ? error.message : String(error) });
  }
}, everyMs);
parentPort?.on("message", () => {
  clearInterval(timer);
  db.close();
  parentPort?.close();
});
