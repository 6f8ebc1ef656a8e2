import { describe, expect, it } from "vitest";
import { readJson, StoredJsonError } from "../../../runtime/store/json-column.js";
import { PinnedVersions } from "../../../runtime/store/json-columns.js";
import { ConversationState, WeeklyHours } from "../../../schema/api/index.js";
import { validateLayout } from "../../../schema/index.js";

const at = { table: "conversations", column: "state", id: "c-1" };

describe("readJson", () => {
  it("gives the stored value when it has its column's shape", () => {
    expect(readJson(PinnedVersions, '{"main":3,"billing":1}', at)).toEqual({ main: 3, billing: 1 });
    expect(readJson(WeeklyHours, '{"mon":[["09:00","18:00"]]}', at)).toEqual({ mon: [["09:00", "18:00"]] });
  });

  it("names the table, the column, the row and the place when the value is not of its shape", () => {
    const state = {
      stack: [],
      status: "asleep",
      language: "fr",
      variables: {},
      attempts: 0,
      failedInputs: 0,
      visits: {},
    };
    expect(() => readJson(ConversationState, JSON.stringify(state), at)).toThrow(StoredJsonError);
    expect(() => readJson(ConversationState, JSON.stringify(state), at)).toThrow(
      /^conversations\.state of row "c-1" is not what it should hold: \/status: /,
    );
    expect(() => readJson(PinnedVersions, '{"main":"3"}', { ...at, column: "pinned" })).toThrow(
      /conversations\.pinned of row "c-1" .*\/main/,
    );
  });

  it("says so when the text is not JSON", () => {
    expect(() => readJson(PinnedVersions, "{main", { table: "conversations", column: "pinned", id: 7 })).toThrow(
      /conversations\.pinned of row 7 is not what it should hold: not JSON/,
    );
  });

  it("checks a document column with the format's own validator", () => {
    const layout = { flow: "main", nodes: { a: { x: 1, y: 2 } } };
    const read = (text: string) =>
      readJson((value) => validateLayout(value, "layout"), text, {
        table: "flow_versions",
        column: "layout",
        id: "main@1",
      });
    expect(read(JSON.stringify(layout))).toEqual(layout);
    expect(() => read(JSON.stringify({ ...layout, nodes: { a: { x: "left" } } }))).toThrow(
      /flow_versions\.layout of row "main@1" is not what it should hold: \/nodes\/a/,
    );
  });
});
