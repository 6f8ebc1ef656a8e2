import type { AnalyticsFigures } from "../../schema/api/analytics.js";

/** The CSV's columns: one figure per line, so a spreadsheet pivots it any way. */
export const CSV_HEADER = ["flow", "version", "from", "to", "figure", "subject", "value"] as const;

/** A field as RFC 4180 writes it, and never read as a formula by a spreadsheet. */
export function field(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === "string") text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Figures as CSV lines (`\r\n`), one per figure; several sets (a comparison) follow each other under one header. */
export function figuresCsv(sets: readonly AnalyticsFigures[]): string {
  const lines: (string | number | null)[][] = [[...CSV_HEADER]];
  for (const figures of sets) {
    const line = (figure: string, subject: string, value: number | null) =>
      lines.push([figures.flowId, figures.version ?? "all", figures.from, figures.to, figure, subject, value]);
    const { conversations } = figures;
    line("started", "", conversations.started);
    line("contained", "", conversations.contained);
    line("handed_over", "", conversations.handedOver);
    line("abandoned", "", conversations.abandoned);
    line("ongoing", "", conversations.ongoing);
    line("containment", "", figures.containment === null ? null : round(figures.containment));
    line("median_messages", "", figures.medianMessages);
    line("median_resolution_seconds", "", figures.medianResolutionSeconds);
    line("median_handoff_seconds", "", figures.medianHandoffSeconds);
    for (const rule of figures.handoffsByRule) line("handed_over_by_rule", rule.ruleId, rule.count);
    for (const node of figures.handoffsByNode) line("handed_over_at_node", `${node.flowId}/${node.nodeId}`, node.count);
    for (const node of figures.nodes) {
      line("node_reached", node.nodeId, node.reached);
      line("node_drop_off", node.nodeId, node.dropOff);
      if (node.answers > 0) {
        line("node_answers", node.nodeId, node.answers);
        line("node_not_understood", node.nodeId, node.notUnderstood);
      }
    }
    for (const transition of figures.transitions) line("transition_taken", transition.id, transition.count);
    for (const day of figures.days) {
      line("day_started", day.day, day.started);
      line("day_contained", day.day, day.contained);
      line("day_handed_over", day.day, day.handedOver);
    }
  }
  return `${lines.map((values) => values.map(field).join(",")).join("\r\n")}\r\n`;
}

const round = (share: number) => Math.round(share * 10_000) / 10_000;
