import { type FormEvent, useCallback, useEffect, useState } from "react";
import type { TeamFigures, TeamReport } from "../../../schema/api/index.js";
import { call, failureText } from "../api.js";
import "./agent.css";
import { LocalDateField } from "../admin/LocalDateField.js";
import { dispositionWords } from "./event-words.js";
import { rpw } from "./report-words.js";
import { formatDuration } from "./sla.js";
import { language } from "./words.js";

const seconds = (value: number | null) => (value === null ? "—" : formatDuration(value * 1000, language));
/** The reader's time zone: the report's days are theirs, not UTC's. */
const timezone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const pad = (n: number) => String(n).padStart(2, "0");
/** The reader's calendar day `offset` days from today, as `YYYY-MM-DD`. */
const day = (offset: number) => {
  const at = new Date();
  at.setDate(at.getDate() + offset);
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
};
const reportQuery = (period: { from: string; to: string }) => new URLSearchParams({ ...period, timezone });

function FiguresTable({ title, rows, empty }: { title: string; rows: TeamFigures[]; empty: string }) {
  return (
    <section aria-label={title}>
      <h2>{title}</h2>
      <table className="floor-queues report-table">
        <thead>
          <tr>
            <th>{rpw("name")}</th>
            <th>{rpw("handled")}</th>
            <th>{rpw("wait")}</th>
            <th>{rpw("handling")}</th>
            <th>{rpw("slaMet")}</th>
            <th>{rpw("transfers")}</th>
            <th>{rpw("dispositions")}</th>
            <th>{rpw("satisfaction")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={8} className="muted">
                {empty}
              </td>
            </tr>
          )}
          {rows.map((row) => (
            <tr key={row.id} data-report-row={row.name}>
              <td>{row.name}</td>
              <td data-handled={row.handled}>{row.handled}</td>
              <td>
                {seconds(row.medianWaitSeconds)} / {seconds(row.p90WaitSeconds)}
              </td>
              <td>
                {seconds(row.medianHandlingSeconds)} / {seconds(row.p90HandlingSeconds)}
              </td>
              <td>{row.handled === 0 ? "—" : `${row.slaMet} / ${row.handled}`}</td>
              <td>{row.transfers}</td>
              <td>
                {Object.entries(row.dispositions)
                  .map(([code, count]) => `${dispositionWords(code)} (${count})`)
                  .join(", ") || "—"}
              </td>
              <td data-satisfaction={row.satisfaction.average ?? ""}>
                {row.satisfaction.average === null ? (
                  "—"
                ) : (
                  <>
                    {rpw("satisfactionValue", {
                      average: row.satisfaction.average.toLocaleString(language),
                      count: row.satisfaction.answers,
                    })}
                    <br />
                    <span className="muted small">
                      {rpw("satisfactionScores", { scores: row.satisfaction.scores.join(" · ") })}
                    </span>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Supervisors' team report over chosen days, per queue and per agent, with its CSV. */
export function ReportPage() {
  const [period, setPeriod] = useState({ from: day(-6), to: day(0) });
  const [report, setReport] = useState<TeamReport>();
  const [error, setError] = useState("");
  const load = useCallback(async (asked: { from: string; to: string }) => {
    try {
      setReport(await call<TeamReport>("GET", `/api/reports/team?${reportQuery(asked)}`));
      setError("");
    } catch (failure) {
      setError(failureText(failure));
    }
  }, []);
  useEffect(() => {
    void load({ from: day(-6), to: day(0) });
  }, [load]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void load(period);
  };
  return (
    <div className="search-page report-page">
      <h1>{rpw("title")}</h1>
      <form className="search-form" onSubmit={submit}>
        <LocalDateField
          label={rpw("from")}
          name="from"
          value={period.from}
          onChange={(from) => setPeriod({ ...period, from })}
        />
        <LocalDateField
          label={rpw("to")}
          name="to"
          value={period.to}
          min={period.from}
          onChange={(to) => setPeriod({ ...period, to })}
        />
        <div className="search-buttons">
          <button type="submit" className="primary" disabled={!period.from || !period.to}>
            {rpw("show")}
          </button>
          <a href={`/api/reports/team.csv?${reportQuery(period)}`} download>
            {rpw("csv")}
          </a>
        </div>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {report && (
        <>
          <FiguresTable title={rpw("byQueue")} rows={report.queues} empty={rpw("noQueue")} />
          <FiguresTable title={rpw("byAgent")} rows={report.agents} empty={rpw("noAgent")} />
        </>
      )}
    </div>
  );
}
