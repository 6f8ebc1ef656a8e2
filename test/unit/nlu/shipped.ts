import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Flow } from "../../../schema/index.js";

/** A shipped flow of `flows/`, as the runtime would publish it. */
export function shippedFlow(id: string): Flow {
  const path = fileURLToPath(new URL(`../../../flows/${id}.flow.json`, import.meta.url));
  return JSON.parse(readFileSync(path, "utf8")) as Flow;
}
