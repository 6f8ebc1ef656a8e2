import { SerializerSelector } from "@fastify/fast-json-stringify-compiler";
import { describe, expect, it } from "vitest";
import {
  responseSerializers,
  serializersCompiledOnAnswer,
  serializersWritten,
} from "../../../runtime/response-serializers.js";
import { ChannelAnswer, SearchResults } from "../../../schema/api/index.js";

const route = (schema: unknown) => ({ schema, method: "GET", url: "/x", httpStatus: "200" }) as never;

const searchResult = {
  id: "0193a7c2-5f00-7000-8000-000000000001",
  channel: "whatsapp",
  flowId: "triage",
  flowVersion: 3,
  status: "queued",
  assignedTo: null,
  agentName: "Léa Martin",
  createdAt: 1_764_700_000_000,
  updatedAt: 1_764_700_060_000,
  customer: { name: "Camille", email: null, phone: "+33612345678", address: "33612345678" },
  lastMessage: { role: "customer", text: "où est mon colis ?", at: 1_764_700_060_000 },
  unanswered: 2,
  handoff: null,
};

describe("response serializers", () => {
  it("write what the route's schema describes, as fast-json-stringify does", () => {
    const serialize = responseSerializers(
      {},
      {},
    )(route({ type: "object", properties: { name: { type: "string" }, count: { type: "integer" } } }));
    expect(serialize({ name: "Léa", count: 2, secret: "not in the schema" })).toBe('{"name":"Léa","count":2}');
  });

  it("compile a route's serializer when it first answers if its thread could not write it", () => {
    const unknownReference = route({ type: "object", properties: { order: { $ref: "missing#" } } });
    const serialize = responseSerializers({}, {})(unknownReference);
    expect(() => serialize({ order: 1 })).toThrow(/missing/);
  });

  it("are written by a thread of their own, unions included, and answer as those compiled here do", async () => {
    const factory = responseSerializers({}, {});
    const search = factory(route(SearchResults));
    const answer = factory(route(ChannelAnswer));
    await serializersWritten();
    const before = serializersCompiledOnAnswer();
    const here = SerializerSelector()({}, {});
    // Every branch of the unions: null and not null, each status, an answer with no conversation.
    const results = {
      results: [
        searchResult,
        {
          ...searchResult,
          status: "closed",
          assignedTo: "agent-1",
          lastMessage: null,
          customer: { ...searchResult.customer, email: "c@example.fr" },
        },
      ],
      more: true,
    };
    const replies = [{ nodeId: "ask-email", text: "Votre e-mail ?", choices: [{ id: "a", label: "A" }] }];
    expect(search(results)).toBe(here(route(SearchResults))(results));
    for (const status of ["bot", "queued", "agent", "closed"]) {
      for (const conversationId of ["0193a7c2", null]) {
        const data = { conversationId, status, replies };
        expect(answer(data)).toBe(here(route(ChannelAnswer))(data));
      }
    }
    // Nothing was compiled on the event loop when they first answered.
    expect(serializersCompiledOnAnswer()).toBe(before);
  });
});
