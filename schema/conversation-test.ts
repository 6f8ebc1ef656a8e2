import { type Static, Type } from "@sinclair/typebox";
import { discriminated, Priority, SLUG_PATTERN } from "./common.js";

const Expectation = Type.String({
  description: "Text the bot message must contain, or `/regular expression/flags`.",
});

export const HttpFixture = Type.Object(
  {
    method: Type.Optional(Type.String({ description: "GET when left out." })),
    url: Type.String({
      description: "The URL the flow calls, after templates; `*` matches any run of characters.",
    }),
    status: Type.Optional(Type.Integer({ minimum: 100, maximum: 599, description: "200 when left out." })),
    body: Type.Optional(Type.Unknown({ description: "The JSON (or text) the server answers." })),
    headers: Type.Optional(Type.Record(Type.String(), Type.String())),
    error: Type.Optional(
      Type.Union([Type.Literal("timeout"), Type.Literal("network")], {
        description: "Simulate a failure instead of an answer.",
      }),
    ),
  },
  { additionalProperties: false, description: "An answer to an HTTP call the flow makes during a test." },
);
export type HttpFixture = Static<typeof HttpFixture>;

export const TestStep = discriminated("kind", [
  Type.Object(
    { kind: Type.Literal("user"), text: Type.String() },
    { additionalProperties: false, description: "The customer writes this." },
  ),
  Type.Object(
    { kind: Type.Literal("choose"), choice: Type.String() },
    { additionalProperties: false, description: "The customer taps the button with this choice id." },
  ),
  Type.Object(
    { kind: Type.Literal("bot"), text: Expectation },
    {
      additionalProperties: false,
      description: "The next bot message (since the last customer step) matches this.",
    },
  ),
  Type.Object(
    { kind: Type.Literal("variables"), values: Type.Record(Type.String(), Type.Unknown()) },
    {
      additionalProperties: false,
      description: "These variables (paths such as `order.total`) hold these values now.",
    },
  ),
  Type.Object(
    {
      kind: Type.Literal("handoff"),
      queue: Type.Optional(Type.String()),
      priority: Type.Optional(Priority),
      rule: Type.Optional(Type.String({ description: "The id of the escalation rule, or the handoff node id." })),
      reason: Type.Optional(Expectation),
    },
    { additionalProperties: false, description: "The conversation is handed to a person now." },
  ),
  Type.Object(
    { kind: Type.Literal("end") },
    { additionalProperties: false, description: "The conversation has ended." },
  ),
]);
export type TestStep = Static<typeof TestStep>;

export const ConversationTest = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    language: Type.Optional(Type.String()),
    opening: Type.Optional(
      Type.String({
        description:
          "The customer's first message, which opens the conversation as on a real channel; the first intent node reads it.",
      }),
    ),
    variables: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: "Variables at the start." })),
    http: Type.Optional(Type.Array(HttpFixture, { description: "Fixtures for this test, checked before the file's." })),
    steps: Type.Array(TestStep, { minItems: 1 }),
  },
  { additionalProperties: false },
);
export type ConversationTest = Static<typeof ConversationTest>;

export const ConversationTestFileSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    flow: Type.String({ pattern: SLUG_PATTERN }),
    secrets: Type.Optional(
      Type.Record(Type.String({ pattern: "^[A-Z][A-Z0-9_]*$" }), Type.String(), {
        description: "Stand-in values for the flow's secrets during tests; never real ones. Default `test-<name>`.",
      }),
    ),
    http: Type.Optional(Type.Array(HttpFixture, { description: "Fixtures shared by every test of the file." })),
    tests: Type.Array(ConversationTest, { minItems: 1 }),
  },
  {
    additionalProperties: false,
    $id: "https://relais.dev/schema/conversation-test.schema.json",
    title: "Relais conversation tests",
  },
);
export type ConversationTestFile = Static<typeof ConversationTestFileSchema>;
