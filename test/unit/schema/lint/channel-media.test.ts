import { describe, expect, it } from "vitest";
import { type Flow, publishedOn } from "../../../../schema/index.js";
import { flowOf, problemsOf } from "./fixtures.js";

const withMedia = (media: unknown[]) =>
  flowOf([
    { id: "start", type: "start", next: "show" },
    { id: "show", type: "message", text: "Voici le colis", media, next: "bye" },
    { id: "bye", type: "end" },
  ]);

const menu = (labels: string[]) =>
  flowOf([
    { id: "start", type: "start", next: "menu" },
    {
      id: "menu",
      type: "message",
      text: "Quel sujet ?",
      choices: labels.map((label, i) => ({ id: `c${i}`, label, next: "bye" })),
    },
    { id: "bye", type: "end" },
  ]);

describe("channel rules apply to the channels the flow is published on", () => {
  const long = menu(["Suivre ma commande en cours", "Autre"]);

  it("warns of WhatsApp's button limits only when WhatsApp is among the channels", () => {
    expect(problemsOf("whatsapp-buttons", long, { channels: ["whatsapp", "webchat", "rest"] })).toHaveLength(1);
    expect(problemsOf("whatsapp-buttons", long, { channels: ["messenger", "webchat", "rest"] })).toEqual([]);
    expect(problemsOf("whatsapp-buttons", long, { channels: ["webchat", "rest"] })).toEqual([]);
  });

  it("checks every channel when none are given", () => {
    expect(problemsOf("whatsapp-buttons", long)).toHaveLength(1);
    expect(problemsOf("messenger-labels", long)).toEqual([]);
  });

  it("says Messenger's cut of 1 to 3 buttons itself when WhatsApp is not there to say it", () => {
    const found = problemsOf("messenger-labels", long, { channels: ["messenger"] });
    expect(found).toMatchObject([{ nodeId: "menu", pointer: "/nodes/1/choices/0/label", severity: "warning" }]);
    expect(found[0]?.message).toContain("Messenger buttons show at most 20");
  });

  it("leaves SMS segments alone for a flow no SMS number starts", () => {
    const longText = flowOf([
      { id: "start", type: "start", next: "say" },
      { id: "say", type: "message", text: "a".repeat(600), next: "bye" },
      { id: "bye", type: "end" },
    ]);
    expect(problemsOf("sms-segments", longText, { channels: ["sms"] })).toHaveLength(1);
    expect(problemsOf("sms-segments", longText, { channels: ["whatsapp", "webchat", "rest"] })).toEqual([]);
  });
});

describe("lint/sms-media", () => {
  it("says an SMS sends each medium as its link", () => {
    const flow = withMedia([
      { kind: "image", url: "https://cdn.example.fr/colis.jpg" },
      { kind: "file", url: "https://cdn.example.fr/facture.pdf" },
    ]);
    expect(problemsOf("sms-media", flow, { channels: ["sms"] })).toMatchObject([
      { nodeId: "show", pointer: "/nodes/1/media/0", severity: "warning", params: { kind: "image" } },
      { nodeId: "show", pointer: "/nodes/1/media/1", severity: "warning", params: { kind: "file" } },
    ]);
    expect(problemsOf("sms-media", flow, { channels: ["whatsapp", "messenger", "webchat", "rest"] })).toEqual([]);
  });
});

describe("lint/media-format", () => {
  it("warns of an image WhatsApp does not show (GIF) but Messenger does", () => {
    const flow = withMedia([{ kind: "image", url: "https://cdn.example.fr/Colis.GIF?v=2" }]);
    const found = problemsOf("media-format", flow);
    expect(found).toMatchObject([
      {
        nodeId: "show",
        pointer: "/nodes/1/media/0/url",
        params: { channel: "whatsapp", kind: "image", format: "gif", accepted: ["JPG", "JPEG", "PNG"] },
      },
    ]);
    expect(problemsOf("media-format", flow, { channels: ["messenger", "webchat"] })).toEqual([]);
  });

  it("warns of a MOV video on WhatsApp, and says nothing of templated or extensionless addresses", () => {
    expect(
      problemsOf("media-format", withMedia([{ kind: "video", url: "https://cdn.example.fr/demo.mov" }])),
    ).toMatchObject([{ params: { channel: "whatsapp", format: "mov" } }]);
    const unknown = withMedia([
      { kind: "image", url: "{{ product.photo }}" },
      { kind: "video", url: "https://video.example.fr/watch/42" },
      { kind: "file", url: "https://cdn.example.fr/notice.docx" },
    ]);
    expect(problemsOf("media-format", unknown)).toEqual([]);
  });
});

describe("lint/media-caption", () => {
  it("finds no caption lost: Messenger sends each after its attachment, WhatsApp an audio's after it", () => {
    const flow = withMedia([
      { kind: "image", url: "https://cdn.example.fr/colis.png", caption: "Votre colis" },
      { kind: "audio", url: "https://cdn.example.fr/message.mp3", caption: "Écoutez" },
    ]);
    expect(
      problemsOf("media-caption", flow, { channels: ["messenger", "whatsapp", "webchat", "rest", "sms"] }),
    ).toEqual([]);
  });

  it("warns of a caption past WhatsApp's 1,024 characters, per language", () => {
    const flow = flowOf(
      [
        { id: "start", type: "start", next: "show" },
        {
          id: "show",
          type: "message",
          text: { fr: "Voici", en: "Here" },
          media: [{ kind: "image", url: "https://cdn.example.fr/a.jpg", caption: { fr: "é".repeat(1025), en: "ok" } }],
          next: "bye",
        },
        { id: "bye", type: "end" },
      ],
      { languages: ["fr", "en"] },
    );
    expect(problemsOf("media-caption", flow, { channels: ["whatsapp"] })).toMatchObject([
      { pointer: "/nodes/1/media/0/caption/fr", params: { channel: "whatsapp", length: 1025, limit: 1024 } },
    ]);
  });
});

describe("publishedOn", () => {
  const flows = new Map<string, Flow>([
    [
      "main",
      flowOf([
        { id: "start", type: "start", next: "who" },
        { id: "who", type: "jump", flow: "identify", next: "bye" },
        { id: "bye", type: "end" },
      ]),
    ],
    [
      "identify",
      flowOf([
        { id: "start", type: "start", next: "bye" },
        { id: "bye", type: "end" },
      ]),
    ],
    [
      "other",
      flowOf([
        { id: "start", type: "start", next: "bye" },
        { id: "bye", type: "end" },
      ]),
    ],
  ]);

  it("names the channels that start the flow or a flow that jumps to it, and always the web chat and REST", () => {
    const starts = { whatsapp: "main", sms: "other" };
    expect(publishedOn("main", starts, flows)).toEqual(["whatsapp", "webchat", "rest"]);
    expect(publishedOn("identify", starts, flows)).toEqual(["whatsapp", "webchat", "rest"]);
    expect(publishedOn("other", starts, flows)).toEqual(["sms", "webchat", "rest"]);
    expect(publishedOn("other", {}, flows)).toEqual(["webchat", "rest"]);
  });

  it("ends on jumps that loop", () => {
    const loop = new Map<string, Flow>([
      [
        "a",
        flowOf([
          { id: "start", type: "start", next: "j" },
          { id: "j", type: "jump", flow: "a", next: "bye" },
          { id: "bye", type: "end" },
        ]),
      ],
    ]);
    expect(publishedOn("b", { messenger: "a" }, loop)).toEqual(["webchat", "rest"]);
  });
});
