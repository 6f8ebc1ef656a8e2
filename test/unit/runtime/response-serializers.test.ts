import { describe, expect, it } from "vitest";
import { responseSerializers } from "../../../runtime/response-serializers.js";

const route = (schema: unknown) => ({ schema, method: "GET", url: "/x", httpStatus: "200" }) as never;

describe("response serializers", () => {
  it("write what the route's schema describes, as fast-json-stringify does", () => {
    const serialize = responseSerializers(
      {},
      {},
    )(route({ type: "object", properties: { name: { type: "string" }, count: { type: "integer" } } }));
    expect(serialize({ name: "Léa", count: 2, secret: "not in the schema" })).toBe('{"name":"Léa","count":2}');
  });

  it("compile a route's serializer when it first answers, not when the server starts", () => {
    const unknownReference = route({ type: "object", properties: { order: { $ref: "missing#" } } });
    const serialize = responseSerializers({}, {})(unknownReference);
    expect(() => serialize({ order: 1 })).toThrow(/missing/);
  });
});
