import "uplot/dist/uPlot.min.css";
import { useCallback, useEffect, useRef } from "react";
import uPlot from "uplot";
import type { AnalyticsFigures } from "../../../schema/api/index.js";
import type { Flow } from "../../../schema/index.js";
import { language, useLanguage } from "../i18n.js";
import { percent } from "./format.js";
import { reasonWords } from "./reasons.js";
import { w } from "./words.js";

const WIDTH = 380;

/** Draws a uPlot chart in a div, again whenever `build` changes, and frees it on unmount. */
function UPlot({ build, label }: { build: (target: HTMLElement) => uPlot; label: string }) {
  const target = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!target.current) return;
    const chart = build(target.current);
    return () => chart.destroy();
  }, [build]);
  return <figure className="chart" ref={target} aria-label={label} />;
}

const dayLabel = (seconds: number) =>
  new Date(seconds * 1000).toLocaleDateString(language === "fr" ? "fr-FR" : "en-GB", {
    day: "numeric",
    month: "short",
    timeZone: "UTC",
  });

/** Conversations per day (bars) and the share the bot resolved (a line on its own scale, right). */
export function ConversationsChart({ figures }: { figures: AnalyticsFigures }) {
  const lang = useLanguage();
  const title = w("chartConversations");
  const build = useCallback(
    (target: HTMLElement) => {
      const xs = figures.days.map((day) => Date.parse(`${day.day}T00:00:00Z`) / 1000);
      const started = figures.days.map((day) => day.started);
      const containment = figures.days.map((day) => (day.started === 0 ? null : (100 * day.contained) / day.started));
      return new uPlot(
        {
          title,
          width: WIDTH,
          height: 240,
          scales: {
            // Half a day either side, so that the first and last days' bars show whole.
            x: { time: true, range: (_u, min, max) => [min - 43_200, max + 43_200] },
            n: { range: fromZero },
            "%": { range: [0, 100] },
          },
          series: [
            { label: w("axisDay"), value: (_u, value) => (value === null ? "—" : dayLabel(value)) },
            {
              label: w("seriesStarted"),
              scale: "n",
              stroke: "#1d4ed8",
              fill: "rgba(37, 99, 235, 0.35)",
              paths: uPlot.paths.bars?.({ size: [0.7, 40] }),
              points: { show: false },
            },
            {
              label: w("seriesContainment"),
              scale: "%",
              stroke: "#16a34a",
              width: 2,
              spanGaps: true,
              // A day alone between days without conversations draws no line: its point shows it.
              points: { show: true, size: 6, fill: "#16a34a" },
              value: (_u, value) => (value === null ? "—" : percent(value / 100, lang)),
            },
          ],
          axes: [
            { values: (_u, splits) => splits.map(dayLabel) },
            { scale: "n", label: w("seriesStarted"), incrs: WHOLE_STEPS },
            { scale: "%", side: 1, label: w("seriesContainment"), grid: { show: false } },
          ],
        },
        [xs, started, containment],
        target,
      );
    },
    [figures, lang, title],
  );
  return <UPlot build={build} label={title} />;
}

/** Handoffs by what fired them, one bar per rule or handoff step, named in words. */
export function ReasonsChart({ figures, flow }: { figures: AnalyticsFigures; flow: Flow | undefined }) {
  const lang = useLanguage();
  const title = w("chartReasons");
  const rules = figures.handoffsByRule;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `w` and `reasonWords` read the language from their module; `lang` draws the chart again when it changes.
  const build = useCallback(
    (target: HTMLElement) => {
      const names = rules.map((rule) => reasonWords(rule, flow));
      return new uPlot(
        {
          title,
          width: WIDTH,
          height: 260,
          scales: { x: { time: false, range: [-0.5, rules.length - 0.5] }, y: { range: fromZero } },
          series: [
            { label: w("handoffReasons"), value: (_u, index) => names[index] ?? "" },
            {
              label: w("seriesHandoffs"),
              stroke: "#b45309",
              fill: "rgba(217, 119, 6, 0.45)",
              paths: uPlot.paths.bars?.({ size: [0.6, 60] }),
              points: { show: false },
            },
          ],
          axes: [
            {
              splits: () => rules.map((_, index) => index),
              values: (_u, splits) => splits.map((index) => shorten(names[index] ?? "")),
              rotate: -20,
              size: 70,
            },
            { label: w("seriesHandoffs"), incrs: WHOLE_STEPS },
          ],
        },
        [rules.map((_, index) => index), rules.map((rule) => rule.count)],
        target,
      );
    },
    [rules, lang, title, flow],
  );
  if (rules.length === 0) return null;
  return <UPlot build={build} label={title} />;
}

/** Ticks of a count axis: whole numbers only (no 2.5 conversations). */
const WHOLE_STEPS = [
  1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 1_000_000,
];

/** Counts start at zero, so that bars compare by their height. */
const fromZero = (_u: uPlot, _min: number, max: number): uPlot.Range.MinMax => [0, Math.max(1, Math.ceil(max * 1.1))];

const shorten = (text: string) => (text.length > 22 ? `${text.slice(0, 21)}…` : text);
