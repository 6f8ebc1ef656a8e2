import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Flow } from "../../schema/index.js";
import { type Built, build, send, userWithRole } from "./helpers.js";

describe("a flow made from scratch", () => {
  let built: Built;
  let editor: string;
  beforeAll(async () => {
    built = await build();
    editor = await userWithRole(built.app, "editor", "new-flow-editor");
  });
  afterAll(() => built.close());

  const call = (method: "GET" | "PUT" | "POST", url: string, payload?: object) =>
    built.app.inject({ method, url, payload, headers: { cookie: editor } });

  it("hands a customer asking for a person to the default queue, and lints clean", async () => {
    const created = await call("POST", "/api/flows", { id: "nouveau", name: "Nouveau", template: "blank" });
    expect(created.statusCode).toBe(201);
    const draft = (await call("GET", "/api/flows/nouveau")).json();
    expect(draft.problems).toEqual([]);
    expect(draft.flow.escalation).toEqual({
      defaultQueue: "support",
      text: {
        en: "I'm connecting you with an agent, who will see everything you told me.",
        fr: "Je vous mets en relation avec un conseiller, il aura tout ce que vous m'avez dit.",
      },
      rules: [
        { id: "asks-for-person", queue: "support", priority: "normal", kind: "humanRequest" },
        { id: "not-understood", queue: "support", priority: "normal", kind: "failedInputs", threshold: 3 },
      ],
    });

    // The manager's first step: a menu whose fallback would otherwise ask again.
    const flow: Flow = {
      ...draft.flow,
      variables: { topic: { type: "string" } },
      nodes: [
        { id: "start", type: "start", next: "topic" },
        {
          id: "topic",
          type: "question",
          text: "Quel est le sujet de votre demande ?",
          input: {
            kind: "choice",
            choices: [
              { id: "order", label: "Une commande" },
              { id: "bill", label: "Une facture" },
            ],
          },
          saveAs: "topic",
          next: "end",
        },
        { id: "end", type: "end" },
      ],
    };
    expect((await call("PUT", "/api/flows/nouveau", { flow })).json().problems).toEqual([]);
    expect((await call("POST", "/api/flows/nouveau/publish", { note: "premier menu" })).statusCode).toBe(201);

    const hello = await send(built.app, { flowId: "nouveau", from: "client-1", messageId: "n-1", text: "Bonjour" });
    expect(hello.json()).toMatchObject({ status: "bot", replies: [{ text: "Quel est le sujet de votre demande ?" }] });
    const asks = await send(built.app, {
      flowId: "nouveau",
      from: "client-1",
      messageId: "n-2",
      text: "je veux parler à un conseiller",
    });
    expect(asks.json()).toMatchObject({
      status: "queued",
      replies: [{ text: "Je vous mets en relation avec un conseiller, il aura tout ce que vous m'avez dit." }],
    });
  });
});
