import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Built, build, send } from "./helpers.js";

/** The shipped triage flow on the REST channel: the language a conversation is held in. */
describe("a conversation's language on the REST channel", () => {
  let built: Built;
  const flows = mkdtempSync(join(tmpdir(), "relais-language-"));
  beforeAll(async () => {
    cpSync("flows", flows, { recursive: true });
    built = await build({ FLOWS_DIR: flows });
  });
  afterAll(async () => {
    await built.close();
    rmSync(flows, { recursive: true, force: true });
  });

  const texts = (response: { json: () => { replies: { text: string }[] } }) =>
    response.json().replies.map((reply) => reply.text);

  it("answers in English to a customer who writes in English", async () => {
    const response = await send(built.app, {
      flowId: "triage",
      from: "en-1",
      messageId: "en-1",
      text: "Hello, where is my order?",
    });
    expect(texts(response)[0]).toMatch(/^Hello! I am the customer service assistant/);
    expect(texts(response).at(-1)).toBe("To find your account, what would you rather give me?");
  });

  it("takes the caller's `language` as a hint", async () => {
    const response = await send(built.app, {
      flowId: "triage",
      from: "en-2",
      messageId: "en-2",
      text: "Bonjour",
      language: "en",
    });
    expect(texts(response)).toEqual([expect.stringMatching(/^Hello!/), "How can I help you?"]);
  });

  it("takes the web chat page's language as a hint", async () => {
    const response = await built.app.inject({
      method: "POST",
      url: "/api/channels/webchat/triage/messages",
      payload: { session: "language-session-0001", messageId: "w-1", text: "Bonjour", language: "en-GB" },
      remoteAddress: "127.0.0.1",
    });
    expect(response.statusCode).toBe(200);
    expect(texts(response)).toEqual([expect.stringMatching(/^Hello!/), "How can I help you?"]);
  });

  it("refuses a language that is no language code, naming the field", async () => {
    const response = await send(built.app, {
      flowId: "triage",
      from: "en-3",
      messageId: "en-3",
      text: "Hello",
      language: "english",
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain("language");
  });
});
