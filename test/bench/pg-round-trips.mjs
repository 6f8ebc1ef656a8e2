// Preloaded into each server process of the PostgreSQL bench (NODE_OPTIONS=--import): counts the
// statements sent to PostgreSQL (each a round trip, `pg`'s Client.query) and keeps the count in a file
// of its own under PG_ROUND_TRIPS_DIR, so the bench can divide the count by the messages answered.
// The file is named after the process and the thread: a preload also runs in each thread of the process
// (tsx's loader, workers), and a thread that sends nothing would otherwise overwrite the main one's count.
import { renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { threadId } from "node:worker_threads";
import pg from "pg";

const dir = process.env.PG_ROUND_TRIPS_DIR;
if (dir) {
  let count = 0;
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function counted(...args) {
    count++;
    return query.apply(this, args);
  };
  const file = join(dir, `${process.pid}-${threadId}`);
  // Written aside and renamed over the file: the bench reads the files while they are rewritten, and a
  // file read between its truncation and its write counted as 0 (a round's statements came out negative).
  const save = () => {
    writeFileSync(`${file}.tmp`, String(count));
    renameSync(`${file}.tmp`, file);
  };
  setInterval(save, 200).unref();
  process.on("exit", save);
}
