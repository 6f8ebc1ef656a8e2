import { DrizzleQueryError } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { describeFailure, isTransient, isUnreachable } from "../../../runtime/store/failure.js";
import { NoAnswer } from "../../../runtime/store/pg-ping.js";

const pgError = (code: string, message: string) =>
  Object.assign(new Error(message), { code, detail: "Key (x)=(secret)" });

describe("failures as logs and operators see them", () => {
  it("keeps a failed query's statement and code, never its parameters or the driver's detail", () => {
    const error = new DrizzleQueryError(
      'insert into "messages" ("text") values ($1)',
      ["mon code secret 4242"],
      pgError("22021", 'invalid byte sequence for encoding "UTF8": 0x00'),
    );
    const failure = describeFailure(error);
    expect(failure).toEqual({
      message: 'invalid byte sequence for encoding "UTF8": 0x00',
      code: "22021",
      query: 'insert into "messages" ("text") values ($1)',
    });
    expect(JSON.stringify(failure)).not.toMatch(/4242|secret/);
  });

  it("tells a store that is failing from a row that cannot be processed", () => {
    const wrapped = (cause: unknown) => new DrizzleQueryError("select 1", [], cause as Error);
    expect(isTransient(wrapped(pgError("53300", "sorry, too many clients already")))).toBe(true);
    expect(isTransient(wrapped(pgError("40P01", "deadlock detected")))).toBe(true);
    expect(isTransient(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }))).toBe(
      true,
    );
    expect(isTransient(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isTransient(Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" }))).toBe(true);
    expect(isTransient(wrapped(pgError("22021", "invalid byte sequence")))).toBe(false);
    expect(isTransient(new SyntaxError("Unexpected token"))).toBe(false);
  });

  it("tells a database out of reach from a transaction that lost a race", () => {
    const wrapped = (cause: unknown) => new DrizzleQueryError("select 1", [], cause as Error);
    expect(
      isUnreachable(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })),
    ).toBe(true);
    expect(isUnreachable(wrapped(new Error("Connection terminated unexpectedly")))).toBe(true);
    // A pooled connection that got no answer while connecting, and a ping that got none in time.
    expect(isUnreachable(wrapped(new Error("timeout expired")))).toBe(true);
    expect(isUnreachable(new NoAnswer("PostgreSQL did not answer within 5 s"))).toBe(true);
    expect(isUnreachable(new Error("lookup timeout expired for the CRM"))).toBe(false);
    expect(isUnreachable(wrapped(pgError("57P01", "terminating connection due to administrator command")))).toBe(true);
    expect(isUnreachable(wrapped(pgError("40P01", "deadlock detected")))).toBe(false);
    expect(isUnreachable(Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" }))).toBe(false);
  });
});
