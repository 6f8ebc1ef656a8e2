import { afterEach, describe, expect, it, vi } from "vitest";
import {
  keepReply,
  keptReply,
  pruneReplies,
  REPLIES_KEPT,
  REPLY_MAX_AGE_MS,
  repliesToPrune,
} from "../../../designer/src/agent/reply-draft.js";

const now = Date.parse("2026-11-23T10:00:00Z");
const days = (n: number) => n * 24 * 3600_000;
const draft = (text: string, at: number) => JSON.stringify({ text, at });
const none = new Set<string>();

describe("which reply drafts are pruned", () => {
  it("drops drafts not typed in for longer than the age limit, and only those", () => {
    const { drop, date } = repliesToPrune(
      [
        ["relais.reply.old.reply", draft("Je regarde", now - REPLY_MAX_AGE_MS - 1)],
        ["relais.reply.old.note", draft("Client pressé", now - days(90))],
        ["relais.reply.limit.reply", draft("Tout juste", now - REPLY_MAX_AGE_MS)],
        ["relais.reply.fresh.note", draft("Hier", now - days(1))],
      ],
      now,
      none,
    );
    expect(drop.sort()).toEqual(["relais.reply.old.note", "relais.reply.old.reply"]);
    expect(date).toEqual([]);
  });

  it("keeps the most recently typed drafts up to the cap, whatever order they are stored in", () => {
    const count = REPLIES_KEPT + 50;
    const entries = Array.from({ length: count }, (_, index) => {
      // Stored shuffled: the draft typed `index` minutes ago.
      const age = (index * 7) % count;
      return [`relais.reply.c${age}.reply`, draft(`texte ${age}`, now - age * 60_000)] as const;
    });
    const { drop } = repliesToPrune(entries, now, none);
    expect(drop.sort()).toEqual(
      Array.from({ length: 50 }, (_, index) => `relais.reply.c${REPLIES_KEPT + index}.reply`).sort(),
    );
  });

  it("keeps the drafts of the conversations open or in the agent's list however old, ahead of the others", () => {
    const entries = [
      ["relais.reply.mine.reply", draft("Je reviens vers vous", now - days(400))],
      ["relais.reply.mine.note", draft("À rappeler", now - days(60))],
      ...Array.from(
        { length: REPLIES_KEPT },
        (_, index) => [`relais.reply.c${index}.note`, draft("note", now - index * 60_000)] as const,
      ),
    ] as const;
    const { drop } = repliesToPrune(entries, now, new Set(["mine", "elsewhere"]));
    expect(drop).not.toContain("relais.reply.mine.reply");
    expect(drop).not.toContain("relais.reply.mine.note");
    // The two kept take two places of the cap from the oldest of the others.
    expect(drop.sort()).toEqual([`relais.reply.c${REPLIES_KEPT - 2}.note`, `relais.reply.c${REPLIES_KEPT - 1}.note`]);
  });

  it("keeps plain-text drafts from before drafts were dated, dated now, so that they age from now on", () => {
    const legacy = [
      ["relais.reply.legacy.reply", "Je regarde où en est l'expédition"],
      ["relais.reply.json-like.note", '{"text":"pas une date"}'],
      ["relais.reply.number.reply", "42"],
    ] as const;
    const first = repliesToPrune(legacy, now, none);
    expect(first.drop).toEqual([]);
    expect(first.date).toEqual([
      ["relais.reply.legacy.reply", draft("Je regarde où en est l'expédition", now)],
      ["relais.reply.json-like.note", draft('{"text":"pas une date"}', now)],
      ["relais.reply.number.reply", draft("42", now)],
    ]);
    const later = now + REPLY_MAX_AGE_MS + 1;
    expect(repliesToPrune(first.date, later, none).drop.sort()).toEqual([
      "relais.reply.json-like.note",
      "relais.reply.legacy.reply",
      "relais.reply.number.reply",
    ]);
  });

  it("dates as of now a draft dated in the future by a clock set wrong, rather than keeping it for ever", () => {
    const { drop, date } = repliesToPrune(
      [["relais.reply.ahead.reply", draft("En avance", now + days(365))]],
      now,
      none,
    );
    expect(drop).toEqual([]);
    expect(date).toEqual([["relais.reply.ahead.reply", draft("En avance", now)]]);
  });

  it("never drops nor rewrites a key it did not write, however old its value looks", () => {
    const old = draft("vieux", now - days(400));
    const { drop, date } = repliesToPrune(
      [
        ["relais.draft.order-status", old],
        ["relais-session-choices", old],
        ["relais.replyold.reply", old],
        ["relais.reply.old.attachment", old],
        ["relais.reply.", "plain"],
        ["relais.reply.gone.reply", old],
      ],
      now,
      none,
    );
    expect(drop).toEqual(["relais.reply.gone.reply"]);
    expect(date).toEqual([]);
  });
});

/** A localStorage as the browser's, over a Map, recording what is read. */
class MemoryStorage {
  readonly items = new Map<string, string>();
  readonly read: string[] = [];
  get length() {
    return this.items.size;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  getItem(name: string) {
    this.read.push(name);
    return this.items.get(name) ?? null;
  }
  setItem(name: string, value: string) {
    this.items.set(name, value);
  }
  removeItem(name: string) {
    this.items.delete(name);
  }
}

describe("reply drafts in localStorage", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it("reads a plain-text draft from before as it reads a dated one", () => {
    const storage = new MemoryStorage();
    vi.stubGlobal("localStorage", storage);
    vi.useFakeTimers({ now });
    storage.setItem("relais.reply.legacy.reply", "Texte d'avant");
    expect(keptReply("legacy", "reply")).toBe("Texte d'avant");
    keepReply("fresh", "note", "Client pressé");
    expect(storage.items.get("relais.reply.fresh.note")).toBe(draft("Client pressé", now));
    expect(keptReply("fresh", "note")).toBe("Client pressé");
  });

  it("prunes on start reading only the drafts' keys, leaving the others as they were", () => {
    const storage = new MemoryStorage();
    vi.stubGlobal("localStorage", storage);
    vi.useFakeTimers({ now });
    const flow = JSON.stringify({ doc: { flow: {}, layout: {} } });
    storage.setItem("relais.draft.order-status", flow);
    storage.setItem("relais.reply.gone.reply", draft("vieux", now - days(45)));
    storage.setItem("relais.reply.mine.note", draft("vieux mais à moi", now - days(45)));
    storage.setItem("relais.reply.legacy.reply", "Texte d'avant");
    storage.read.length = 0;
    pruneReplies(["mine"]);
    expect(storage.read).not.toContain("relais.draft.order-status");
    expect(Object.fromEntries(storage.items)).toEqual({
      "relais.draft.order-status": flow,
      "relais.reply.mine.note": draft("vieux mais à moi", now - days(45)),
      "relais.reply.legacy.reply": draft("Texte d'avant", now),
    });
  });

  it("never throws when storage is disabled or full", () => {
    const refuse = () => {
      throw new DOMException("refused", "SecurityError");
    };
    vi.stubGlobal("localStorage", {
      get length() {
        return refuse();
      },
      key: refuse,
      getItem: refuse,
      setItem: refuse,
      removeItem: refuse,
    });
    expect(() => pruneReplies(["mine"])).not.toThrow();
    expect(() => keepReply("mine", "reply", "Bonjour")).not.toThrow();
    expect(keptReply("mine", "reply")).toBe("");
  });
});
