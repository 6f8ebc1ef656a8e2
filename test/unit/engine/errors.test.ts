import { describe, expect, it } from "vitest";
import { EXPRESSION_STEP_BUDGET, MAX_STEPS } from "../../../runtime/engine/index.js";
import { Conversation, makeFlow } from "./harness.js";

describe("engine errors hand the conversation over", () => {
  it("STEP_LIMIT: a loop that never waits stops after MAX_STEPS node executions", async () => {
    const flow = makeFlow(
      [
        { id: "start", type: "start", next: "count" },
        { id: "count", type: "set", assign: [{ variable: "n", value: "n + 1" }], next: "check" },
        { id: "check", type: "condition", rules: [{ id: "always", when: "true", next: "count" }], else: "count" },
      ],
      { escalation: { defaultQueue: "tech", rules: [] } },
    );
    const result = await new Conversation(flow).start({ n: 0 });
    expect(MAX_STEPS).toBe(100);
    expect(result.errors).toEqual([
      {
        code: "STEP_LIMIT",
        flowId: "test-flow",
        nodeId: "check",
        message:
          "Node `check` of flow `test-flow` was reached 50 times in 100 steps without waiting for the customer: a loop with no question. Add a question to the loop, or a condition that leaves it.",
      },
    ]);
    expect(result.state.variables).toEqual({ n: 50 });
    expect(result.outputs.map((output) => output.text)).toEqual(["Je vous mets en relation avec un conseiller."]);
    expect(result.status).toEqual({
      type: "handoff",
      handoff: {
        queue: "tech",
        priority: "normal",
        reason: { ruleId: "error", kind: "error", message: result.errors[0]?.message, values: { code: "STEP_LIMIT" } },
        summary: { n: 50 },
        flowId: "test-flow",
        nodeId: "check",
      },
    });
    expect(result.events.filter((event) => event.type === "node")).toHaveLength(100);
    expect(result.events.at(-1)).toEqual({ type: "handoff", flowId: "test-flow", nodeId: "check", ruleId: "error" });
  });

  it("UNKNOWN_NODE: a transition left unconnected", async () => {
    const flow = makeFlow([
      { id: "start", type: "start", next: "hello" },
      { id: "hello", type: "message", text: "Bonjour" },
    ]);
    const result = await new Conversation(flow).start();
    expect(result.outputs.map((output) => output.text)).toEqual([
      "Bonjour",
      "Je vous mets en relation avec un conseiller.",
    ]);
    expect(result.errors).toEqual([
      {
        code: "UNKNOWN_NODE",
        flowId: "test-flow",
        nodeId: "hello",
        message: "Node `hello` of flow `test-flow` has no `next` transition: connect it in the designer.",
      },
    ]);
    expect(result.status).toMatchObject({ type: "handoff", handoff: { queue: "support", priority: "normal" } });
  });

  it("UNKNOWN_NODE: a transition to a node that does not exist", async () => {
    const flow = makeFlow([
      { id: "start", type: "start", next: "route" },
      { id: "route", type: "condition", rules: [{ id: "yes", when: "true", next: "gone" }], else: "route" },
    ]);
    const result = await new Conversation(flow).start();
    expect(result.errors[0]?.message).toBe(
      "Node `route` of flow `test-flow` leads (`rule:yes`) to `gone`, which is not in the flow: connect it to an existing node.",
    );
  });

  it("UNKNOWN_NODE: a flow without a start node", async () => {
    const flow = makeFlow([{ id: "bye", type: "end" }]);
    const result = await new Conversation(flow).start();
    expect(result.errors.map((error) => [error.code, error.message])).toEqual([
      ["UNKNOWN_NODE", "Flow `test-flow` has no start node: add one and connect it."],
    ]);
    expect(result.status.type).toBe("handoff");
  });

  it("EXPRESSION: an expression that does not parse fails only when reached", async () => {
    const flow = makeFlow([
      { id: "start", type: "start", next: "route" },
      {
        id: "route",
        type: "condition",
        rules: [
          { id: "ok", when: "vip", next: "fine" },
          { id: "broken", when: "order.total >=", next: "fine" },
        ],
        else: "fine",
      },
      { id: "fine", type: "end", text: "ok" },
    ]);
    const vip = await new Conversation(flow).start({ vip: true });
    expect(vip.errors).toEqual([]);
    const other = await new Conversation(flow).start({ vip: false });
    expect(other.errors).toEqual([
      {
        code: "EXPRESSION",
        flowId: "test-flow",
        nodeId: "route",
        message:
          "The expression `order.total >=` in node `route` of flow `test-flow`, field `/rules/1/when` does not parse: Unexpected end of expression (at character 14). Correct it in the designer.",
      },
    ]);
    expect(other.status.type).toBe("handoff");
  });

  it("EXPRESSION: a template that is not closed", async () => {
    const flow = makeFlow([
      { id: "start", type: "start", next: "hi" },
      { id: "hi", type: "end", text: { fr: "Bonjour {{ name", en: "Hi" } },
    ]);
    const result = await new Conversation(flow).start();
    expect(result.errors[0]?.message).toBe(
      "The template in node `hi` of flow `test-flow`, field `/text` is not valid: The `{{` at character 9 is never closed: add `}}` after the expression. Correct it in the designer.",
    );
  });

  it("EXPRESSION: an evaluation error names the values the expression read", async () => {
    const flow = makeFlow([
      { id: "start", type: "start", next: "compute" },
      { id: "compute", type: "set", assign: [{ variable: "total", value: "price * qty" }], next: "done" },
      { id: "done", type: "end" },
    ]);
    const result = await new Conversation(flow).start({ price: "dix", qty: 2 });
    expect(result.errors[0]?.message).toMatch(
      /^The expression `price \* qty` in node `compute` of flow `test-flow`, field `\/assign\/0\/value` failed: .+\. It read price = "dix", qty = 2\.$/,
    );
  });

  it("EXPRESSION: an invalid answer pattern", async () => {
    const flow = makeFlow([
      { id: "start", type: "start", next: "ask" },
      {
        id: "ask",
        type: "question",
        text: "Code ?",
        input: { kind: "pattern", pattern: "([0-9]" },
        saveAs: "code",
        next: "done",
      },
      { id: "done", type: "end" },
    ]);
    const conversation = new Conversation(flow);
    await conversation.start();
    const result = await conversation.say("123");
    expect(result.errors[0]?.code).toBe("EXPRESSION");
    expect(result.errors[0]?.message).toMatch(
      /^The pattern `\(\[0-9\]` in node `ask` of flow `test-flow`, field `\/input\/pattern` cannot run: missing closing \)/,
    );
  });

  it("EXPRESSION: an expression that runs too many steps is stopped, the same way every time", async () => {
    const flow = makeFlow([
      { id: "start", type: "start", next: "compute" },
      { id: "compute", type: "set", assign: [{ variable: "sum", value: "$sum([1..5000].($ * 2))" }], next: "done" },
      { id: "done", type: "end" },
    ]);
    const first = await new Conversation(flow).start();
    const second = await new Conversation(flow).start();
    expect(first.errors[0]?.message).toContain(`ran more than ${EXPRESSION_STEP_BUDGET} steps`);
    expect(second).toEqual(first);
  });

  it("EXPRESSION: unbounded recursion and huge sequences are stopped", async () => {
    const recursion = makeFlow([
      { id: "start", type: "start", next: "compute" },
      {
        id: "compute",
        type: "set",
        assign: [{ variable: "x", value: "($f := function($n) { $n = 0 ? 0 : 1 + $f($n - 1) }; $f(100000))" }],
        next: "done",
      },
      { id: "done", type: "end" },
    ]);
    expect((await new Conversation(recursion).start()).errors[0]?.code).toBe("EXPRESSION");
    const sequence = makeFlow([
      { id: "start", type: "start", next: "compute" },
      { id: "compute", type: "set", assign: [{ variable: "x", value: "$count([1..1000000])" }], next: "done" },
      { id: "done", type: "end" },
    ]);
    expect((await new Conversation(sequence).start()).errors[0]?.code).toBe("EXPRESSION");
  });

  it("EXPRESSION: `$random()` and `$shuffle()` are refused so that conversations replay the same", async () => {
    for (const value of ["$random()", "$shuffle([1, 2, 3])"]) {
      const flow = makeFlow([
        { id: "start", type: "start", next: "compute" },
        { id: "compute", type: "set", assign: [{ variable: "x", value }], next: "done" },
        { id: "done", type: "end" },
      ]);
      const result = await new Conversation(flow).start();
      expect(result.errors[0]?.message).toContain("is not available in flows");
    }
  });

  it("UNEXPECTED_INPUT: input on an ended conversation ends it again, without a handoff", async () => {
    const flow = makeFlow([
      { id: "start", type: "start", next: "done" },
      { id: "done", type: "end", text: "Au revoir" },
    ]);
    const conversation = new Conversation(flow);
    await conversation.start();
    const result = await conversation.say("encore là ?");
    expect(result.status).toEqual({ type: "end" });
    expect(result.outputs).toEqual([]);
    expect(result.errors).toEqual([
      {
        code: "UNEXPECTED_INPUT",
        flowId: "test-flow",
        nodeId: "done",
        message:
          "The conversation has ended, yet it received a `text` input: start a new conversation with a `start` input.",
      },
    ]);
  });
});

