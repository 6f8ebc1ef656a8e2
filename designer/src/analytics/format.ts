import { formatDuration } from "../agent/sla.js";
import type { Language } from "../i18n.js";

/** `62 %` in French, `62%` in English; a dash when there is nothing to divide by. */
export function percent(share: number | null, language: Language): string {
  if (share === null) return "—";
  const value = Math.round(share * 1000) / 10;
  const text = value.toLocaleString(language === "fr" ? "fr-FR" : "en-GB", { maximumFractionDigits: 1 });
  return language === "fr" ? `${text} %` : `${text}%`;
}

export const share = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

/** A whole or half number in the language's way (`1 234`, `2,5`). */
export const number = (value: number | null, language: Language): string =>
  value === null ? "—" : value.toLocaleString(language === "fr" ? "fr-FR" : "en-GB", { maximumFractionDigits: 1 });

export const duration = (seconds: number | null, language: Language): string =>
  seconds === null ? "—" : formatDuration(seconds * 1000, language);

/**
 * The colour of a node reached by `share` of the conversations: from a pale to a deep blue, so the
 * busy path stands out; a node no conversation reached stays grey.
 */
export function reachColour(share: number | null): string {
  if (share === null || share <= 0) return "#f3f4f6";
  const clamped = Math.min(1, share);
  const lightness = Math.round(95 - 55 * clamped);
  return `hsl(217 90% ${lightness}%)`;
}

/** Text that stays readable on {@link reachColour}. */
export const inkOn = (share: number | null): string => (share !== null && share > 0.55 ? "#fff" : "#111827");

/** An edge's stroke width: 1 px for none, up to 8 px for every conversation. */
export const edgeWidth = (share: number | null): number => 1 + Math.round(7 * Math.min(1, share ?? 0));

/** The period of the last `days` days ending today (UTC), as the API reads it. */
export function lastDays(days: number, today: Date): { from: string; to: string } {
  const to = today.toISOString().slice(0, 10);
  const from = new Date(today.getTime() - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  return { from, to };
}
