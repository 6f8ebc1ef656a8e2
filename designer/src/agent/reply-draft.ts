/** The agent's two boxes: a reply to the customer, or an internal note. */
export type ReplyMode = "reply" | "note";

/**
 * What an agent has typed and not sent yet, per conversation and per box (reply or internal note), kept
 * in localStorage: a reload, a crash of the tab or a look at another conversation loses none of it.
 * Each is kept with when it was last typed, so that those nobody comes back to (the conversation closed,
 * transferred, forgotten) are pruned when the console starts (see {@link repliesToPrune}).
 */
const PREFIX = "relais.reply.";
const key = (conversationId: string, mode: ReplyMode) => `${PREFIX}${conversationId}.${mode}`;
/** The keys written here. Another one, even under the prefix, is left alone: its value is not ours to read. */
const KEPT_KEY = /^relais\.reply\.(.+)\.(reply|note)$/;

/**
 * A month: an agent comes back to a conversation they are working on within days, and those still theirs
 * are kept however old. Untouched longer, the conversation has been closed or handed on since, and words
 * written for it then would no longer fit if it came back (or if its id were reused).
 */
export const REPLY_MAX_AGE_MS = 30 * 24 * 3600_000;
/**
 * The most recently typed drafts kept: a reply or a note is a few thousand characters at most, so this
 * many stay within a fraction of localStorage's ~5 MB, which the designer's unsaved flows share.
 */
export const REPLIES_KEPT = 200;

interface Kept {
  text: string;
  /** When it was last typed; undefined for a draft kept before drafts were dated. */
  at: number | undefined;
}

const stored = (text: string, at: number) => JSON.stringify({ text, at });

function dated(value: unknown): value is { text: string; at: number } {
  if (typeof value !== "object" || value === null) return false;
  const { text, at } = value as Record<string, unknown>;
  return typeof text === "string" && typeof at === "number" && Number.isFinite(at);
}

/**
 * Drafts kept before they were dated are the bare text, which is any string, JSON or not: only the exact
 * shape written here reads as dated (an agent who typed such an object as a reply is not worth a format).
 */
function read(value: string): Kept {
  try {
    const parsed: unknown = JSON.parse(value);
    if (dated(parsed)) return parsed;
  } catch {
    // Plain text, as drafts were kept before.
  }
  return { text: value, at: undefined };
}

export function keptReply(conversationId: string, mode: ReplyMode): string {
  try {
    const value = localStorage.getItem(key(conversationId, mode));
    return value === null ? "" : read(value).text;
  } catch {
    return "";
  }
}

export function keepReply(conversationId: string, mode: ReplyMode, text: string): void {
  try {
    if (text.trim()) localStorage.setItem(key(conversationId, mode), stored(text, Date.now()));
    else localStorage.removeItem(key(conversationId, mode));
  } catch {
    // A full or disabled storage only loses the safety net, not the text on screen.
  }
}

/** What pruning does to the drafts found: keys to remove, and new values for those kept that need dating. */
export interface ReplyPruning {
  drop: string[];
  date: [key: string, value: string][];
}

/**
 * Which of the stored `entries` (key, value) to drop at `now`: drafts not typed in for {@link REPLY_MAX_AGE_MS},
 * then all but the {@link REPLIES_KEPT} most recently typed. Drafts of the `open` conversations (the one on
 * screen, those in the agent's list) are kept however old and take their places first: the agent is still
 * working on them. Keys not written here are never dropped.
 *
 * A draft of unknown age (kept before drafts were dated, or dated ahead of `now` by a clock set wrong then)
 * counts as typed now and is dated so: dropping it at once could lose what was typed yesterday, and leaving it
 * undated would keep it forever; dated on first sight, it gets the whole age limit, as if just typed.
 */
export function repliesToPrune(
  entries: Iterable<readonly [string, string]>,
  now: number,
  open: ReadonlySet<string>,
): ReplyPruning {
  const drop: string[] = [];
  const kept: { key: string; text: string; at: number; known: boolean }[] = [];
  const others: typeof kept = [];
  for (const [entryKey, value] of entries) {
    const match = KEPT_KEY.exec(entryKey);
    if (!match) continue;
    const { text, at } = read(value);
    const known = at !== undefined && at <= now;
    const entry = { key: entryKey, text, at: known ? at : now, known };
    if (open.has(match[1] ?? "")) kept.push(entry);
    else if (now - entry.at > REPLY_MAX_AGE_MS) drop.push(entryKey);
    else others.push(entry);
  }
  others.sort((a, b) => b.at - a.at);
  const room = Math.max(0, REPLIES_KEPT - kept.length);
  kept.push(...others.slice(0, room));
  drop.push(...others.slice(room).map((entry) => entry.key));
  const date = kept
    .filter((entry) => !entry.known)
    .map((entry): [string, string] => [entry.key, stored(entry.text, now)]);
  return { drop, date };
}

/**
 * Prunes this browser's drafts (see {@link repliesToPrune}), keeping those of the `open` conversations. Only
 * the drafts' keys are read: the designer's unsaved flows, under other keys, can be large.
 */
export function pruneReplies(open: Iterable<string>): void {
  try {
    const entries: [string, string][] = [];
    for (let index = 0; index < localStorage.length; index++) {
      const entryKey = localStorage.key(index);
      if (!entryKey?.startsWith(PREFIX)) continue;
      const value = localStorage.getItem(entryKey);
      if (value !== null) entries.push([entryKey, value]);
    }
    const { drop, date } = repliesToPrune(entries, Date.now(), new Set(open));
    // Removed first: dating the others may need the room they free.
    for (const entryKey of drop) localStorage.removeItem(entryKey);
    for (const [entryKey, value] of date) localStorage.setItem(entryKey, value);
  } catch {
    // Disabled storage has nothing to prune; in a full one, what could not be dated is at the next start.
  }
}
