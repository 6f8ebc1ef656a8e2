import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { DraftRevision } from "../../schema/api/flows.js";
import {
  type Channel,
  type Flow,
  formatConversationTests,
  formatFlow,
  formatLayout,
  type LintOptions,
  lintFlow,
  migrateFlow,
  type Problem,
  parseJsonFile,
  publishedOn,
  readDocument,
  validateFlow,
} from "../../schema/index.js";
import { Mutex } from "../store/mutex.js";

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

/**
 * Which state of a draft an editor started from. `id` is a hash of the flow and layout files as they
 * are on disk, so an edit made outside the designer (git, a text editor) also makes it stale.
 */
export type { DraftRevision };

export type SaveResult = { saved: DraftRevision } | { conflict: DraftRevision };

export const flowFile = (id: string) => `${id}.flow.json`;

/**
 * Who saved each draft lives beside the drafts, in a folder that ignores itself in git (as
 * `.pytest_cache` does), so the flow files stay what developers review and the record is shared by
 * every process that shares the flows folder.
 */
const RECORDS = ".relais";

export class Drafts {
  /** Saves take turns, so two saves from the same revision cannot both pass the revision check. */
  private readonly turns = new Mutex();
  /**
   * What each file's text gave when last checked: opening a flow reads every flow (for the jumps it may
   * reach), and validating and linting a 1,000-node file again each time took most of a second.
   */
  private readonly checks = new Map<string, FileCheck>();
  /** A key for the content of each set of flows `validFlows` returned, so lint results can be kept per set. */
  private readonly flowSetKeys = new WeakMap<ReadonlyMap<string, Flow>, string>();

  constructor(
    private readonly dir: string,
    /** The queues the runtime knows, so the linter reports handoffs to a missing one. */
    readonly queueIds: () => Promise<readonly string[]> = async () => [],
    /** The flow each provider channel starts, so channel limits are checked where they apply; unknown, every channel's are. */
    private readonly starts: () => Partial<Record<Channel, string>> | undefined = () => undefined,
  ) {}

