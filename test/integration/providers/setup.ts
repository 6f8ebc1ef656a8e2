import { copyFileSync, cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Built, build, fixtures } from "../helpers.js";

/** A real app whose drafts are the fixture flows plus `choices` (a menu of three buttons). */
export async function buildWithChoices(env: Record<string, string>): Promise<Built> {
  const dir = mkdtempSync(join(tmpdir(), "relais-channels-"));
  cpSync(join(fixtures, "flows"), join(dir, "flows"), { recursive: true });
  copyFileSync(new URL("./choices.flow.json", import.meta.url), join(dir, "flows", "choices.flow.json"));
  const built = await build(env, { keepDir: dir });
  return {
    ...built,
    close: async () => {
      await built.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
