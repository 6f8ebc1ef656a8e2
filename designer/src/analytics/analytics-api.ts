import type { AnalyticsComparison, AnalyticsFigures } from "../../../schema/api/index.js";
import { call } from "../api.js";

/** What the analytics toolbar chose: a version (undefined: all of them) and a period of UTC days. */
export interface AnalyticsChoice {
  version: number | undefined;
  from: string;
  to: string;
}

const query = (choice: AnalyticsChoice, extra: Record<string, string> = {}) =>
  new URLSearchParams({
    ...(choice.version === undefined ? {} : { version: String(choice.version) }),
    from: choice.from,
    to: choice.to,
    ...extra,
  }).toString();

const base = (flowId: string) => `/api/flows/${encodeURIComponent(flowId)}/analytics`;

export const analyticsApi = {
  figures: (flowId: string, choice: AnalyticsChoice) =>
    call<AnalyticsFigures>("GET", `${base(flowId)}?${query(choice)}`),
  compare: (flowId: string, choice: AnalyticsChoice & { version: number }, other: number) =>
    call<AnalyticsComparison>("GET", `${base(flowId)}/compare?${query(choice, { with: String(other) })}`),
  /** Where the browser downloads the figures as CSV (the session cookie goes with it). */
  csvUrl: (flowId: string, choice: AnalyticsChoice, other?: number) =>
    other === undefined || choice.version === undefined
      ? `${base(flowId)}.csv?${query(choice)}`
      : `${base(flowId)}/compare.csv?${query(choice, { with: String(other) })}`,
};
