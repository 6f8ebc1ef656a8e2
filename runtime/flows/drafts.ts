import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  type Flow,
  formatConversationTests,
  formatFlow,
  formatLayout,
  lintFlow,
  migrateFlow,
  type Problem,
  parseJsonFile,
  readDocument,
  validateFlow,
} from "../../schema/index.js";

/** The files in the flows folder are the drafts: what the designer edits and git reviews. */
export interface Draft {
  id: string;
  raw: string;
  /** Null when the file does not parse or validate; `problems` says why. */
  flow: Flow | null;
  layout: unknown;
  tests: unknown;
  problems: Problem[];
}

export const flowFile = (id: string) => `${id}.flow.json`;

export class Drafts {
  constructor(
    private readonly dir: string,
    /** The queues the runtime knows, so the linter reports handoffs to a missing one. */
    readonly queueIds: () => Promise<readonly string[]> = async () => [],
  ) {}

  async ids(): Promise<string[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    return names
      .filter((name) => name.endsWith(".flow.json"))
      .map((name) => name.slice(0, -".flow.json".length))
      .sort();
  }

  async read(id: string, others?: ReadonlyMap<string, Flow>): Promise<Draft | undefined> {
    const raw = await readFile(join(this.dir, flowFile(id)), "utf8").catch(() => undefined);
    if (raw === undefined) return undefined;
    const checked = checkFlowText(raw, flowFile(id), others, await this.queueIds());
    return {
      id,
      raw,
      flow: checked.flow,
      problems: checked.problems,
      layout: await this.readJson(`${id}.layout.json`),
      tests: await this.readJson(`${id}.test.json`),
    };
  }

  /** Every draft that validates, by id: what a `jump` may reach, for the linter. */
  async validFlows(): Promise<Map<string, Flow>> {
    const flows = new Map<string, Flow>();
    for (const id of await this.ids()) {
      const raw = await readFile(join(this.dir, flowFile(id)), "utf8");
      const parsed = parseAndValidate(raw, flowFile(id));
      if (parsed.flow) flows.set(id, parsed.flow);
    }
    return flows;
  }

  async writeFlow(flow: Flow): Promise<void> {
    await writeFile(join(this.dir, flowFile(flow.id)), formatFlow(flow));
  }

  async writeLayout(id: string, layout: unknown): Promise<void> {
    await writeFile(join(this.dir, `${id}.layout.json`), formatLayout(withSchema(layout, "layout.schema.json")));
  }

  async writeTests(id: string, tests: unknown): Promise<void> {
    await writeFile(
      join(this.dir, `${id}.test.json`),
      formatConversationTests(withSchema(tests, "conversation-test.schema.json")),
    );
  }

  async remove(id: string): Promise<void> {
    for (const name of [flowFile(id), `${id}.layout.json`, `${id}.test.json`]) {
      await rm(join(this.dir, name), { force: true });
    }
  }

  private async readJson(name: string): Promise<unknown> {
    const text = await readFile(join(this.dir, name), "utf8").catch(() => undefined);
    if (text === undefined) return null;
    const parsed = parseJsonFile(text, name);
    return parsed.ok ? parsed.value : null;
  }
}

function parseAndValidate(raw: string, file: string): { flow: Flow | null; problems: Problem[] } {
  const read = readDocument("flow", raw, file);
  return { flow: read.value ?? null, problems: read.problems };
}

/** Parse, migrate, validate, then lint: every problem a flow file has, in that order. */
export function checkFlowText(
  raw: string,
  file: string,
  others?: ReadonlyMap<string, Flow>,
  queues?: readonly string[],
): { flow: Flow | null; problems: Problem[] } {
  const checked = parseAndValidate(raw, file);
  if (!checked.flow) return checked;
  return { flow: checked.flow, problems: lintFlow(checked.flow, file, { flows: others, queues }) };
}

/** Schema and lint problems of a flow value (a save or a publish from the designer). */
export function checkFlowValue(
  value: unknown,
  file: string,
  others?: ReadonlyMap<string, Flow>,
  queues?: readonly string[],
): { flow: Flow | null; problems: Problem[] } {
  const migrated = migrateFlow(value, file);
  if (!migrated.ok) return { flow: null, problems: migrated.problems };
  const validated = validateFlow(migrated.value, file);
  if (!validated.ok) return { flow: null, problems: validated.problems };
  return { flow: validated.value, problems: lintFlow(validated.value, file, { flows: others, queues }) };
}

/** A file's content pointing at its JSON Schema, so editors check it: a file first written by the designer too. */
function withSchema(content: unknown, schemaFile: string): unknown {
  if (typeof content !== "object" || content === null || Array.isArray(content) || "$schema" in content) return content;
  return { $schema: `../schema/${schemaFile}`, ...content };
}
