import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generatedSchemas } from "../../../schema/json-schemas.js";

describe("schema/*.schema.json", () => {
  for (const [file, expected] of Object.entries(generatedSchemas())) {
    it(`${file} matches schema/*.ts`, () => {
      const onDisk = readFileSync(new URL(`../../../schema/${file}`, import.meta.url), "utf8");
      expect(onDisk === expected, `schema/${file} is stale: run \`npm run schema:generate\` and commit it`).toBe(true);
    });
  }

  it("each carries the header saying it is generated", () => {
    for (const text of Object.values(generatedSchemas())) {
      expect(JSON.parse(text).$comment).toContain("npm run schema:generate");
    }
  });
});
