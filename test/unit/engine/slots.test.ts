import { describe, expect, it } from "vitest";
import { compileFlow, entitiesIn } from "../../../runtime/engine/index.js";
import type { Flow } from "../../../schema/index.js";
import { Conversation, makeDeps, makeFlow } from "./harness.js";

type Node = Flow["nodes"][number];

const askEmail: Node = {
  id: "ask-email",
  type: "question",
  text: "Votre e-mail ?",
  input: { kind: "email" },
  saveAs: "email",
  next: "ask-order",
};
const askOrder: Node = {
  id: "ask-order",
  type: "question",
  text: "Votre numéro de commande ?",
  input: { kind: "pattern", pattern: "CMD-[0-9]{6}" },
  saveAs: "orderNumber",
  next: "done",
};
const done: Node = { id: "done", type: "end", text: "{{ email }} / {{ orderNumber }}" };

function flowOf(nodes: Node[], extra: Partial<Omit<Flow, "nodes">> = {}) {
  return makeFlow([{ id: "start", type: "start", next: nodes[0]?.id }, ...nodes], extra);
}

const opening = "Bonjour, ma commande CMD-100001, mon e-mail camille.martin@example.fr";

describe("slot filling", () => {
  it("fills every question the opening message answers and asks none of them", async () => {
    const conversation = new Conversation(flowOf([askEmail, askOrder, done]));
    const result = await conversation.send({ type: "start", text: opening });
    expect(conversation.texts).toEqual(["camille.martin@example.fr / CMD-100001"]);
    expect(result.status).toEqual({ type: "end" });
    expect(result.events).toContainEqual({
      type: "heard",
      flowId: "test-flow",
      nodeId: "start",
      entities: [
        { kind: "email", value: "camille.martin@example.fr" },
        { kind: "pattern", value: "CMD-100001" },
      ],
    });
    expect(result.events.filter((event) => event.type === "filled")).toEqual([
      {
        type: "filled",
        flowId: "test-flow",
        nodeId: "ask-email",
        variable: "email",
        value: "camille.martin@example.fr",
        from: "message",
        entity: "email",
      },
      {
        type: "filled",
        flowId: "test-flow",
        nodeId: "ask-order",
        variable: "orderNumber",
        value: "CMD-100001",
        from: "message",
        entity: "pattern",
      },
    ]);
    expect(result.state.entities).toEqual([]);
  });

  it("asks only what the opening message did not give", async () => {
    const conversation = new Conversation(flowOf([askEmail, askOrder, done]));
    await conversation.send({ type: "start", text: "bonjour, c'est pour la CMD-100001" });
    expect(conversation.texts).toEqual(["Votre e-mail ?"]);
    await conversation.say("lea@example.fr");
    expect(conversation.texts).toEqual(["lea@example.fr / CMD-100001"]);
  });

  it("keeps a value given in an answer to another question for the question that asks for it", async () => {
    const flow = flowOf([{ ...askOrder, next: "ask-email" }, { ...askEmail, next: "done" }, done]);
    const conversation = new Conversation(flow);
    await conversation.start();
    expect(conversation.texts).toEqual(["Votre numéro de commande ?"]);
    await conversation.say("la CMD-123456, et écrivez-moi à lea@example.fr");
    expect(conversation.texts).toEqual(["lea@example.fr / CMD-123456"]);
  });

  it("keeps a value from an answer that was refused, for the question that asks for it later", async () => {
    const flow = flowOf([{ ...askOrder, next: "ask-email" }, { ...askEmail, next: "done" }, done]);
    const conversation = new Conversation(flow);
    await conversation.start();
    await conversation.say("je ne l'ai pas, mais mon e-mail est lea@example.fr");
    expect(conversation.texts).toEqual([
      "Désolé, votre réponse n'a pas la forme attendue.\nVotre numéro de commande ?",
    ]);
    await conversation.say("CMD-654321");
    expect(conversation.texts).toEqual(["lea@example.fr / CMD-654321"]);
  });

  it("fills from what was said at an intent node", async () => {
    const flow = flowOf([
      {
        id: "what",
        type: "intent",
        text: "Que puis-je faire ?",
        intents: [{ id: "order_status", examples: { fr: ["où est ma commande"] }, next: "ask-order" }],
        fallback: "what",
      },
      askOrder,
      done,
    ]);
    const conversation = new Conversation(flow);
    await conversation.start();
    await conversation.say("où est ma commande CMD-100002 ?");
    expect(conversation.texts).toEqual([" / CMD-100002"]);
  });

  it("takes the newest value of a kind when the customer gives another", async () => {
    const conversation = new Conversation(
      flowOf([{ ...askOrder, next: "ask-email" }, { ...askEmail, next: "done" }, done]),
    );
    await conversation.send({ type: "start", text: "mon e-mail : ancien@example.fr" });
    await conversation.say("pardon, plutôt nouveau@example.fr");
    expect(conversation.state?.entities).toEqual([{ kind: "email", key: "email", value: "nouveau@example.fr" }]);
    await conversation.say("CMD-100001");
    expect(conversation.texts).toEqual(["nouveau@example.fr / CMD-100001"]);
  });

  it("asks a question marked to always ask, even when the value was given", async () => {
    const conversation = new Conversation(flowOf([{ ...askEmail, alwaysAsk: true }, askOrder, done]));
    const result = await conversation.send({ type: "start", text: opening });
    expect(conversation.texts).toEqual(["Votre e-mail ?"]);
    expect(result.events.some((event) => event.type === "filled")).toBe(false);
    await conversation.say("autre@example.fr");
    expect(conversation.texts).toEqual(["autre@example.fr / CMD-100001"]);
  });

  it("takes a value once: a question reached again asks again", async () => {
    const flow = flowOf([
      { ...askEmail, next: "check" },
      {
        id: "check",
        type: "condition",
        rules: [{ id: "known", when: "email = 'lea@example.fr'", next: "ok" }],
        else: "retry",
      },
      { id: "retry", type: "message", text: "Inconnu.", next: "ask-email" },
      { id: "ok", type: "end", text: "ok" },
    ]);
    const conversation = new Conversation(flow);
    await conversation.send({ type: "start", text: "mon e-mail est x@example.fr" });
    expect(conversation.texts).toEqual(["Inconnu.", "Votre e-mail ?"]);
    await conversation.say("lea@example.fr");
    expect(conversation.texts).toEqual(["ok"]);
  });

  it("answers a choice whose path asks for the value given, then that question", async () => {
    const flow = flowOf([
      {
        id: "ask-method",
        type: "question",
        text: "E-mail ou téléphone ?",
        input: {
          kind: "choice",
          choices: [
            { id: "phone", label: "Téléphone", next: "ask-phone" },
            { id: "email", label: "E-mail", next: "ask-email" },
          ],
        },
        saveAs: "method",
        next: "ask-email",
      },
      {
        id: "ask-phone",
        type: "question",
        text: "Téléphone ?",
        input: { kind: "phone" },
        saveAs: "identifier",
        next: "done",
      },
      { ...askEmail, saveAs: "identifier", next: "done" },
      { id: "done", type: "end", text: "{{ method }} : {{ identifier }}" },
    ]);
    const byEmail = new Conversation(flow);
    await byEmail.send({ type: "start", text: opening });
    expect(byEmail.texts).toEqual(["email : camille.martin@example.fr"]);
    const byPhone = new Conversation(flow);
    await byPhone.send({ type: "start", text: "bonjour, je suis au 06 12 34 56 78" });
    expect(byPhone.texts).toEqual(["phone : +33612345678"]);
  });

  it("takes the choice a typed value points to, yet asks a question marked to always ask", async () => {
    const flow = flowOf([
      {
        id: "ask-method",
        type: "question",
        text: "E-mail ou téléphone ?",
        input: {
          kind: "choice",
          choices: [
            { id: "phone", label: "Téléphone", next: "ask-phone" },
            { id: "email", label: "E-mail", next: "ask-email" },
          ],
        },
        saveAs: "method",
        next: "ask-email",
      },
      { id: "ask-phone", type: "question", text: "Téléphone ?", input: { kind: "phone" }, saveAs: "id", next: "done" },
      { ...askEmail, saveAs: "id", alwaysAsk: true, next: "done" },
      { id: "done", type: "end", text: "{{ method }} : {{ id }}" },
    ]);
    const conversation = new Conversation(flow);
    await conversation.start();
    await conversation.say("lea@example.fr");
    expect(conversation.texts).toEqual(["Votre e-mail ?"]);
    expect(conversation.variables).toEqual({ method: "email" });
    await conversation.say("lea@example.fr");
    expect(conversation.texts).toEqual(["email : lea@example.fr"]);
  });

  it("offers values to the questions of a flow a jump leads to", async () => {
    const identify = makeFlow(
      [
        { id: "start", type: "start", next: "ask-email" },
        { ...askEmail, next: "back" },
        { id: "back", type: "return" },
      ],
      { id: "identify" },
    );
    const main = flowOf([{ id: "identify", type: "jump", flow: "identify", next: "ask-order" }, askOrder, done]);
    const deps = makeDeps({}, [compileFlow(identify)]);
    const conversation = new Conversation(main, deps);
    await conversation.send({ type: "start", text: opening });
    expect(conversation.texts).toEqual(["camille.martin@example.fr / CMD-100001"]);
  });

  it("skips a question whose variable holds a value no question saved, unless it is the declared default", async () => {
    const flow = flowOf([{ ...askEmail, next: "ask-order" }, askOrder, done], {
      variables: { orderNumber: { type: "string", default: "CMD-000000" } },
    });
    const given = new Conversation(flow);
    const result = await given.start({ email: "lea@example.fr" });
    expect(given.texts).toEqual(["Votre numéro de commande ?"]);
    expect(result.events).toContainEqual({
      type: "filled",
      flowId: "test-flow",
      nodeId: "ask-email",
      variable: "email",
      value: "lea@example.fr",
      from: "known",
    });
  });

  it("takes the choice a variable already names", async () => {
    const flow = flowOf([
      {
        id: "ask-method",
        type: "question",
        text: "E-mail ou téléphone ?",
        input: {
          kind: "choice",
          choices: [
            { id: "phone", label: "Téléphone", value: "tel", next: "by-phone" },
            { id: "email", label: "E-mail", next: "by-email" },
          ],
        },
        saveAs: "method",
        next: "by-email",
      },
      { id: "by-phone", type: "end", text: "par téléphone" },
      { id: "by-email", type: "end", text: "par e-mail" },
    ]);
    const known = new Conversation(flow);
    await known.start({ method: "tel" });
    expect(known.texts).toEqual(["par téléphone"]);
    const unknown = new Conversation(flow);
    await unknown.start({ method: "fax" });
    expect(unknown.texts).toEqual(["E-mail ou téléphone ?"]);
  });

  it("asks the question an agent gives the conversation back at, whatever is known", async () => {
    const flow = flowOf([askEmail, askOrder, { id: "done", type: "handoff", queue: "support", priority: "normal" }]);
    const handed = new Conversation(flow);
    await handed.start({ email: "lea@example.fr", orderNumber: "CMD-100001" });
    expect(handed.last.status.type).toBe("handoff");
    await handed.send({ type: "resume", nodeId: "ask-order" });
    expect(handed.texts).toEqual(["Votre numéro de commande ?"]);
  });

  it("fills an amount question from an amount written with its currency, never from a bare number", async () => {
    const flow = flowOf([
      {
        id: "ask-amount",
        type: "question",
        text: "Quel montant ?",
        input: { kind: "amount" },
        saveAs: "refund",
        next: "done",
      },
      { id: "done", type: "end", text: "{{ refund.value }} {{ refund.currency }}" },
    ]);
    const written = new Conversation(flow);
    await written.send({ type: "start", text: "on m'a facturé $45.50 de trop" });
    expect(written.texts).toEqual(["45.5 USD"]);
    expect(written.variables.refund).toEqual({ value: 45.5, currency: "USD" });
    const bare = new Conversation(flow);
    await bare.send({ type: "start", text: "j'ai commandé 3 articles" });
    expect(bare.texts).toEqual(["Quel montant ?"]);
  });

  it("lists the values a phrase gives to the questions of a flow and of the flows it jumps to", () => {
    const identify = makeFlow(
      [
        { id: "start", type: "start", next: "ask-email" },
        { ...askEmail, next: "back" },
        { id: "back", type: "return" },
      ],
      { id: "identify" },
    );
    const main = compileFlow(
      flowOf([{ id: "identify", type: "jump", flow: "identify", next: "ask-order" }, askOrder, done]),
    );
    const deps = makeDeps({}, [compileFlow(identify)]);
    expect(entitiesIn(main, opening, "fr", deps)).toEqual([
      { kind: "pattern", value: "CMD-100001" },
      { kind: "email", value: "camille.martin@example.fr" },
    ]);
    expect(entitiesIn(main, "bonjour", "fr", deps)).toEqual([]);
  });

  it("finds nothing in a text that holds no value, and keeps nothing", async () => {
    const conversation = new Conversation(flowOf([askEmail, askOrder, done]));
    const result = await conversation.send({ type: "start", text: "🙂🙂 bonjour CMD-12345 arobase" });
    expect(conversation.texts).toEqual(["Votre e-mail ?"]);
    expect(result.events.some((event) => event.type === "heard")).toBe(false);
    expect(result.state.entities).toBeUndefined();
  });
});