  /** The channels flow `id` is published on, given every flow by id; undefined while the channels are not known. */
  channelsOf(id: string, flows: ReadonlyMap<string, Flow>): Channel[] | undefined {
    const starts = this.starts();
    return starts && publishedOn(id, starts, flows);
  }

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
    const channels = others && this.channelsOf(id, others);
    const checked = this.check(raw, flowFile(id), { flows: others, queues: await this.queueIds(), channels });
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
    const hashes: string[] = [];
    for (const id of await this.ids()) {
      const raw = await readFile(join(this.dir, flowFile(id)), "utf8");
      const parsed = this.parsed(raw, flowFile(id));
      if (parsed.flow) {
        flows.set(id, parsed.flow);
        hashes.push(`${id}:${parsed.hash}`);
      }
    }
    this.flowSetKeys.set(flows, hashes.join(","));
    return flows;
  }

  /** `checkFlowText`, answered from the last check of the same text against the same flows and queues. */
  private check(raw: string, file: string, options: LintOptions): { flow: Flow | null; problems: Problem[] } {
    const parsed = this.parsed(raw, file);
    if (!parsed.flow) return parsed;
    const othersKey = options.flows ? this.flowSetKeys.get(options.flows) : "";
    if (othersKey === undefined) return checkFlowText(raw, file, options);
    const lintKey = `${othersKey}|${options.queues?.join(",")}|${options.channels?.join(",") ?? "*"}`;
    if (parsed.lint?.key !== lintKey) parsed.lint = { key: lintKey, problems: lintFlow(parsed.flow, file, options) };
    return { flow: parsed.flow, problems: parsed.lint.problems };
  }

  private parsed(raw: string, file: string): FileCheck {
    const hash = createHash("sha256").update(raw).digest("hex");
    const known = this.checks.get(file);
    if (known?.hash === hash) return known;
    const parsed: FileCheck = { hash, ...parseAndValidate(raw, file) };
    this.checks.set(file, parsed);
    return parsed;
  }

  /** The draft's current revision, or undefined when there is no such flow. */
  async revision(id: string): Promise<DraftRevision | undefined> {
    const files = await this.files(id);
    if (!files) return undefined;
    const record = await this.readRecord(id);
    if (record?.id === files.revision) return record;
    return { id: files.revision, savedBy: null, savedAt: files.modified };
  }

  /**
   * Writes the flow and the layout (each when given) unless the draft has changed since `base`, the
   * revision the editor started from: then nothing is written and the revision it would overwrite
   * is returned. Without `base` the save overwrites whatever is there.
   */
  save(
    id: string,
    input: { flow?: Flow; layout?: unknown; author: string; base?: string; now: number },
  ): Promise<SaveResult> {
    return this.turns.run(async () => {
      const current = await this.revision(id);
      if (input.base !== undefined && current && current.id !== input.base) return { conflict: current };
      if (input.flow) await this.writeFlow(input.flow);
      if (input.layout !== undefined) await this.writeLayout(id, input.layout);
      const files = await this.files(id);
      const saved = { id: files?.revision ?? "", savedBy: input.author, savedAt: new Date(input.now).toISOString() };
      await mkdir(join(this.dir, RECORDS), { recursive: true });
      await writeFile(join(this.dir, RECORDS, ".gitignore"), "*\n");
      await writeFile(join(this.dir, RECORDS, `${id}.json`), `${JSON.stringify(saved, null, 2)}\n`);
      return { saved };
    });
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
    for (const name of [flowFile(id), `${id}.layout.json`, `${id}.test.json`, join(RECORDS, `${id}.json`)]) {
      await rm(join(this.dir, name), { force: true });
    }
  }

  private async files(id: string): Promise<{ revision: string; modified: string } | undefined> {
    const path = join(this.dir, flowFile(id));
    const flow = await readFile(path).catch(() => undefined);
    if (flow === undefined) return undefined;
    const layout = await readFile(join(this.dir, `${id}.layout.json`)).catch(() => Buffer.alloc(0));
    const hash = createHash("sha256").update(flow).update("\0").update(layout).digest("hex").slice(0, 16);
    return { revision: hash, modified: (await stat(path)).mtime.toISOString() };
  }

  private async readRecord(id: string): Promise<DraftRevision | undefined> {
    const text = await readFile(join(this.dir, RECORDS, `${id}.json`), "utf8").catch(() => undefined);
    if (text === undefined) return undefined;
    try {
      const record = JSON.parse(text) as Partial<DraftRevision>;
      return typeof record.id === "string" && typeof record.savedBy === "string" && typeof record.savedAt === "string"
        ? { id: record.id, savedBy: record.savedBy, savedAt: record.savedAt }
        : undefined;
    } catch {
      // A damaged record only loses who saved last; the revision itself comes from the files.
      return undefined;
    }
  }

  private async readJson(name: string): Promise<unknown> {
    const text = await readFile(join(this.dir, name), "utf8").catch(() => undefined);
    if (text === undefined) return null;
    const parsed = parseJsonFile(text, name);
    return parsed.ok ? parsed.value : null;
  }
}

interface FileCheck {
  hash: string;
  flow: Flow | null;
  problems: Problem[];
  lint?: { key: string; problems: Problem[] };
}

function parseAndValidate(raw: string, file: string): { flow: Flow | null; problems: Problem[] } {
  const read = readDocument("flow", raw, file);
  return { flow: read.value ?? null, problems: read.problems };
}

/** Parse, migrate, validate, then lint: every problem a flow file has, in that order. */
export function checkFlowText(
  raw: string,
  file: string,
  options: LintOptions = {},
): { flow: Flow | null; problems: Problem[] } {
  const checked = parseAndValidate(raw, file);
  if (!checked.flow) return checked;
  return { flow: checked.flow, problems: lintFlow(checked.flow, file, options) };
}

/** Schema and lint problems of a flow value (a save or a publish from the designer). */
export function checkFlowValue(
  value: unknown,
  file: string,
  options: LintOptions = {},
): { flow: Flow | null; problems: Problem[] } {
  const migrated = migrateFlow(value, file);
  if (!migrated.ok) return { flow: null, problems: migrated.problems };
  const validated = validateFlow(migrated.value, file);
  if (!validated.ok) return { flow: null, problems: validated.problems };
  return { flow: validated.value, problems: lintFlow(validated.value, file, options) };
}

/** A file's content pointing at its JSON Schema, so editors check it: a file first written by the designer too. */
function withSchema(content: unknown, schemaFile: string): unknown {
  if (typeof content !== "object" || content === null || Array.isArray(content) || "$schema" in content) return content;
  return { $schema: `../schema/${schemaFile}`, ...content };
}
