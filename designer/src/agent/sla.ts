export type SlaState = "none" | "ok" | "soon" | "late";

/**
 * Where a case stands against its SLA: `late` once due, `soon` in the last quarter of the target
 * (at least the last 5 minutes), `ok` before. `none` when nothing waits.
 */
export function slaState(dueAt: number | undefined, now: number, targetMinutes?: number): SlaState {
  if (dueAt === undefined || Number.isNaN(dueAt)) return "none";
  const left = dueAt - now;
  if (left <= 0) return "late";
  const warnMs = Math.max(5 * 60_000, ((targetMinutes ?? 0) * 60_000) / 4);
  return left <= warnMs ? "soon" : "ok";
}

/** `45 s`, `12 min`, `3 h`, `3 h 05`, `2 j 4 h`: a duration read at a glance. */
export function formatDuration(ms: number, lang: "fr" | "en" = "fr"): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${String(minutes % 60).padStart(2, "0")}`;
  const days = Math.floor(hours / 24);
  return `${days} ${lang === "fr" ? "j" : "d"} ${hours % 24} h`;
}
