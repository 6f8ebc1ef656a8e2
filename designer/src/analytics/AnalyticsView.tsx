import "./analytics.css";
import { useEffect, useMemo, useState } from "react";
import type { AnalyticsComparison, AnalyticsFigures, VersionSummary } from "../../../schema/api/index.js";
import { api } from "../api.js";
import { useLanguage } from "../i18n.js";
import { autoLayoutInWorker } from "../model/auto-layout-in-worker.js";
import { emptyLayout, type FlowDocument } from "../model/document.js";
import { unplacedNodes } from "../model/graph.js";
import { AnalyticsCanvas } from "./AnalyticsCanvas.js";
import { type AnalyticsChoice, analyticsApi } from "./analytics-api.js";
import { ConversationsChart, ReasonsChart } from "./Charts.js";
import { FiguresPanel } from "./FiguresPanel.js";
import { lastDays } from "./format.js";
import { w } from "./words.js";

const PRESETS = [7, 30, 90] as const;
type Period = (typeof PRESETS)[number] | "custom";

/**
 * The analytics mode of a flow: a published version (or all) and a period chosen in its toolbar,
 * the version drawn on the canvas with what conversations did at each step, the figures beside it,
 * optionally against another version, and the charts.
 */
export function AnalyticsView({ flowId }: { flowId: string }) {
  useLanguage();
  const [versions, setVersions] = useState<VersionSummary[]>();
  const [version, setVersion] = useState<number | "all">();
  const [other, setOther] = useState<number>();
  const [period, setPeriod] = useState<Period>(30);
  const [custom, setCustom] = useState(() => lastDays(30, new Date()));
  const [doc, setDoc] = useState<FlowDocument>();
  const [figures, setFigures] = useState<AnalyticsFigures>();
  const [comparison, setComparison] = useState<AnalyticsComparison>();
  const [error, setError] = useState("");

  useEffect(() => {
    api
      .versions(flowId)
      .then((list) => {
        setVersions(list);
        const live = list.find((entry) => entry.live) ?? list[list.length - 1];
        if (live) setVersion(live.version);
      })
      .catch((failure: Error) => setError(failure.message));
  }, [flowId]);

  // The canvas draws the version chosen, or the live one for all versions together.
  const drawn = useMemo(() => {
    if (version === undefined || !versions) return undefined;
    if (version !== "all") return version;
    return (versions.find((entry) => entry.live) ?? versions[versions.length - 1])?.version;
  }, [version, versions]);

  useEffect(() => {
    if (drawn === undefined) return;
    let current = true;
    api
      .version(flowId, drawn)
      .then(async ({ flow, layout }) => {
        // Laying out starts a worker and loads the layout engine (seconds on a first open): only for
        // a version whose saved layout misses nodes, as the editor does.
        const saved = layout ?? emptyLayout(flowId);
        const placed = unplacedNodes(flow, saved).length > 0 ? await autoLayoutInWorker(flow, saved) : saved;
        if (current) setDoc({ flow, layout: placed });
      })
      .catch((failure: Error) => current && setError(failure.message));
    return () => {
      current = false;
    };
  }, [flowId, drawn]);

  const choice = useMemo<AnalyticsChoice | undefined>(() => {
    if (version === undefined) return undefined;
    const days = period === "custom" ? custom : lastDays(period, new Date());
    return { version: version === "all" ? undefined : version, ...days };
  }, [version, period, custom]);

  useEffect(() => {
    if (!choice) return;
    let current = true;
    setError("");
    const compared = other !== undefined && choice.version !== undefined && other !== choice.version;
    const load = compared
      ? analyticsApi.compare(flowId, { ...choice, version: choice.version as number }, other as number).then((both) => {
          if (!current) return;
          setComparison(both);
          setFigures(both.version);
        })
      : analyticsApi.figures(flowId, choice).then((one) => {
          if (!current) return;
          setComparison(undefined);
          setFigures(one);
        });
    load.catch((failure: Error) => current && setError(w("loadFailed", { message: failure.message })));
    return () => {
      current = false;
    };
  }, [flowId, choice, other]);

  const sides = figures && olderFirst(figures, comparison?.with);

  if (versions && versions.length === 0) {
    return (
      <div className="analytics">
        <p className="notice info">{w("notPublished")}</p>
      </div>
    );
  }

  return (
    <div className="analytics">
      <div className="toolbar analytics-bar">
        <label>
          {w("version")}{" "}
          <select
            value={version ?? ""}
            onChange={(event) => setVersion(event.target.value === "all" ? "all" : Number(event.target.value))}
          >
            <option value="all">{w("allVersions")}</option>
            {[...(versions ?? [])].reverse().map((entry) => (
              <option key={entry.version} value={entry.version}>
                {w(entry.live ? "liveVersion" : "versionN", { version: entry.version })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {w("period")}{" "}
          <select
            value={String(period)}
            onChange={(event) =>
              setPeriod(event.target.value === "custom" ? "custom" : (Number(event.target.value) as Period))
            }
          >
            {PRESETS.map((days) => (
              <option key={days} value={days}>
                {w("lastDays", { count: days })}
              </option>
            ))}
            <option value="custom">{w("customPeriod")}</option>
          </select>
        </label>
        {period === "custom" && (
          <>
            <label>
              {w("from")}{" "}
              <input
                type="date"
                value={custom.from}
                max={custom.to}
                onChange={(event) => event.target.value && setCustom({ ...custom, from: event.target.value })}
              />
            </label>
            <label>
              {w("to")}{" "}
              <input
                type="date"
                value={custom.to}
                min={custom.from}
                onChange={(event) => event.target.value && setCustom({ ...custom, to: event.target.value })}
              />
            </label>
          </>
        )}
        <label>
          {w("compareWith")}{" "}
          <select
            value={other ?? ""}
            disabled={version === "all"}
            onChange={(event) => setOther(event.target.value ? Number(event.target.value) : undefined)}
          >
            <option value="">{w("noComparison")}</option>
            {[...(versions ?? [])]
              .reverse()
              .filter((entry) => entry.version !== version)
              .map((entry) => (
                <option key={entry.version} value={entry.version}>
                  {w("versionN", { version: entry.version })}
                </option>
              ))}
          </select>
        </label>
        <span className="spacer" />
        {choice && (
          <a className="button" href={analyticsApi.csvUrl(flowId, choice, comparison ? other : undefined)} download>
            {w("downloadCsv")}
          </a>
        )}
      </div>
      {error && (
        <p className="notice error" role="alert">
          {error}
        </p>
      )}
      <div className="analytics-body">
        <div className="canvas-area">{doc && figures && <AnalyticsCanvas doc={doc} figures={figures} />}</div>
        <aside className="analytics-panel">
          {figures && sides && (
            <>
              {sides.other && (
                <h3>{w("compared", { version: sides.figures.version ?? "", other: sides.other.version ?? "" })}</h3>
              )}
              <FiguresPanel {...sides} flow={doc?.flow} />
              <ConversationsChart figures={figures} />
              <ReasonsChart figures={figures} flow={doc?.flow} />
            </>
          )}
        </aside>
      </div>
    </div>
  );
}

/**
 * The two versions compared, the older on the left whichever is drawn, so that the arrow reads as
 * what a publish changed (« 62 % → 71 % »).
 */
function olderFirst(
  figures: AnalyticsFigures,
  other: AnalyticsFigures | undefined,
): { figures: AnalyticsFigures; other?: AnalyticsFigures } {
  if (!other || (other.version ?? 0) > (figures.version ?? 0)) return { figures, other };
  return { figures: other, other: figures };
}
