import { describe, expect, it } from "vitest";
import { compileFlow } from "../../../runtime/engine/index.js";
import { Conversation, makeDeps, makeFlow } from "./harness.js";

describe("handoff node", () => {
  const flow = makeFlow([
    { id: "start", type: "start", next: "transfer" },
    {
      id: "transfer",
      type: "handoff",
      label: "Litige",
      queue: "litiges",
      priority: "high",
      text: { fr: "Un conseiller arrive.", en: "An advisor is coming." },
      note: "Commande {{ order.id }} contestée",
    },
  ]);

  it("says its text and hands over with queue, priority, note, reason and every variable", async () => {
    const conversation = new Conversation(flow);
    const result = await conversation.start({ order: { id: "A1" }, email: "a@b.fr" });
    expect(conversation.texts).toEqual(["Un conseiller arrive."]);
    expect(result.status).toEqual({
      type: "handoff",
      handoff: {
        queue: "litiges",
        priority: "high",
        note: "Commande A1 contestée",
        reason: { ruleId: "transfer", kind: "node", values: {}, label: "Litige" },
        summary: { order: { id: "A1" }, email: "a@b.fr" },
        flowId: "test-flow",
        nodeId: "transfer",
      },
    });
    expect(result.state.status).toBe("handoff");
    expect(result.state.handoff).toEqual(result.status.type === "handoff" ? result.status.handoff : undefined);
    expect(result.events.at(-1)).toEqual({
      type: "handoff",
      flowId: "test-flow",
      nodeId: "transfer",
      ruleId: "transfer",
    });
  });

  it("defaults to normal priority, with no label when the step has none", async () => {
    const bare = makeFlow([
      { id: "start", type: "start", next: "transfer" },
      { id: "transfer", type: "handoff", queue: "support" },
    ]);
    const result = await new Conversation(bare).start();
    expect(result.outputs).toEqual([]);
    expect(result.status).toMatchObject({
      type: "handoff",
      handoff: {
        queue: "support",
        priority: "normal",
        reason: { ruleId: "transfer", kind: "node", values: {} },
      },
    });
  });
});

describe("resume", () => {
  const flow = makeFlow([
    { id: "start", type: "start", next: "ask" },
    {
      id: "ask",
      type: "question",
      text: "Votre e-mail ?",
      input: { kind: "email" },
      saveAs: "email",
      next: "transfer",
    },
    { id: "transfer", type: "handoff", queue: "support" },
    {
      id: "survey",
      type: "question",
      text: "Une note de 1 à 5 ?",
      input: { kind: "number", min: 1, max: 5 },
      saveAs: "score",
      next: "bye",
    },
    { id: "bye", type: "end", text: "Merci !" },
  ]);

  it("gives the conversation back to the bot at a node, with counters reset and variables kept", async () => {
    const conversation = new Conversation(flow);
    await conversation.start();
    await conversation.say("pas d'email");
    await conversation.say("a@b.fr");
    expect(conversation.state?.status).toBe("handoff");
    const result = await conversation.send({ type: "resume", nodeId: "survey" });
    expect(result.status).toEqual({ type: "wait", nodeId: "survey" });
    expect(conversation.texts).toEqual(["Une note de 1 à 5 ?"]);
    expect(result.state).toMatchObject({
      status: "active",
      attempts: 0,
      failedInputs: 0,
      variables: { email: "a@b.fr" },
    });
    expect(result.state.handoff).toBeUndefined();
    expect(result.state.visits).toEqual({ "test-flow/survey": 1 });
    await conversation.say("5");
    expect(conversation.texts).toEqual(["Merci !"]);
  });

  it("refuses customer input while with a person, keeping the handoff and saying nothing", async () => {
    const conversation = new Conversation(flow);
    await conversation.start();
    const handedOver = await conversation.say("a@b.fr");
    const result = await conversation.say("allô ?");
    expect(result.outputs).toEqual([]);
    expect(result.status).toEqual(handedOver.status);
    expect(result.errors.map((error) => error.code)).toEqual(["UNEXPECTED_INPUT"]);
  });

  it("hands over again with an error when resumed at a node that does not exist", async () => {
    const conversation = new Conversation(flow);
    await conversation.start();
    await conversation.say("a@b.fr");
    const result = await conversation.send({ type: "resume", nodeId: "nowhere" });
    expect(result.errors).toEqual([
      {
        code: "UNKNOWN_NODE",
        flowId: "test-flow",
        nodeId: "transfer",
        message: "The bot was resumed at node `nowhere`, which is not in flow `test-flow`: pick a node of that flow.",
      },
    ]);
    expect(result.status.type).toBe("handoff");
  });
});