describe("determinism", () => {
  it("gives the same outputs, state, events and effects for the same inputs", async () => {
    const flow = makeFlow(
      [
        { id: "start", type: "start", next: "what" },
        {
          id: "what",
          type: "intent",
          text: "Bonjour {{ name }}, que puis-je faire ?",
          intents: [{ id: "order", examples: { fr: ["où est ma commande"] }, next: "fetch" }],
          saveAs: "intent",
          fallback: "what",
        },
        {
          id: "fetch",
          type: "http",
          method: "GET",
          url: "https://api.example.com/o?at={{ $now() }}",
          responseMapping: { order: "body" },
          next: "stamp",
          onError: "stamp",
        },
        { id: "stamp", type: "set", assign: [{ variable: "at", value: "$now()" }], next: "bye" },
        { id: "bye", type: "end", text: "Commande {{ order.id }} le {{ at }}" },
      ],
      {
        escalation: {
          defaultQueue: "support",
          rules: [{ id: "vip", kind: "value", when: "order.total > 100", queue: "vip", priority: "high" }],
        },
      },
    );
    const play = async () => {
      const conversation = new Conversation(flow);
      const results = [await conversation.start({ name: "Léa" }), await conversation.say("où en est ma commande ?")];
      results.push(
        await conversation.send({
          type: "effectResult",
          effectId: "effect-1",
          result: { ok: true, status: 200, headers: {}, body: { id: "A1", total: 50 } },
        }),
      );
      return results;
    };
    const [first, second] = [await play(), await play()];
    expect(second).toEqual(first);
    expect(first.at(-1)?.outputs.map((output) => output.text)).toEqual(["Commande A1 le 2026-03-14T09:30:00.000Z"]);
  });
});
