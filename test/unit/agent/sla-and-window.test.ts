import { describe, expect, it } from "vitest";
import { channelWindow, lastCustomerMessageAt } from "../../../designer/src/agent/channel-window.js";
import { formatDuration, slaState } from "../../../designer/src/agent/sla.js";

const now = Date.parse("2026-11-23T10:00:00Z");
const minutes = (n: number) => n * 60_000;

describe("SLA state", () => {
  it("is none when nothing waits, ok early, soon in the last quarter, late once due", () => {
    expect(slaState(undefined, now, 30)).toBe("none");
    expect(slaState(now + minutes(20), now, 30)).toBe("ok");
    expect(slaState(now + minutes(7), now, 30)).toBe("soon");
    expect(slaState(now, now, 30)).toBe("late");
    expect(slaState(now - minutes(1), now, 30)).toBe("late");
  });

  it("warns at least 5 minutes ahead of a short target", () => {
    expect(slaState(now + minutes(4), now, 10)).toBe("soon");
    expect(slaState(now + minutes(6), now, 10)).toBe("ok");
    expect(slaState(now + minutes(31), now, 120)).toBe("ok");
    expect(slaState(now + minutes(29), now, 120)).toBe("soon");
  });

  it("formats waits at a glance", () => {
    expect(formatDuration(45_000)).toBe("45 s");
    expect(formatDuration(minutes(12))).toBe("12 min");
    expect(formatDuration(minutes(180))).toBe("3 h");
    expect(formatDuration(minutes(185))).toBe("3 h 05");
    expect(formatDuration(minutes(60 * 52))).toBe("2 j 4 h");
    expect(formatDuration(minutes(60 * 52), "en")).toBe("2 d 4 h");
  });
});

describe("WhatsApp 24-hour window", () => {
  it("closes 24 h after the customer's last message", () => {
    const last = now - minutes(21 * 60);
    expect(channelWindow(last, now, 24)).toEqual({
      open: true,
      closesAt: last + 24 * 3600_000,
      remainingMs: minutes(180),
    });
    expect(formatDuration(channelWindow(last, now, 24)?.remainingMs ?? 0)).toBe("3 h");
    expect(channelWindow(now - minutes(25 * 60), now, 24)).toMatchObject({ open: false, remainingMs: 0 });
  });

  it("does not apply to channels without a window or before the customer wrote", () => {
    expect(channelWindow(now, now, undefined)).toBeUndefined();
    expect(channelWindow(undefined, now, 24)).toBeUndefined();
  });

  it("takes the last customer message of the transcript, not the last message", () => {
    const transcript = [
      { role: "customer", at: "2026-11-23T07:00:00Z" },
      { role: "bot", at: "2026-11-23T07:00:01Z" },
      { role: "customer", at: "2026-11-23T08:30:00Z" },
      { role: "agent", at: "2026-11-23T09:00:00Z" },
    ];
    expect(lastCustomerMessageAt(transcript)).toBe(Date.parse("2026-11-23T08:30:00Z"));
    expect(lastCustomerMessageAt([{ role: "bot", at: "2026-11-23T07:00:01Z" }])).toBeUndefined();
  });
});
