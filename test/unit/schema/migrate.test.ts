import { describe, expect, it } from "vitest";
import { CURRENT_SCHEMA_VERSION, type Migration, migrateFlow } from "../../../schema/index.js";

const FILE = "flows/order.flow.json";
type Document = Record<string, unknown>;

/** A test history of the format: v1 `title` became v2 `name`, v2 gained `languages` in v3. */
const chain: Migration<Document, Document>[] = [
  {
    from: 1,
    describe: "rename `title` to `name`",
    up: ({ title, ...rest }) => ({ ...rest, name: title }),
  },
  {
    from: 2,
    describe: "add `languages`",
    up: (document) => ({ ...document, languages: ["fr"] }),
  },
];

describe("migrateFlow", () => {
  it("passes a document of the current version through unchanged", () => {
    const document = { schemaVersion: CURRENT_SCHEMA_VERSION, id: "order" };
    expect(migrateFlow(document, FILE)).toEqual({ ok: true, value: document, applied: [] });
  });

  it("asks for a schemaVersion when there is none", () => {
    expect(migrateFlow({ id: "order" }, FILE)).toEqual({
      ok: false,
      problems: [
        {
          code: "schema/version",
          params: { context: "missing", target: CURRENT_SCHEMA_VERSION },
          severity: "error",
          file: FILE,
          pointer: "/schemaVersion",
          message: `The file has no \`schemaVersion\`; add \`"schemaVersion": ${CURRENT_SCHEMA_VERSION}\`.`,
        },
      ],
    });
  });

  it.each([["1"], [0], [1.5], [null]])("rejects the schemaVersion %j", (version) => {
    const result = migrateFlow({ schemaVersion: version }, FILE);
    expect(result).toMatchObject({ ok: false, problems: [{ code: "schema/version", pointer: "/schemaVersion" }] });
    if (!result.ok) expect(result.problems[0]?.message).toContain("must be a whole number from 1");
  });

  it("refuses a version newer than this Relais reads, and says to update", () => {
    const result = migrateFlow({ schemaVersion: CURRENT_SCHEMA_VERSION + 1 }, FILE);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]?.message).toContain("made by a newer Relais");
  });

  it("refuses what is not a JSON object", () => {
    expect(migrateFlow([1], FILE)).toMatchObject({ ok: false, problems: [{ code: "schema/type", pointer: "" }] });
  });

  it("applies the steps of a chain in order and reports them", () => {
    expect(migrateFlow({ schemaVersion: 1, title: "Commande" }, FILE, chain, 3)).toEqual({
      ok: true,
      value: { schemaVersion: 3, name: "Commande", languages: ["fr"] },
      applied: ["rename `title` to `name`", "add `languages`"],
    });
  });

  it("starts the chain at the document's version", () => {
    expect(migrateFlow({ schemaVersion: 2, name: "Commande" }, FILE, chain, 3)).toEqual({
      ok: true,
      value: { schemaVersion: 3, name: "Commande", languages: ["fr"] },
      applied: ["add `languages`"],
    });
  });

  it("reports a gap in the chain", () => {
    const gap = chain.filter((step) => step.from !== 2);
    const result = migrateFlow({ schemaVersion: 1, title: "Commande" }, FILE, gap, 3);
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          code: "schema/version",
          params: { context: "gap", version: 2 },
          severity: "error",
          file: FILE,
          pointer: "/schemaVersion",
          message: "No migration from format version 2 to 3.",
        },
      ],
    });
  });
});
