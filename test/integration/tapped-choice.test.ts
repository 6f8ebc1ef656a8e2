import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Built, build, send } from "./helpers.js";

const menu = {
  schemaVersion: 1,
  id: "menu",
  name: "Menu",
  languages: ["fr", "en"],
  nodes: [
    { id: "start", type: "start", next: "menu" },
    {
      id: "menu",
      type: "message",
      text: { fr: "Que souhaitez-vous faire ?", en: "What would you like to do?" },
      choices: [
        { id: "track", label: { fr: "Suivre ma commande", en: "Track my order" }, next: "done" },
        { id: "return", label: { fr: "Retourner un article", en: "Return an item" }, next: "done" },
      ],
    },
    { id: "done", type: "end", text: { fr: "C'est noté.", en: "Noted." } },
  ],
};

/** What agents read of a customer who tapped a button: its label, as the customer saw it, not the choice's id. */
describe("a tapped button in the transcript", () => {
  let built: Built;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "relais-tapped-"));
    writeFileSync(join(dir, "menu.flow.json"), JSON.stringify(menu));
    built = await build({ FLOWS_DIR: dir });
  });
  afterAll(async () => {
    await built?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const customerLines = async (conversationId: string) => {
    const { messages } = built.app.store.tables;
    const lines = await built.app.store.read((db) =>
      db.select().from(messages).where(eq(messages.conversationId, conversationId)).orderBy(asc(messages.id)),
    );
    return lines.filter((line) => line.role === "customer").map((line) => [line.text, line.payload]);
  };

  it.each([
    ["fr", "Retourner un article"],
    ["en", "Return an item"],
  ] as const)(
    "keeps the label in the conversation's language (%s) and the choice's id with it",
    async (language, label) => {
      const from = `tapper-${language}`;
      const first = await send(built.app, { flowId: "menu", from, messageId: "m-1", text: "Bonjour", language });
      expect(first.statusCode).toBe(200);
      const tapped = await send(built.app, { flowId: "menu", from, messageId: "m-2", choiceId: "return" });
      expect(tapped.json()).toMatchObject({ status: "closed" });
      expect(await customerLines(first.json().conversationId)).toEqual([
        ["Bonjour", null],
        [label, JSON.stringify({ choiceId: "return" })],
      ]);
    },
  );

  it("keeps a typed answer as it was typed", async () => {
    const first = await send(built.app, { flowId: "menu", from: "typist", messageId: "t-1", text: "Bonjour" });
    await send(built.app, { flowId: "menu", from: "typist", messageId: "t-2", text: "retourner" });
    expect(await customerLines(first.json().conversationId)).toEqual([
      ["Bonjour", null],
      ["retourner", null],
    ]);
  });
});
