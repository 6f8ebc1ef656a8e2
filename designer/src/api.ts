import type {
  ApiErrorBody,
  CreatedFlow,
  CreateFlowBody,
  ErrorDetails,
  FlowChannels,
  FlowFile,
  FlowSummary,
  FlowVersionContent,
  NodeRequestRun,
  Published,
  RolledBack,
  SavedFlow,
  SecretsStatus,
  User,
  VersionSummary,
} from "../../schema/api/index.js";
import type { ConversationTestFile, Flow, Layout, Problem } from "../../schema/index.js";
import { failureInWords, networkFailureWords } from "./failure-words.js";

export type { User } from "../../schema/api/index.js";

/** A refusal: its stable code, and a message in the interface language where the code is one any screen may meet. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems: Problem[] = [],
    /** Facts to word a message from: `revision` for DRAFT_CHANGED, `liveVersion` for NOTHING_TO_PUBLISH. */
    readonly details: ErrorDetails = {},
  ) {
    super(message);
  }
}

/** What to show of a failure: a refusal's message (in the interface language where the code is worded), else the error's own. */
export const failureText = (failure: unknown): string => (failure instanceof Error ? failure.message : String(failure));

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
  } catch {
    throw new ApiError(0, "NETWORK", networkFailureWords());
  }
  if (response.status === 401 && path !== "/api/auth/login" && path !== "/api/auth/me") onUnauthorized();
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  if (!response.ok) {
    // A proxy in front of Relais may answer an error page of its own, not JSON.
    let error: Partial<ApiErrorBody["error"]> | undefined;
    try {
      error = text ? (JSON.parse(text) as Partial<ApiErrorBody>).error : undefined;
    } catch {
      error = undefined;
    }
    const code = error?.code ?? `HTTP_${response.status}`;
    const details = error?.details ?? {};
    throw new ApiError(
      response.status,
      code,
      failureInWords(code, response.status, details) ?? error?.message ?? response.statusText,
      error?.problems ?? [],
      details,
    );
  }
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  login: (email: string, password: string) => call<{ user: User }>("POST", "/api/auth/login", { email, password }),
  logout: () => call<void>("POST", "/api/auth/logout"),
  /** `hasPassword` is false for someone who came in through a one-time link and has not chosen one yet. */
  me: () => call<{ user: User; hasPassword?: boolean }>("GET", "/api/auth/me"),
  setPassword: (password: string) => call<void>("POST", "/api/auth/password", { password }),
  flows: () => call<FlowSummary[]>("GET", "/api/flows"),
  flow: (id: string) => call<FlowFile>("GET", `/api/flows/${encodeURIComponent(id)}`),
  /** The channels the flow is published on, whose limits its problems check. */
  flowChannels: (id: string) => call<FlowChannels>("GET", `/api/flows/${encodeURIComponent(id)}/channels`),
  createFlow: (body: CreateFlowBody) => call<CreatedFlow>("POST", "/api/flows", body),
  deleteFlow: (id: string) => call<void>("DELETE", `/api/flows/${encodeURIComponent(id)}`),
  /** Refused with DRAFT_CHANGED when the draft is no longer at `baseRevision`. */
  saveFlow: (id: string, flow: Flow, layout: Layout, baseRevision: string | undefined) =>
    call<SavedFlow>("PUT", `/api/flows/${encodeURIComponent(id)}`, {
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
    call<Published>("POST", `/api/flows/${encodeURIComponent(id)}/publish`, {
      note,
      revision,
    }),
  versions: (id: string) => call<VersionSummary[]>("GET", `/api/flows/${encodeURIComponent(id)}/versions`),
  rollback: (id: string, version: number) =>
    call<RolledBack>("POST", `/api/flows/${encodeURIComponent(id)}/rollback`, { version }),
  version: (id: string, version: number) =>
    call<FlowVersionContent>("GET", `/api/flows/${encodeURIComponent(id)}/versions/${version}`),
  /** Runs one HTTP node's request on the server, with its secrets; they come back as `{{ secrets.NAME }}`. */
  runNodeRequest: (flow: Flow, nodeId: string, variables: Record<string, unknown>) =>
    call<NodeRequestRun>("POST", "/api/simulator/http", {
      flow,
      nodeId,
      variables,
    }),
  /** Whether the server has a value for each secret; never the value. */
  secretsStatus: (names: readonly string[]) =>
    call<SecretsStatus>("GET", `/api/secrets/status?names=${encodeURIComponent(names.join(","))}`),
};
