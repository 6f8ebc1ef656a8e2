import { type Static, Type } from "@sinclair/typebox";
import { LanguageCode, SecretName, SLUG_PATTERN } from "./common.js";
import { EscalationPolicy } from "./escalation.js";
import { type FlowNode, nodeDefinitions } from "./nodes/index.js";

export const CURRENT_SCHEMA_VERSION = 1;

export const VariableDeclaration = Type.Object(
  {
    type: Type.Union([
      Type.Literal("string"),
      Type.Literal("number"),
      Type.Literal("boolean"),
      Type.Literal("object"),
      Type.Literal("array"),
    ]),
    description: Type.Optional(Type.String()),
    default: Type.Optional(Type.Unknown({ description: "The value at the start of a conversation." })),
  },
  { additionalProperties: false },
);
export type VariableDeclaration = Static<typeof VariableDeclaration>;

export const FlowNodeSchema = Type.Unsafe<FlowNode>({
  description: "A step of the flow; `type` says which kind.",
  type: "object",
  discriminator: { propertyName: "type" },
  oneOf: Object.values(nodeDefinitions).map((definition) => definition.schema),
});

export const FlowSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    schemaVersion: Type.Literal(CURRENT_SCHEMA_VERSION, { description: "The version of the flow format." }),
    id: Type.String({
      pattern: SLUG_PATTERN,
      maxLength: 64,
      description: "The flow id; the file is `<id>.flow.json`.",
    }),
    name: Type.String({ minLength: 1, maxLength: 120 }),
    description: Type.Optional(Type.String()),
    languages: Type.Array(LanguageCode, {
      minItems: 1,
      uniqueItems: true,
      description: "Languages the flow speaks; the first is the default.",
    }),
    variables: Type.Optional(
      Type.Record(Type.String({ pattern: "^[A-Za-z_][A-Za-z0-9_]*$" }), VariableDeclaration, {
        description: "The variables the flow collects, by name.",
      }),
    ),
    secrets: Type.Optional(
      Type.Array(SecretName, {
        uniqueItems: true,
        description:
          "Secrets the flow uses, by name: the runtime reads `X` from RELAIS_SECRET_X or its secrets file; never their values.",
      }),
    ),
    escalation: Type.Optional(EscalationPolicy),
    nodes: Type.Array(FlowNodeSchema, { minItems: 1 }),
  },
  { additionalProperties: false, $id: "https://relais.dev/schema/flow.schema.json", title: "Relais flow" },
);
export type Flow = Static<typeof FlowSchema>;