describe("jump and return", () => {
  const identify = makeFlow(
    [
      { id: "start", type: "start", next: "ask-email" },
      {
        id: "ask-email",
        type: "question",
        text: "Votre e-mail ?",
        input: { kind: "email" },
        saveAs: "email",
        next: "back",
      },
      { id: "back", type: "return" },
    ],
    { id: "identify" },
  );
  const main = makeFlow([
    { id: "start", type: "start", next: "who" },
    { id: "who", type: "jump", flow: "identify", next: "thanks" },
    { id: "thanks", type: "end", text: "Merci {{ email }}" },
  ]);

  it("runs the other flow sharing the variables, then comes back to the jump's `next`", async () => {
    const deps = makeDeps({}, [compileFlow(identify)]);
    const conversation = new Conversation(main, deps);
    const started = await conversation.start();
    expect(started.status).toEqual({ type: "wait", nodeId: "ask-email" });
    expect(started.state.stack).toEqual([
      { flowId: "test-flow", nodeId: "who" },
      { flowId: "identify", nodeId: "ask-email" },
    ]);
    const result = await conversation.say("zoe@example.fr");
    expect(conversation.texts).toEqual(["Merci zoe@example.fr"]);
    expect(result.state.stack).toEqual([{ flowId: "test-flow", nodeId: "thanks" }]);
    expect(result.events).toContainEqual({
      type: "node",
      flowId: "identify",
      nodeId: "back",
      from: "ask-email",
      handle: "next",
    });
    // Entering the called flow is no transition of either flow; coming back is the jump's `next`.
    expect(started.events).toContainEqual({ type: "node", flowId: "identify", nodeId: "start" });
    expect(result.events).toContainEqual({
      type: "node",
      flowId: "test-flow",
      nodeId: "thanks",
      from: "who",
      handle: "next",
    });
    expect(result.state.visits).toMatchObject({ "identify/ask-email": 1, "identify/back": 1, "test-flow/thanks": 1 });
  });

  it("ends the conversation at a return with no caller", async () => {
    const conversation = new Conversation(identify);
    await conversation.start();
    const result = await conversation.say("zoe@example.fr");
    expect(result.status).toEqual({ type: "end" });
    expect(result.events.at(-1)).toEqual({ type: "end", flowId: "identify", nodeId: "back" });
  });

  it("hands over with UNKNOWN_FLOW when the other flow is not available", async () => {
    const conversation = new Conversation(main, makeDeps());
    const result = await conversation.start();
    expect(result.errors).toEqual([
      {
        code: "UNKNOWN_FLOW",
        flowId: "test-flow",
        nodeId: "who",
        message:
          "Flow `identify` is not available to this conversation: publish it, or correct the flow id of the jump node.",
      },
    ]);
    expect(result.status).toMatchObject({ type: "handoff", handoff: { queue: "support", reason: { kind: "error" } } });
  });

  it("stops a flow that keeps jumping into itself", async () => {
    const recursive = makeFlow(
      [
        { id: "start", type: "start", next: "again" },
        { id: "again", type: "jump", flow: "loop", next: "again" },
      ],
      { id: "loop" },
    );
    const compiled = compileFlow(recursive);
    const conversation = new Conversation(compiled, makeDeps({}, [compiled]));
    const result = await conversation.start();
    expect(result.errors[0]?.code).toBe("STEP_LIMIT");
    expect(result.errors[0]?.message).toMatch(/16 levels deep/);
    expect(result.status.type).toBe("handoff");
  });
});
