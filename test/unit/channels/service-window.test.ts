import { describe, expect, it } from "vitest";
import { nextStatus } from "../../../runtime/channels/delivery-status.js";
import { windowState } from "../../../runtime/channels/service-window.js";

const HOUR = 3_600_000;
const now = Date.UTC(2026, 10, 30, 12);

describe("the customer-service window, on an injected clock", () => {
  const whatsapp = { hours: 24, fromAgent: false };
  it("is open within 24 hours of the customer's last message, closed after", () => {
    expect(windowState(now - 23 * HOUR, now, whatsapp)).toBe("open");
    expect(windowState(now - 24 * HOUR + 1, now, whatsapp)).toBe("open");
    expect(windowState(now - 24 * HOUR, now, whatsapp)).toBe("closed");
    expect(windowState(undefined, now, whatsapp)).toBe("closed");
  });

  it("lets a person answer on Messenger for 7 days, never the bot", () => {
    const messenger = { hours: 24, humanAgentHours: 7 * 24 };
    expect(windowState(now - 3 * 24 * HOUR, now, { ...messenger, fromAgent: true })).toBe("human-agent");
    expect(windowState(now - 3 * 24 * HOUR, now, { ...messenger, fromAgent: false })).toBe("closed");
    expect(windowState(now - 8 * 24 * HOUR, now, { ...messenger, fromAgent: true })).toBe("closed");
    expect(windowState(now - HOUR, now, { ...messenger, fromAgent: true })).toBe("open");
  });
});

describe("delivery statuses only move forward", () => {
  it("goes sent → delivered → read", () => {
    expect(nextStatus("sent", "delivered")).toBe("delivered");
    expect(nextStatus("delivered", "read")).toBe("read");
    expect(nextStatus("sent", "read")).toBe("read");
  });
  it("never goes back from read to delivered, nor repeats", () => {
    expect(nextStatus("read", "delivered")).toBeUndefined();
    expect(nextStatus("read", "sent")).toBeUndefined();
    expect(nextStatus("delivered", "delivered")).toBeUndefined();
  });
  it("takes a failure only before delivery, and nothing after a failure", () => {
    expect(nextStatus("sent", "failed")).toBe("failed");
    expect(nextStatus("delivered", "failed")).toBeUndefined();
    expect(nextStatus("failed", "delivered")).toBeUndefined();
  });
});
