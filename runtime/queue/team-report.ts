import { and, gte, isNotNull, lt } from "drizzle-orm";
import { DateTime } from "luxon";
import type { TeamFigures, TeamReport } from "../../schema/api/team-report.js";
import { field } from "../analytics/csv.js";
import { listMembers } from "../auth/team.js";
import { loadQueues } from "../conversation/queues.js";
import type { Store } from "../store/db.js";

const TRANSFERRED = "transferred:";

type Case = {
  queue: string;
  createdAt: number;
  slaDueAt: number;
  claimedBy: string | null;
  claimedAt: number | null;
  closedAt: number | null;
  disposition: string | null;
};

/** The value below which `share` of the sorted values lie (nearest rank); null for none. */
function percentile(values: number[], share: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? null;
}

type Score = { queue: string; agentId: string | null; score: number };

/** Answers, mean (two decimals) and how many gave each score from 1 to 5. */
export function satisfactionFigures(scores: number[]): TeamFigures["satisfaction"] {
  const counted = [1, 2, 3, 4, 5].map((score) => scores.filter((s) => s === score).length);
  const sum = scores.reduce((total, s) => total + s, 0);
  return {
    answers: scores.length,
    average: scores.length === 0 ? null : Math.round((sum / scores.length) * 100) / 100,
    scores: counted,
  };
}

function figures(id: string, name: string, cases: Case[], scores: Score[]): TeamFigures {
  const taken = cases.filter((c) => c.claimedAt !== null);
  const waits = taken.map((c) => ((c.claimedAt ?? 0) - c.createdAt) / 1000);
  const handling = taken.filter((c) => c.closedAt !== null).map((c) => ((c.closedAt ?? 0) - (c.claimedAt ?? 0)) / 1000);
  const dispositions: Record<string, number> = {};
  for (const c of cases) {
    if (c.disposition && !c.disposition.startsWith(TRANSFERRED)) {
      dispositions[c.disposition] = (dispositions[c.disposition] ?? 0) + 1;
    }
  }
  return {
    id,
    name,
    handled: taken.length,
    medianWaitSeconds: percentile(waits, 0.5),
    p90WaitSeconds: percentile(waits, 0.9),
    medianHandlingSeconds: percentile(handling, 0.5),
    p90HandlingSeconds: percentile(handling, 0.9),
    slaMet: taken.filter((c) => (c.claimedAt ?? 0) <= c.slaDueAt).length,
    transfers: cases.filter((c) => c.disposition?.startsWith(TRANSFERRED)).length,
    dispositions,
    satisfaction: satisfactionFigures(scores.map((s) => s.score)),
  };
}

/**
 * Per queue and per person: the cases that reached a queue in the period, from `from` to `to` included,
 * days in `timezone` (the reader's: a day in Paris starts at 23:00 or 22:00 UTC the day before).
 */
export async function teamReport(store: Store, from: string, to: string, timezone = "UTC"): Promise<TeamReport> {
  const { handoffs, satisfaction } = store.tables;
  const start = DateTime.fromISO(from, { zone: timezone }).startOf("day").toMillis();
  const end = DateTime.fromISO(to, { zone: timezone }).startOf("day").plus({ days: 1 }).toMillis();
  const [cases, answers, queues, members] = await Promise.all([
    store.read((db) =>
      db
        .select({
          queue: handoffs.queue,
          createdAt: handoffs.createdAt,
          slaDueAt: handoffs.slaDueAt,
          claimedBy: handoffs.claimedBy,
          claimedAt: handoffs.claimedAt,
          closedAt: handoffs.closedAt,
          disposition: handoffs.disposition,
        })
        .from(handoffs)
        .where(and(gte(handoffs.createdAt, start), lt(handoffs.createdAt, end))),
    ),
    store.read((db) =>
      db
        .select({ queue: satisfaction.queue, agentId: satisfaction.agentId, score: satisfaction.score })
        .from(satisfaction)
        .where(and(gte(satisfaction.askedAt, start), lt(satisfaction.askedAt, end), isNotNull(satisfaction.score))),
    ),
    loadQueues(store),
    listMembers(store),
  ]);
  const scores = answers.map((a) => ({ ...a, score: a.score ?? 0 }));
  const queueIds = [...new Set([...queues.keys(), ...cases.map((c) => c.queue)])].sort();
  const agentIds = [
    ...new Set([
      ...cases.flatMap((c) => (c.claimedBy ? [c.claimedBy] : [])),
      ...scores.flatMap((s) => (s.agentId ? [s.agentId] : [])),
    ]),
  ];
  return {
    from,
    to,
    timezone,
    queues: queueIds.map((id) =>
      figures(
        id,
        queues.get(id)?.name ?? id,
        cases.filter((c) => c.queue === id),
        scores.filter((s) => s.queue === id),
      ),
    ),
    agents: agentIds
      .map((id) =>
        figures(
          id,
          members.find((member) => member.id === id)?.name ?? id,
          cases.filter((c) => c.claimedBy === id),
          scores.filter((s) => s.agentId === id),
        ),
      )
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

export const TEAM_CSV_HEADER = [
  "scope",
  "id",
  "name",
  "from",
  "to",
  "handled",
  "median_wait_seconds",
  "p90_wait_seconds",
  "median_handling_seconds",
  "p90_handling_seconds",
  "sla_met",
  "transfers",
  "dispositions",
  "satisfaction_answers",
  "satisfaction_average",
  "satisfaction_1",
  "satisfaction_2",
  "satisfaction_3",
  "satisfaction_4",
  "satisfaction_5",
] as const;

/** One line per queue and per person; dispositions as `code=count` pairs separated by spaces. */
export function teamReportCsv(report: TeamReport): string {
  const line = (scope: string, row: TeamFigures) => [
    scope,
    row.id,
    row.name,
    report.from,
    report.to,
    row.handled,
    row.medianWaitSeconds,
    row.p90WaitSeconds,
    row.medianHandlingSeconds,
    row.p90HandlingSeconds,
    row.slaMet,
    row.transfers,
    Object.entries(row.dispositions)
      .map(([code, count]) => `${code}=${count}`)
      .join(" "),
    row.satisfaction.answers,
    row.satisfaction.average,
    ...row.satisfaction.scores,
  ];
  const lines = [
    [...TEAM_CSV_HEADER],
    ...report.queues.map((row) => line("queue", row)),
    ...report.agents.map((row) => line("agent", row)),
  ];
  return `${lines.map((cells) => cells.map((cell) => field(cell)).join(",")).join("\r\n")}\r\n`;
}