describe("values a classifier gives", () => {
  const router: Node = {
    id: "what",
    type: "intent",
    text: "Que puis-je faire pour vous ?",
    intents: [{ id: "order_status", examples: { fr: ["où est ma commande"] }, next: "ask-email" }],
    fallback: "done",
  };
  const flow = flowOf([router, askEmail, askOrder, done]);
  /** A classifier such as a language model, which reads values the flow's readers cannot find in the words. */
  const reading = (given: { kind: "email" | "pattern" | "phone"; text: string }[]) =>
    makeDeps({ classify: () => [{ intent: "order_status", confidence: 0.9, given }] });

  it("fills a question with a value the classifier read, checked by the question's own reader", async () => {
    const deps = reading([
      { kind: "email", text: "camille.martin@example.fr" },
      { kind: "pattern", text: "CMD-100001" },
    ]);
    const conversation = new Conversation(flow, deps);
    await conversation.start();
    const result = await conversation.say("ma commande, c'est camille point martin arobase example point fr");
    expect(conversation.texts).toEqual(["camille.martin@example.fr / CMD-100001"]);
    expect(result.events).toContainEqual({
      type: "heard",
      flowId: "test-flow",
      nodeId: "what",
      entities: [
        { kind: "email", value: "camille.martin@example.fr" },
        { kind: "pattern", value: "CMD-100001" },
      ],
    });
  });

  it("refuses a given value the question would refuse typed, and asks", async () => {
    const conversation = new Conversation(flow, reading([{ kind: "email", text: "camille chez example" }]));
    await conversation.start();
    await conversation.say("où est ma commande");
    expect(conversation.texts).toEqual(["Votre e-mail ?"]);
  });

  it("never replaces a value the customer's own words gave", async () => {
    const conversation = new Conversation(flow, reading([{ kind: "email", text: "autre@example.fr" }]));
    await conversation.start();
    await conversation.say("où est ma commande ? lea@example.fr");
    expect(conversation.texts).toEqual(["Votre numéro de commande ?"]);
    await conversation.say("CMD-100002");
    expect(conversation.texts).toEqual(["lea@example.fr / CMD-100002"]);
  });

  it("gives a value only to questions of its kind", async () => {
    const conversation = new Conversation(flow, reading([{ kind: "phone", text: "camille.martin@example.fr" }]));
    await conversation.start();
    await conversation.say("où est ma commande");
    expect(conversation.texts).toEqual(["Votre e-mail ?"]);
  });
});
