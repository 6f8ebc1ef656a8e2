import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { pruneAll } from "../../runtime/store/retention.js";
import type { AnalyticsFigures } from "../../schema/api/analytics.js";
import { expectedFigures, kinds, type Planned, plan } from "./analytics-history.js";
import { ADMIN, type Built, build, fixtures, login, send, userWithRole } from "./helpers.js";
import { dropSchema, freshSchema, POSTGRES_URL, requirePostgres } from "./postgres-server.js";

const START = Date.parse("2026-03-02T00:00:00Z");
const DAYS = ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05"];
/** When the figures are read: 12:00 on the fourth day, long after the generated conversations. */
const NOW = Date.parse("2026-03-05T12:00:00Z");

describe.each(["sqlite", "postgres"] as const)(
  "analytics on %s through the API, from a generated history",
  (dialect) => {
    let built: Built;
    let dir: string;
    let admin: string;
    let planned: Planned[];
    const schema = freshSchema("relais_analytics");
    const period = `from=${DAYS[0]}&to=${DAYS[3]}`;

    const get = (url: string, cookie = admin) => built.app.inject({ method: "GET", url, headers: { cookie } });
    const figures = async (query: string) => {
      const response = await get(`/api/flows/support/analytics?${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as AnalyticsFigures;
    };

    async function converse(entry: Planned, index: number) {
      for (const [step, text] of kinds[entry.kind].texts.entries()) {
        vi.setSystemTime(entry.times[step] as number);
        const response = await send(built.app, {
          flowId: "support",
          from: `+3361000${String(index).padStart(4, "0")}`,
          messageId: `m-${index}-${step}`,
          text,
        });
        expect(response.statusCode, response.body).toBe(200);
      }
    }

    beforeAll(async () => {
      vi.useFakeTimers({ toFake: ["Date"] });
      vi.setSystemTime(START);
      dir = mkdtempSync(join(tmpdir(), "relais-analytics-"));
      cpSync(join(fixtures, "flows"), join(dir, "flows"), { recursive: true });
      cpSync(join(fixtures, "analytics", "support.flow.json"), join(dir, "flows", "support.flow.json"));
      if (dialect === "postgres") await requirePostgres();
      const env: Record<string, string> =
        dialect === "postgres" ? { DATABASE_URL: POSTGRES_URL, DATABASE_SCHEMA: schema } : {};
      built = await build(env, { keepDir: dir });
      admin = await login(built.app, ADMIN.email, ADMIN.password);
      planned = plan(20261130, START, 40);
      const first = planned.filter((entry) => entry.version === 1);
      for (const [index, entry] of first.entries()) await converse(entry, index);
      // Version 2 words the first question differently; conversations started before stay on version 1.
      const flow = JSON.parse(readFileSync(join(dir, "flows", "support.flow.json"), "utf8"));
      flow.nodes[1].text = "Comment puis-je vous aider ?";
      writeFileSync(join(dir, "flows", "support.flow.json"), `${JSON.stringify(flow, null, 2)}\n`);
      vi.setSystemTime(START + 3 * 86_400_000);
      const published = await built.app.inject({
        method: "POST",
        url: "/api/flows/support/publish",
        headers: { cookie: admin },
        payload: { note: "question reformulée" },
      });
      expect(published.statusCode, published.body).toBe(201);
      const second = planned.filter((entry) => entry.version === 2);
      for (const [index, entry] of second.entries()) await converse(entry, 1000 + index);
      const ongoing: Planned = { kind: "leftAtNumber", version: 2, times: [NOW - 10 * 60_000], ongoing: true };
      planned.push(ongoing);
      await converse(ongoing, 9999);
      vi.setSystemTime(NOW);
    }, 120_000);

    afterAll(async () => {
      vi.useRealTimers();
      await built?.close();
      rmSync(dir, { recursive: true, force: true });
      if (dialect === "postgres") await dropSchema(schema);
    });

    it("gives exactly the figures of the history for each version and for all of them", async () => {
      expect(new Set(planned.map((entry) => entry.kind)).size).toBe(Object.keys(kinds).length);
      for (const version of [1, 2, undefined]) {
        const query = version === undefined ? period : `version=${version}&${period}`;
        expect(await figures(query)).toEqual({
          flowId: "support",
          version: version ?? null,
          from: DAYS[0],
          to: DAYS[3],
          abandonAfterMinutes: 30,
          ...expectedFigures(planned, version, DAYS),
        });
      }
    });

    it("counts a conversation in the period it started in, and abandoned after the threshold asked for", async () => {
      const firstDay = await figures(`version=1&from=${DAYS[0]}&to=${DAYS[0]}`);
      expect(firstDay.conversations.started).toBe(
        planned.filter((entry) => entry.version === 1 && (entry.times[0] as number) < START + 86_400_000).length,
      );
      const patient = await figures(`${period}&abandonAfterMinutes=5`);
      expect(patient.conversations.ongoing).toBe(0);
      expect(patient.conversations.abandoned).toBe(
        planned.filter((entry) => kinds[entry.kind].outcome === "open").length,
      );
    });

    it("compares two versions side by side, in JSON and CSV", async () => {
      const response = await get(`/api/flows/support/analytics/compare?version=1&with=2&${period}`);
      expect(response.statusCode, response.body).toBe(200);
      const compared = response.json() as { version: AnalyticsFigures; with: AnalyticsFigures };
      expect(compared.version).toEqual(await figures(`version=1&${period}`));
      expect(compared.with).toEqual(await figures(`version=2&${period}`));

      const csv = await get(`/api/flows/support/analytics/compare.csv?version=1&with=2&${period}`);
      expect(csv.statusCode).toBe(200);
      expect(csv.headers["content-type"]).toBe("text/csv; charset=utf-8");
      expect(csv.headers["content-disposition"]).toBe('attachment; filename="support-compare-1-2.csv"');
      const lines = csv.body.trimEnd().split("\r\n");
      expect(lines[0]).toBe("flow,version,from,to,figure,subject,value");
      for (const side of [compared.version, compared.with]) {
        const prefix = `support,${side.version},${DAYS[0]},${DAYS[3]}`;
        expect(lines).toContain(`${prefix},started,,${side.conversations.started}`);
        expect(lines).toContain(`${prefix},contained,,${side.conversations.contained}`);
        for (const rule of side.handoffsByRule)
          expect(lines).toContain(`${prefix},handed_over_by_rule,${rule.ruleId},${rule.count}`);
        for (const node of side.nodes) expect(lines).toContain(`${prefix},node_reached,${node.nodeId},${node.reached}`);
      }
    });

    it("exports one version's figures as CSV", async () => {
      const csv = await get(`/api/flows/support/analytics.csv?version=2&${period}`);
      expect(csv.statusCode).toBe(200);
      const expected = expectedFigures(planned, 2, DAYS);
      const prefix = `support,2,${DAYS[0]},${DAYS[3]}`;
      const lines = csv.body.trimEnd().split("\r\n");
      expect(lines).toContain(`${prefix},abandoned,,${expected.conversations.abandoned}`);
      expect(lines).toContain(`${prefix},ongoing,,1`);
      for (const transition of expected.transitions) {
        expect(lines).toContain(`${prefix},transition_taken,${transition.id},${transition.count}`);
      }
    });

    it("counts containment and handoffs by rule for Prometheus", async () => {
      const metrics = await built.app.inject({ method: "GET", url: "/metrics" });
      for (const version of [1, 2]) {
        const expected = expectedFigures(planned, version, DAYS);
        expect(metrics.body).toContain(
          `relais_conversations_started_total{flow="support",version="${version}"} ${expected.conversations.started}`,
        );
        expect(metrics.body).toContain(
          `relais_conversations_contained_total{flow="support",version="${version}"} ${expected.conversations.contained}`,
        );
        for (const rule of expected.handoffsByRule) {
          expect(metrics.body).toContain(
            `relais_conversations_handed_over_total{flow="support",version="${version}",rule="${rule.ruleId}"} ${rule.count}`,
          );
        }
      }
    });

    it("refuses a bad period or version, naming the field, and readers below the editor role", async () => {
      const badDay = await get(`/api/flows/support/analytics?from=2026-02-30&to=${DAYS[3]}`);
      expect(badDay.statusCode).toBe(400);
      expect(badDay.json().error.message).toContain("`from`");
      const backwards = await get(`/api/flows/support/analytics?from=${DAYS[3]}&to=${DAYS[0]}`);
      expect(backwards.statusCode).toBe(400);
      expect(backwards.json().error.code).toBe("BAD_PERIOD");
      const tooLong = await get("/api/flows/support/analytics?from=2020-01-01&to=2026-03-05");
      expect(tooLong.statusCode).toBe(400);
      expect(tooLong.json().error.message).toContain("1000 at most");
      const unknown = await get("/api/flows/support/analytics/compare?version=1&with=9");
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().error.message).toContain("`with`");
      const agent = await userWithRole(built.app, "agent", "agent-analytics");
      expect((await get("/api/flows/support/analytics", agent)).statusCode).toBe(403);
    });

    it("holds no message text or collected value, and keeps every figure once the retention policy prunes transcripts", async () => {
      const before = await figures(period);
      const store = built.app.store;
      const { analyticsConversations, analyticsCounts, analyticsDeltas, messages, conversations, inbox, handoffs } =
        store.tables;
      const rows = await store.read(async (db) => [
        ...(await db.select().from(analyticsConversations)),
        ...(await db.select().from(analyticsCounts)),
        ...(await db.select().from(analyticsDeltas)),
      ]);
      // Every text a customer wrote, order numbers (collected) included, in no text column; the
      // conversation's id (random hex, which "12" or "abc" could be part of) is the one exception.
      const written = Object.values(kinds).flatMap((kind) => kind.texts);
      for (const row of rows) {
        for (const [column, value] of Object.entries(row)) {
          if (typeof value !== "string" || column === "conversationId") continue;
          for (const text of written) expect(value.includes(text), `analytics ${column} holds "${text}"`).toBe(false);
          expect(value.includes("+3361000"), "analytics hold a customer's address").toBe(false);
        }
      }
      const pruned = await pruneAll(
        store,
        { transcriptDays: 1, transcriptDaysByFlow: {}, deliveryDays: 1 },
        NOW + 10 * 86_400_000,
      );
      expect(pruned.conversations).toBeGreaterThan(0);
      expect(pruned.messages).toBeGreaterThan(0);
      expect(await figures(period)).toEqual(before);
      // Conversations waiting for a person are never pruned; with them gone too, the figures stay.
      await store.tx(async (db) => {
        for (const table of [messages, handoffs, conversations, inbox]) await db.delete(table);
      });
      expect(await figures(period)).toEqual(before);
    });
  },
);
