import { readdir, readFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import {
  type Channel,
  type ConversationTestFile,
  type FileKind,
  type Flow,
  fileKind,
  type Layout,
  lintFlow,
  type Problem,
  readDocument,
} from "../../schema/index.js";

/** One file of a flows folder, parsed and checked against its schema. */
export interface WorkspaceFile {
  path: string;
  kind: FileKind;
  text: string;
  /** The parsed JSON, whether or not it validates (for `fmt`). */
  json?: unknown;
  problems: Problem[];
}

export interface Workspace {
  files: WorkspaceFile[];
  /** Flows that validate, by id. */
  flows: Map<string, { path: string; flow: Flow }>;
  layouts: Map<string, { path: string; layout: Layout }>;
  tests: { path: string; tests: ConversationTestFile }[];
}

/** The files to work on: those named, or every flow file of `dir`. */
export async function resolvePaths(paths: readonly string[], dir: string): Promise<string[]> {
  if (paths.length) return paths.map((path) => resolve(path));
  const names = await readdir(dir).catch(() => [] as string[]);
  return names
    .filter((name) => fileKind(name))
    .sort()
    .map((name) => resolve(dir, name));
}

async function loadFile(path: string, kind: FileKind, shown: string): Promise<WorkspaceFile & { value?: unknown }> {
  const text = await readFile(path, "utf8");
  return { path, kind, text, ...readDocument(kind, text, shown) };
}

/**
 * Loads the given files, plus every other flow of their folders so that jumps resolve.
 * Nothing here throws on bad input: each file carries its problems.
 */
export async function loadWorkspace(paths: readonly string[]): Promise<Workspace> {
  const workspace: Workspace = { files: [], flows: new Map(), layouts: new Map(), tests: [] };
  const dirs = new Set(paths.map((path) => dirname(path)));
  const siblings = (await Promise.all([...dirs].map((dir) => resolvePaths([], dir)))).flat();
  const requested = new Set(paths);
  for (const path of [...new Set([...paths, ...siblings])]) {
    const kind = fileKind(path);
    if (!kind) {
      workspace.files.push({
        path,
        kind: "flow",
        text: "",
        problems: [
          {
            code: "cli/unknown-file",
            severity: "error",
            file: path,
            pointer: "",
            message: "Relais reads `<id>.flow.json`, `<id>.layout.json` and `<id>.test.json` files.",
          },
        ],
      });
      continue;
    }
    const file = await loadFile(path, kind, shownPath(path)).catch((error: NodeJS.ErrnoException) => ({
      path,
      kind,
      text: "",
      problems: [
        {
          code: "cli/read",
          severity: "error" as const,
          file: shownPath(path),
          pointer: "",
          message: `Cannot read the file: ${error.code ?? error.message}.`,
        },
      ],
      value: undefined,
    }));
    if (file.value !== undefined) {
      if (kind === "flow") workspace.flows.set((file.value as Flow).id, { path, flow: file.value as Flow });
      if (kind === "layout") workspace.layouts.set((file.value as Layout).flow, { path, layout: file.value as Layout });
      if (kind === "test" && requested.has(path))
        workspace.tests.push({ path, tests: file.value as ConversationTestFile });
      if (kind === "flow" && basename(path) !== `${(file.value as Flow).id}.flow.json`) {
        file.problems.push({
          code: "cli/file-name",
          severity: "error",
          file: shownPath(path),
          pointer: "/id",
          message: `The flow id is \`${(file.value as Flow).id}\` but the file is named ${basename(path)}; name it ${(file.value as Flow).id}.flow.json.`,
        });
      }
    }
    workspace.files.push(file);
  }
  workspace.files = workspace.files.filter((file) => requested.has(file.path));
  return workspace;
}

/** Lint findings of every valid flow, with the other flows as context for jumps; `channels` limits those checked (every one when left out). */
export function lintWorkspace(workspace: Workspace, channels?: readonly Channel[]): Map<string, Problem[]> {
  const flows = new Map([...workspace.flows].map(([id, entry]) => [id, entry.flow]));
  const found = new Map<string, Problem[]>();
  for (const { path, flow } of workspace.flows.values()) {
    found.set(path, lintFlow(flow, shownPath(path), { flows, channels }));
  }
  return found;
}

export function shownPath(path: string): string {
  const relative = path.startsWith(`${process.cwd()}/`) ? path.slice(process.cwd().length + 1) : path;
  return relative;
}

export const defaultFlowsDir = () => process.env.FLOWS_DIR ?? join(process.cwd(), "flows");
