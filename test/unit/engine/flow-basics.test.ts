import { describe, expect, it } from "vitest";
import { Conversation, makeDeps, makeFlow } from "./harness.js";

describe("start, message, set, condition, end", () => {
  const flow = makeFlow(
    [
      { id: "start", type: "start", next: "hello" },
      {
        id: "hello",
        type: "message",
        text: { fr: "Bonjour {{ firstName }} !", en: "Hello {{ firstName }}!" },
        next: "compute",
      },
      {
        id: "compute",
        type: "set",
        assign: [
          { variable: "order.total", value: "order.subtotal + 40" },
          { variable: "order.vip", value: "order.total >= 500" },
        ],
        next: "route",
      },
      {
        id: "route",
        type: "condition",
        rules: [
          { id: "vip", when: "order.vip", next: "vip" },
          { id: "small", when: "order.total < 100", next: "small" },
        ],
        else: "regular",
      },
      { id: "vip", type: "end", text: "Commande {{ order.total }} € : merci, client privilégié." },
      { id: "small", type: "end", text: "Petite commande." },
      { id: "regular", type: "end" },
    ],
    { variables: { firstName: { type: "string", default: "Camille" }, order: { type: "object" } } },
  );

  it("runs straight through to the end, each assignment seeing the previous one", async () => {
    const conversation = new Conversation(flow);
    const result = await conversation.start({ order: { subtotal: 700 } });
    expect(conversation.texts).toEqual(["Bonjour Camille !", "Commande 740 € : merci, client privilégié."]);
    expect(result.status).toEqual({ type: "end" });
    expect(result.state.status).toBe("ended");
    expect(result.state.variables).toEqual({ firstName: "Camille", order: { subtotal: 700, total: 740, vip: true } });
    expect(result.errors).toEqual([]);
  });

  it("takes the first rule that holds, then `else` when none does", async () => {
    const small = new Conversation(flow);
    await small.start({ order: { subtotal: 20 } });
    expect(small.texts.at(-1)).toBe("Petite commande.");
    const regular = new Conversation(flow);
    const result = await regular.start({ order: { subtotal: 200 } });
    expect(regular.texts).toEqual(["Bonjour Camille !"]);
    expect(result.status).toEqual({ type: "end" });
  });

  it("records each node reached with the transition taken, the visits and the end for analytics", async () => {
    const conversation = new Conversation(flow);
    const result = await conversation.start({ order: { subtotal: 20 } });
    expect(result.events).toEqual([
      { type: "node", flowId: "test-flow", nodeId: "start" },
      { type: "node", flowId: "test-flow", nodeId: "hello", from: "start", handle: "next" },
      { type: "node", flowId: "test-flow", nodeId: "compute", from: "hello", handle: "next" },
      { type: "node", flowId: "test-flow", nodeId: "route", from: "compute", handle: "next" },
      { type: "node", flowId: "test-flow", nodeId: "small", from: "route", handle: "rule:small" },
      { type: "end", flowId: "test-flow", nodeId: "small" },
    ]);
    expect(result.state.visits).toEqual({
      "test-flow/start": 1,
      "test-flow/hello": 1,
      "test-flow/compute": 1,
      "test-flow/route": 1,
      "test-flow/small": 1,
    });
  });

  it("speaks the conversation's language, else the flow's first, else the text's first", async () => {
    const english = new Conversation(flow);
    await english.start({ order: { subtotal: 20 } }, "en");
    expect(english.texts[0]).toBe("Hello Camille!");
    const canadian = new Conversation(flow);
    await canadian.start({ order: { subtotal: 20 } }, "en-CA");
    expect(canadian.texts[0]).toBe("Hello Camille!");
    const german = new Conversation(flow);
    await german.start({ order: { subtotal: 20 } }, "de");
    expect(german.texts[0]).toBe("Bonjour Camille !");

    const englishOnlyText = makeFlow(
      [
        { id: "start", type: "start", next: "hi" },
        { id: "hi", type: "end", text: { en: "Only in English" } },
      ],
      { languages: ["fr"] },
    );
    const french = new Conversation(englishOnlyText);
    await french.start();
    expect(french.texts).toEqual(["Only in English"]);
  });

  it("renders templates: undefined as nothing, objects as JSON, numbers as they are, `$now()` from the clock", async () => {
    const templates = makeFlow([
      { id: "start", type: "start", next: "show" },
      {
        id: "show",
        type: "end",
        text: "[{{ missing }}] [{{ customer }}] [{{ 3.5 * 2 }}] [{{ tags }}] [{{ $now() }}] [{{ $millis() }}] [{{ paid }}]",
      },
    ]);
    const conversation = new Conversation(templates);
    await conversation.start({ customer: { name: "Léa", tier: "gold" }, tags: ["a", "b"], paid: false });
    expect(conversation.texts).toEqual([
      `[] [{"name":"Léa","tier":"gold"}] [7] [["a","b"]] [2026-03-14T09:30:00.000Z] [${Date.parse("2026-03-14T09:30:00.000Z")}] [false]`,
    ]);
  });

  it("sends media with rendered URLs and captions", async () => {
    const media = makeFlow([
      { id: "start", type: "start", next: "photo" },
      {
        id: "photo",
        type: "message",
        text: "Votre colis",
        media: [
          {
            kind: "image",
            url: "https://cdn.example.com/{{ parcel }}.jpg",
            caption: { fr: "Colis {{ parcel }}", en: "Parcel" },
          },
          { kind: "file", url: "https://cdn.example.com/invoice.pdf" },
        ],
        next: "done",
      },
      { id: "done", type: "end" },
    ]);
    const conversation = new Conversation(media);
    const result = await conversation.start({ parcel: "P42" });
    expect(result.outputs).toEqual([
      {
        nodeId: "photo",
        text: "Votre colis",
        media: [
          { kind: "image", url: "https://cdn.example.com/P42.jpg", caption: "Colis P42" },
          { kind: "file", url: "https://cdn.example.com/invoice.pdf" },
        ],
      },
    ]);
  });

  it("starts over on a `start` input, and starts when there is no state yet", async () => {
    const waiting = makeFlow([
      { id: "start", type: "start", next: "ask" },
      { id: "ask", type: "question", text: "Votre nom ?", input: { kind: "text" }, saveAs: "name", next: "bye" },
      { id: "bye", type: "end", text: "Au revoir {{ name }}" },
    ]);
    const conversation = new Conversation(waiting);
    await conversation.start();
    await conversation.say("Zoé");
    expect(conversation.state?.status).toBe("ended");
    const again = await conversation.start();
    expect(again.status).toEqual({ type: "wait", nodeId: "ask" });
    expect(again.state.variables).toEqual({});
    expect(again.state.status).toBe("active");

    const fresh = new Conversation(waiting, makeDeps());
    const first = await fresh.say("bonjour");
    expect(first.status).toEqual({ type: "wait", nodeId: "ask" });
    expect(fresh.texts).toEqual(["Votre nom ?"]);
  });
});
