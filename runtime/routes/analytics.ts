import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import {
  AnalyticsComparison,
  AnalyticsFigures,
  AnalyticsQuery,
  answeredAs,
  CompareQuery,
  errorResponses,
  FlowIdParams,
} from "../../schema/api/index.js";
import { figuresCsv } from "../analytics/csv.js";
import { dayFromText, readFigures } from "../analytics/figures.js";
import { dayOf } from "../analytics/fold.js";
import { DomainError } from "../domain-error.js";
import { requireRole } from "../plugins/auth.js";
import { getVersion } from "../store/flow-versions.js";

/** Longest period one request covers: a day per line of the daily series. */
export const MAX_PERIOD_DAYS = 1000;
const Csv = Type.String({ description: "`flow,version,from,to,figure,subject,value`, one figure per line." });

/** Figures per flow, version and period for CX managers: JSON for the designer, CSV for spreadsheets. */
const analyticsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { store } = app;
  const read = requireRole("editor");

  /** The period and threshold of a query, checked: what is wrong is named by its field. */
  function period(query: AnalyticsQuery) {
    const today = dayOf(Date.now());
    const day = (field: "from" | "to", text: string | undefined, fallback: number) => {
      if (text === undefined) return fallback;
      const parsed = dayFromText(text);
      if (Number.isNaN(parsed) || new Date(Date.parse(`${text}T00:00:00Z`)).toISOString().slice(0, 10) !== text) {
        throw new DomainError(
          "invalid",
          "BAD_PERIOD",
          `The query field \`${field}\` is \`${text}\`, which is no calendar day.`,
        );
      }
      return parsed;
    };
    const toDay = day("to", query.to, today);
    const fromDay = day("from", query.from, toDay - 29);
    if (fromDay > toDay) {
      throw new DomainError(
        "invalid",
        "BAD_PERIOD",
        `The period starts (\`from\` ${query.from}) after it ends (\`to\` ${query.to ?? "today"}).`,
      );
    }
    if (toDay - fromDay + 1 > MAX_PERIOD_DAYS) {
      throw new DomainError(
        "invalid",
        "BAD_PERIOD",
        `The period from \`from\` to \`to\` covers ${toDay - fromDay + 1} days; ask for ${MAX_PERIOD_DAYS} at most.`,
      );
    }
    const abandonAfterMinutes =
      query.abandonAfterMinutes === undefined ? app.config.abandonAfterMinutes : Number(query.abandonAfterMinutes);
    return { fromDay, toDay, abandonAfterMinutes, now: Date.now() };
  }

  async function published(flowId: string, version: string, field: string): Promise<number> {
    const number = Number(version);
    if (!(await getVersion(store, flowId, number))) {
      throw new DomainError(
        "notFound",
        "UNKNOWN_VERSION",
        `Flow \`${flowId}\` has no published version ${number} (query field \`${field}\`).`,
      );
    }
    return number;
  }

  async function figures(flowId: string, query: AnalyticsQuery) {
    const version = query.version === undefined ? undefined : await published(flowId, query.version, "version");
    return readFigures(store, { flowId, version, ...period(query) });
  }

  async function comparison(flowId: string, query: CompareQuery) {
    const [left, right] = [
      await published(flowId, query.version, "version"),
      await published(flowId, query.with, "with"),
    ];
    const shared = period(query);
    return {
      version: await readFigures(store, { flowId, version: left, ...shared }),
      with: await readFigures(store, { flowId, version: right, ...shared }),
    };
  }

  const csvName = (flowId: string, what: string) => `attachment; filename="${flowId}-${what}.csv"`;

  app.get(
    "/api/flows/:id/analytics",
    {
      schema: {
        tags: ["analytics"],
        summary: "A flow's figures over a period, for one published version or all of them",
        params: FlowIdParams,
        querystring: AnalyticsQuery,
        response: { 200: AnalyticsFigures, ...errorResponses(400, 401, 403, 404) },
      },
      onRequest: read,
    },
    async (request) => figures(request.params.id, request.query),
  );

  app.get(
    "/api/flows/:id/analytics.csv",
    {
      schema: {
        tags: ["analytics"],
        summary: "The same figures as CSV",
        params: FlowIdParams,
        querystring: AnalyticsQuery,
        response: { 200: answeredAs("text/csv", Csv), ...errorResponses(400, 401, 403, 404) },
      },
      onRequest: read,
    },
    async (request, reply) => {
      const { id } = request.params;
      const result = await figures(id, request.query);
      reply.header("content-type", "text/csv; charset=utf-8");
      reply.header("content-disposition", csvName(id, `analytics-${result.version ?? "all"}`));
      return figuresCsv([result]);
    },
  );

  app.get(
    "/api/flows/:id/analytics/compare",
    {
      schema: {
        tags: ["analytics"],
        summary: "The figures of two published versions over the same period, side by side",
        params: FlowIdParams,
        querystring: CompareQuery,
        response: { 200: AnalyticsComparison, ...errorResponses(400, 401, 403, 404) },
      },
      onRequest: read,
    },
    async (request) => comparison(request.params.id, request.query),
  );

  app.get(
    "/api/flows/:id/analytics/compare.csv",
    {
      schema: {
        tags: ["analytics"],
        summary: "The comparison as CSV, the two versions' lines one after the other",
        params: FlowIdParams,
        querystring: CompareQuery,
        response: { 200: answeredAs("text/csv", Csv), ...errorResponses(400, 401, 403, 404) },
      },
      onRequest: read,
    },
    async (request, reply) => {
      const { id } = request.params;
      const { query } = request;
      const result = await comparison(id, query);
      reply.header("content-type", "text/csv; charset=utf-8");
      reply.header("content-disposition", csvName(id, `compare-${query.version}-${query.with}`));
      return figuresCsv([result.version, result.with]);
    },
  );
};
export default analyticsRoutes;
