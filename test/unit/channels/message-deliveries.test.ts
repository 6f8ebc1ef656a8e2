import { describe, expect, it } from "vitest";
import { deliveryState, pairWithMessages } from "../../../runtime/channels/message-deliveries.js";

const row = (id: number, text: string, createdAt: number, more: Partial<Parameters<typeof deliveryState>[0]> = {}) => ({
  id,
  message: JSON.stringify({ nodeId: "n", text }),
  createdAt,
  sentAt: null,
  failedAt: null,
  attempts: 0,
  lastError: null,
  ...more,
});

describe("pairing outbox rows with transcript entries", () => {
  it("pairs by time and text, in order, skipping customers' and notes' entries", () => {
    const messages = [
      { id: 1, role: "customer", text: "Bonjour", at: 10 },
      { id: 2, role: "bot", text: "Bonjour", at: 10 },
      { id: 3, role: "bot", text: "Que voulez-vous ?", at: 10 },
      { id: 4, role: "note", text: "Oui", at: 20 },
      { id: 5, role: "agent", text: "Oui", at: 20 },
      { id: 6, role: "agent", text: "Oui", at: 20 },
    ];
    const paired = pairWithMessages(messages, [
      row(100, "Bonjour", 10),
      row(101, "Que voulez-vous ?", 10),
      row(102, "Oui", 20),
      row(103, "Oui", 20),
      row(104, "Oui", 30),
    ]);
    expect([...paired]).toEqual([
      [100, 2],
      [101, 3],
      [102, 5],
      [103, 6],
    ]);
  });
});

describe("a message's delivery state", () => {
  it("is sending until the channel took it, with the last failure", () => {
    expect(deliveryState(row(1, "x", 1), [])).toEqual({ state: "sending" });
    expect(deliveryState(row(1, "x", 1, { attempts: 2, lastError: "The callback answered 503." }), [])).toEqual({
      state: "sending",
      error: "The callback answered 503.",
    });
  });

  it("is the least advanced of its provider messages once taken", () => {
    const sent = row(1, "x", 1, { sentAt: 2 });
    expect(deliveryState(sent, [])).toEqual({ state: "sent" });
    const parts = (...statuses: string[]) => statuses.map((status) => ({ outboxId: 1, status, error: null }));
    expect(deliveryState(sent, parts("read", "delivered"))).toEqual({ state: "delivered" });
    expect(deliveryState(sent, parts("read", "read"))).toEqual({ state: "read" });
  });

  it("is failed with the provider's reason when a part failed, or when the outbox gave up", () => {
    const sent = row(1, "x", 1, { sentAt: 2 });
    expect(
      deliveryState(sent, [
        { outboxId: 1, status: "read", error: null },
        { outboxId: 1, status: "failed", error: "131047 Re-engagement message" },
      ]),
    ).toEqual({ state: "failed", error: "131047 Re-engagement message" });
    expect(deliveryState(row(1, "x", 1, { failedAt: 3, attempts: 8, lastError: "down" }), [])).toEqual({
      state: "failed",
      error: "down",
    });
  });
});
