import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "@sinclair/typebox";
import { IANAZone } from "luxon";
import { answeredAs, errorResponses, TeamReport, TeamReportQuery } from "../../schema/api/index.js";
import { DomainError } from "../domain-error.js";
import { requireRole } from "../plugins/auth.js";
import { teamReport, teamReportCsv } from "../queue/team-report.js";

const Csv = Type.String({ description: "One line per queue and per person over the period." });

/** Team reports for supervisors: per queue and per person, JSON and CSV. */
const reportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const supervisor = requireRole("supervisor");
  const tags = ["supervision"];
  const report = (query: TeamReportQuery) => {
    if (query.to < query.from) {
      throw new DomainError("invalid", "BAD_PERIOD", `The period ends (${query.to}) before it starts (${query.from}).`);
    }
    const timezone = query.timezone ?? "UTC";
    if (!IANAZone.isValidZone(timezone)) {
      throw new DomainError(
        "invalid",
        "BAD_TIME_ZONE",
        `timezone: \`${timezone}\` is not an IANA time zone; write it like \`Europe/Paris\` or \`America/Montreal\`.`,
      );
    }
    return teamReport(app.store, query.from, query.to, timezone);
  };

  app.get(
    "/api/reports/team",
    {
      schema: {
        tags,
        description:
          "Per queue and per person, the cases that reached a queue in the period: handled, median and p90 wait and handling time, SLA met, transfers, dispositions.",
        querystring: TeamReportQuery,
        response: { 200: TeamReport, ...errorResponses(400, 401, 403) },
      },
      onRequest: supervisor,
    },
    (request) => report(request.query),
  );

  app.get(
    "/api/reports/team.csv",
    {
      schema: {
        tags,
        description: "The same report as CSV.",
        querystring: TeamReportQuery,
        response: { 200: answeredAs("text/csv", Csv), ...errorResponses(400, 401, 403) },
      },
      onRequest: supervisor,
    },
    async (request, reply) => {
      const csv = teamReportCsv(await report(request.query));
      reply.header("content-type", "text/csv; charset=utf-8");
      reply.header("content-disposition", `attachment; filename="team-${request.query.from}-${request.query.to}.csv"`);
      return csv;
    },
  );
};
export default reportRoutes;
