/**
 * Writes response serializers as source code from a thread of its own (see `response-serializers.ts`):
 * fast-json-stringify, with the Ajv validators that choose between a union's branches inlined, held the
 * event loop for up to 90 ms the first time a route answered (the search results' schema). Plain
 * JavaScript: a worker does not go through the TypeScript loader the main thread runs under.
 */
import { parentPort } from "node:worker_threads";
import fastJsonStringify from "fast-json-stringify";

parentPort?.on("message", ({ id, schema, options }) => {
  try {
    const code = fastJsonStringify(schema, { ...options, mode: "standalone", inlineValidators: true });
    parentPort?.postMessage({ id, code });
  } catch (error) {
    parentPort?.postMessage({ id, failed: error instanceof Error ? error.message : String(error) });
  }
});
