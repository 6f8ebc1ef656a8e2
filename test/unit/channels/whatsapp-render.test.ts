import { describe, expect, it } from "vitest";
import type { SendContext } from "../../../runtime/channels/adapter.js";
import { renderWhatsApp, type WhatsAppPayload } from "../../../runtime/channels/whatsapp/render.js";

const now = Date.UTC(2026, 10, 30, 12);
const open: SendContext = { lastCustomerAt: now - 60_000, now, fromAgent: false, language: "fr" };
const choices = (n: number, label = (i: number) => `Choix ${i}`) =>
  Array.from({ length: n }, (_, i) => ({ id: `c${i + 1}`, label: label(i + 1) }));
const render = (message: Parameters<typeof renderWhatsApp>[0], context = open) => {
  const result = renderWhatsApp(message, context, undefined);
  if ("refused" in result) throw new Error(result.refused);
  return result;
};
const interactive = (payload: WhatsAppPayload | undefined) => {
  if (payload?.type !== "interactive") throw new Error(`not interactive: ${JSON.stringify(payload)}`);
  return payload.interactive;
};

describe("a bot message on WhatsApp", () => {
  it("is a text message, with a link preview when it holds a link", () => {
    expect(render({ nodeId: "n", text: "Bonjour" })).toEqual([
      { type: "text", text: { body: "Bonjour", preview_url: false } },
    ]);
    expect(render({ nodeId: "n", text: "Suivez https://x.fr/a" })[0]).toMatchObject({
      text: { preview_url: true },
    });
  });

  it("shows 1 to 3 choices as reply buttons, titles cut at 20 characters, ids kept", () => {
    const [payload] = render({ nodeId: "n", text: "Que voulez-vous ?", choices: choices(3) });
    const shown = interactive(payload);
    expect(shown.type).toBe("button");
    if (shown.type !== "button") return;
    expect(shown.body.text).toBe("Que voulez-vous ?");
    expect(shown.action.buttons.map((b) => b.reply.id)).toEqual(["c1", "c2", "c3"]);
    const long = render({ nodeId: "n", text: "?", choices: [{ id: "a", label: "Suivre ma commande en cours" }] });
    const button = interactive(long[0]);
    if (button.type !== "button") throw new Error("not buttons");
    expect(button.action.buttons[0]?.reply.title).toBe("Suivre ma commande…");
    expect([...(button.action.buttons[0]?.reply.title ?? "")].length).toBeLessThanOrEqual(20);
  });

  it("shows 4 to 10 choices as a list, rows cut at 24 with the whole label below (up to 72)", () => {
    const label = (i: number) =>
      i === 4 ? "Un libellé bien trop long pour une ligne de liste WhatsApp" : `Choix ${i}`;
    const [payload] = render({ nodeId: "n", text: "Choisissez", choices: choices(10, label) });
    const shown = interactive(payload);
    expect(shown.type).toBe("list");
    if (shown.type !== "list") return;
    const rows = shown.action.sections[0]?.rows ?? [];
    expect(rows).toHaveLength(10);
    expect(shown.action.button).toBe("Choisir");
    expect([...(rows[3]?.title ?? "")].length).toBeLessThanOrEqual(24);
    expect(rows[3]?.description).toBe("Un libellé bien trop long pour une ligne de liste WhatsApp");
    expect(rows[0]).toEqual({ id: "c1", title: "Choix 1" });
    expect(render({ nodeId: "n", text: "x", choices: choices(4) }, { ...open, language: "en" })[0]).toMatchObject({
      interactive: { action: { button: "Choose" } },
    });
  });

  it("cuts a list row description at 72 characters", () => {
    const [payload] = render({ nodeId: "n", text: "?", choices: choices(5, () => "x".repeat(100)) });
    const shown = interactive(payload);
    if (shown.type !== "list") throw new Error("not a list");
    expect([...(shown.action.sections[0]?.rows[0]?.description ?? "")].length).toBe(72);
  });

  it("shows more than 10 choices as numbered lines the customer answers with a number", () => {
    const [payload] = render({ nodeId: "n", text: "Votre magasin ?", choices: choices(11) });
    expect(payload).toEqual({
      type: "text",
      text: {
        body: `Votre magasin ?\n${choices(11)
          .map((c, i) => `${i + 1}. ${c.label}`)
          .join("\n")}`,
        preview_url: false,
      },
    });
  });

  it("keeps a body with buttons within 1,024 characters, the rest in a text before", () => {
    const text = `${"Une phrase de détail. ".repeat(60)}Que faisons-nous ?`;
    const payloads = render({ nodeId: "n", text, choices: choices(2) });
    expect(payloads.length).toBeGreaterThan(1);
    const last = interactive(payloads.at(-1));
    expect([...last.body.text].length).toBeLessThanOrEqual(1024);
    for (const payload of payloads.slice(0, -1)) {
      expect(payload.type).toBe("text");
      if (payload.type === "text") expect([...payload.text.body].length).toBeLessThanOrEqual(4096);
    }
    const all = payloads.map((p) => (p.type === "text" ? p.text.body : interactive(p).body.text)).join(" ");
    expect(all.replace(/\s+/g, " ")).toBe(text.trim().replace(/\s+/g, " "));
  });

  it("splits a text over 4,096 characters into several messages", () => {
    const payloads = render({ nodeId: "n", text: "mot ".repeat(2000) });
    expect(payloads).toHaveLength(2);
    for (const payload of payloads) {
      if (payload.type === "text") expect([...payload.text.body].length).toBeLessThanOrEqual(4096);
    }
  });

  it("gives a message of choices only a body in the customer's language", () => {
    expect(interactive(render({ nodeId: "n", text: "", choices: choices(2) })[0]).body.text).toBe("Choisissez :");
    expect(
      interactive(render({ nodeId: "n", text: "", choices: choices(2) }, { ...open, language: "en" })[0]).body.text,
    ).toBe("Choose:");
  });

  it("sends media first, with captions, an audio's as a text after it", () => {
    const payloads = render({
      nodeId: "n",
      text: "Voici",
      media: [
        { kind: "image", url: "https://x.fr/a.png", caption: "Le colis" },
        { kind: "video", url: "https://x.fr/a.mp4" },
        { kind: "audio", url: "https://x.fr/a.ogg", caption: "Écoutez le livreur" },
        { kind: "file", url: "https://x.fr/a.pdf", caption: "Facture" },
      ],
    });
    expect(payloads).toEqual([
      { type: "image", image: { link: "https://x.fr/a.png", caption: "Le colis" } },
      { type: "video", video: { link: "https://x.fr/a.mp4" } },
      { type: "audio", audio: { link: "https://x.fr/a.ogg" } },
      { type: "text", text: { body: "Écoutez le livreur", preview_url: false } },
      { type: "document", document: { link: "https://x.fr/a.pdf", caption: "Facture" } },
      { type: "text", text: { body: "Voici", preview_url: false } },
    ]);
  });

  it("outside the 24-hour window sends only the template, or refuses without one", () => {
    const late = { ...open, lastCustomerAt: now - 25 * 3_600_000 };
    expect(renderWhatsApp({ nodeId: "n", text: "Bonjour" }, late, { name: "reprise", language: "fr" })).toEqual([
      { type: "template", template: { name: "reprise", language: { code: "fr" } } },
    ]);
    const refused = renderWhatsApp({ nodeId: "n", text: "Bonjour" }, late, undefined);
    expect(refused).toEqual({ refused: expect.stringContaining("WHATSAPP_TEMPLATE") });
    expect(
      renderWhatsApp({ nodeId: "n", text: "x" }, { ...open, lastCustomerAt: undefined }, undefined),
    ).toHaveProperty("refused");
  });
});
