import type { AnalyticsFigures } from "../../../schema/api/index.js";
import type { Flow } from "../../../schema/index.js";
import { language, useLanguage } from "../i18n.js";
import { duration, number, percent, share } from "./format.js";
import { reasonWords, stepWords } from "./reasons.js";
import { type AnalyticsWord, w } from "./words.js";

type Row = { label: AnalyticsWord; hint?: AnalyticsWord; value: (figures: AnalyticsFigures) => string };

const rows: Row[] = [
  { label: "started", value: (f) => number(f.conversations.started, language) },
  { label: "containment", value: (f) => percent(f.containment, language) },
  { label: "contained", value: (f) => number(f.conversations.contained, language) },
  {
    label: "handedOver",
    value: (f) =>
      `${number(f.conversations.handedOver, language)} (${percent(share(f.conversations.handedOver, f.conversations.started), language)})`,
  },
  {
    label: "abandoned",
    hint: "abandonedHint",
    value: (f) =>
      `${number(f.conversations.abandoned, language)} (${percent(share(f.conversations.abandoned, f.conversations.started), language)})`,
  },
  { label: "ongoing", value: (f) => number(f.conversations.ongoing, language) },
  { label: "medianMessages", value: (f) => number(f.medianMessages, language) },
  { label: "medianResolution", value: (f) => duration(f.medianResolutionSeconds, language) },
  { label: "medianHandoff", value: (f) => duration(f.medianHandoffSeconds, language) },
];

/**
 * A flow's figures in words, and when a second version is given, both side by side
 * (« Résolues par le bot 62 % → 71 % »), so that a publication can be judged.
 */
export function FiguresPanel({
  figures,
  other,
  flow,
}: {
  figures: AnalyticsFigures;
  other?: AnalyticsFigures;
  flow: Flow | undefined;
}) {
  useLanguage();
  const answered = figures.nodes.filter((node) => node.answers > 0);
  return (
    <div className="figures">
      <table className="key-figures">
        {other && (
          <thead>
            <tr>
              <th>{w("figure")}</th>
              <th>{w("versionN", { version: figures.version ?? "" })}</th>
              <th>{w("versionN", { version: other.version ?? "" })}</th>
            </tr>
          </thead>
        )}
        <tbody>
          {rows.map((row) => (
            <tr key={row.label} data-figure={row.label}>
              <th scope="row">
                {w(row.label)}
                {row.hint && <small>{w(row.hint, { minutes: figures.abandonAfterMinutes })}</small>}
              </th>
              <td>{row.value(figures)}</td>
              {other && <td className="compared">→ {row.value(other)}</td>}
            </tr>
          ))}
        </tbody>
      </table>

      <h3>{w("handoffReasons")}</h3>
      {figures.handoffsByRule.length === 0 && !other?.handoffsByRule.length ? (
        <p className="empty">{w("noHandoff")}</p>
      ) : (
        <table className="reasons">
          <tbody>
            {mergeIds(figures.handoffsByRule, other?.handoffsByRule, (rule) => rule.ruleId).map(
              ([id, mine, theirs]) => (
                <tr key={id} data-rule={id}>
                  <th scope="row">{reasonWords((mine ?? theirs) as NonNullable<typeof mine>, flow)}</th>
                  <td>{number(mine?.count ?? 0, language)}</td>
                  {other && <td className="compared">→ {number(theirs?.count ?? 0, language)}</td>}
                </tr>
              ),
            )}
          </tbody>
        </table>
      )}

      <h3>{w("handoffNodes")}</h3>
      {figures.handoffsByNode.length === 0 && !other?.handoffsByNode.length ? (
        <p className="empty">{w("noHandoff")}</p>
      ) : (
        <table className="reasons">
          <tbody>
            {mergeIds(figures.handoffsByNode, other?.handoffsByNode, (node) => `${node.flowId}/${node.nodeId}`).map(
              ([id, mine, theirs]) => {
                const node = (mine ?? theirs) as NonNullable<typeof mine>;
                const name = node.flowId === flow?.id ? stepWords(flow, node.nodeId) : id;
                return (
                  <tr key={id}>
                    <th scope="row">{name}</th>
                    <td>{number(mine?.count ?? 0, language)}</td>
                    {other && <td className="compared">→ {number(theirs?.count ?? 0, language)}</td>}
                  </tr>
                );
              },
            )}
          </tbody>
        </table>
      )}

      <h3>{w("notUnderstood")}</h3>
      {answered.length === 0 ? (
        <p className="empty">{w("noAnswers")}</p>
      ) : (
        <table className="reasons">
          <tbody>
            {answered
              .sort((a, b) => (share(b.notUnderstood, b.answers) ?? 0) - (share(a.notUnderstood, a.answers) ?? 0))
              .map((node) => {
                const theirs = other?.nodes.find((candidate) => candidate.nodeId === node.nodeId);
                const words = (n: { notUnderstood: number; answers: number }) =>
                  w("notUnderstoodShare", {
                    share: percent(share(n.notUnderstood, n.answers), language),
                    misses: number(n.notUnderstood, language),
                    answers: number(n.answers, language),
                  });
                return (
                  <tr key={node.nodeId} data-node={node.nodeId}>
                    <th scope="row">{stepWords(flow, node.nodeId)}</th>
                    <td>{words(node)}</td>
                    {other && <td className="compared">→ {theirs ? words(theirs) : "—"}</td>}
                  </tr>
                );
              })}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** Entries of two lists by id, in the first list's order, then those only the second has. */
function mergeIds<T>(mine: readonly T[], theirs: readonly T[] | undefined, id: (entry: T) => string) {
  const rows = new Map<string, [string, T | undefined, T | undefined]>();
  for (const entry of mine) rows.set(id(entry), [id(entry), entry, undefined]);
  for (const entry of theirs ?? []) {
    const row = rows.get(id(entry));
    if (row) row[2] = entry;
    else rows.set(id(entry), [id(entry), undefined, entry]);
  }
  return [...rows.values()];
}
