import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { generatedSchemas } from "./json-schemas.js";

/** Writes the JSON Schema files that editors, Monaco and the flow files' `$schema` point at. */
for (const [file, text] of Object.entries(generatedSchemas())) {
  writeFileSync(fileURLToPath(new URL(file, import.meta.url)), text);
  console.log(`wrote schema/${file}`);
}
