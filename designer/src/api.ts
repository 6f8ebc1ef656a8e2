import type { HttpRequest, HttpResult } from "../../runtime/engine/index.js";
import type { ConversationTestFile, Flow, Layout, Problem } from "../../schema/index.js";

export interface User {
  id: string;
  email: string;
  name: string;
  role: "admin" | "supervisor" | "editor" | "agent";
}

export interface FlowSummary {
  id: string;
  name: string;
  languages: string[];
  nodeCount: number;
  live: { version: number; hash: string; publishedAt: string } | null;
  draftHash: string;
  changed: boolean;
  problems: { errors: number; warnings: number };
}

/** Which saved state of a draft an editor started from, and who saved it when (see runtime/flows/drafts.ts). */
export interface DraftRevision {
  id: string;
  /** Null when the file was changed outside the designer. */
  savedBy: string | null;
  savedAt: string;
}

export interface FlowFile {
  id: string;
  revision: DraftRevision;
  flow: Flow | null;
  raw: string;
  layout: Layout | null;
  tests: ConversationTestFile | null;
  problems: Problem[];
}

export interface VersionSummary {
  version: number;
  hash: string;
  author: string;
  note: string;
  createdAt: string;
  live: boolean;
}

/** A refusal from the runtime, with its code and any problems it found. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems: Problem[] = [],
    /** Facts to word a message from: `revision` for DRAFT_CHANGED, `liveVersion` for NOTHING_TO_PUBLISH. */
    readonly details: {
      revision?: DraftRevision;
      liveVersion?: number;
      /** Who has a conversation now, when a supervisor's move came too late. */
      holder?: { id: string; name: string } | null;
    } = {},
  ) {
    super(message);
  }
}

/** Called when the session has expired, so the app can show the login page. */
let onUnauthorized = () => {};
export const setUnauthorizedHandler = (handler: () => void) => {
  onUnauthorized = handler;
};

export async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: "same-origin",
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new ApiError(0, "NETWORK", error instanceof Error ? error.message : String(error));
  }
  if (response.status === 401 && path !== "/api/auth/login" && path !== "/api/auth/me") onUnauthorized();
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const data = text ? (JSON.parse(text) as unknown) : undefined;
  if (!response.ok) {
    const error = (
      data as
        | { error?: { code?: string; message?: string; problems?: Problem[]; details?: ApiError["details"] } }
        | undefined
    )?.error;
    throw new ApiError(
      response.status,
      error?.code ?? `HTTP_${response.status}`,
      error?.message ?? response.statusText,
      error?.problems ?? [],
      error?.details ?? {},
    );
  }
  return data as T;
}

export const api = {
  login: (email: string, password: string) => call<{ user: User }>("POST", "/api/auth/login", { email, password }),
  logout: () => call<void>("POST", "/api/auth/logout"),
  /** `hasPassword` is false for someone who came in through a one-time link and has not chosen one yet. */
  me: () => call<{ user: User; hasPassword?: boolean }>("GET", "/api/auth/me"),
  setPassword: (password: string) => call<void>("POST", "/api/auth/password", { password }),
  flows: () => call<FlowSummary[]>("GET", "/api/flows"),
  flow: (id: string) => call<FlowFile>("GET", `/api/flows/${encodeURIComponent(id)}`),
  createFlow: (body: { id: string; name: string; template: string; duplicateOf?: string }) =>
    call<{ id: string }>("POST", "/api/flows", body),
  deleteFlow: (id: string) => call<void>("DELETE", `/api/flows/${encodeURIComponent(id)}`),
  /** Refused with DRAFT_CHANGED when the draft is no longer at `baseRevision`. */
  saveFlow: (id: string, flow: Flow, layout: Layout, baseRevision: string | undefined) =>
    call<{ problems: Problem[]; revision: DraftRevision }>("PUT", `/api/flows/${encodeURIComponent(id)}`, {
      flow,
      layout,
      baseRevision,
    }),
  saveLayout: (id: string, layout: Layout) =>
    call<void>("PUT", `/api/flows/${encodeURIComponent(id)}/layout`, { layout }),
  saveTests: (id: string, tests: ConversationTestFile) =>
    call<void>("PUT", `/api/flows/${encodeURIComponent(id)}/tests`, { tests }),
  /** Publishes the draft as it is at `revision`, the one the publisher reviewed. */
  publish: (id: string, note: string, revision: string | undefined) =>
    call<{ version: number; hash: string }>("POST", `/api/flows/${encodeURIComponent(id)}/publish`, {
      note,
      revision,
    }),
  versions: (id: string) => call<VersionSummary[]>("GET", `/api/flows/${encodeURIComponent(id)}/versions`),
  rollback: (id: string, version: number) =>
    call<{ live: number }>("POST", `/api/flows/${encodeURIComponent(id)}/rollback`, { version }),
  version: (id: string, version: number) =>
    call<{ flow: Flow; layout: Layout | null }>("GET", `/api/flows/${encodeURIComponent(id)}/versions/${version}`),
  /** Runs one HTTP node's request on the server, with its secrets; they come back as `{{ secrets.NAME }}`. */
  runNodeRequest: (flow: Flow, nodeId: string, variables: Record<string, unknown>) =>
    call<{ request: Omit<HttpRequest, "timeoutMs">; result: HttpResult }>("POST", "/api/simulator/http", {
      flow,
      nodeId,
      variables,
    }),
  /** Whether the server has a value for each secret; never the value. */
  secretsStatus: (names: readonly string[]) =>
    call<{ secrets: { name: string; set: boolean }[] }>(
      "GET",
      `/api/secrets/status?names=${encodeURIComponent(names.join(","))}`,
    ),
};
