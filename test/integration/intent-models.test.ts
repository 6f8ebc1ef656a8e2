import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ADMIN, type Built, build, login, send } from "./helpers.js";

/** The shipped triage flow's intent models: trained at publish, stored, found again after a restart. */
describe("intent models stored with the published version", () => {
  const dir = mkdtempSync(join(tmpdir(), "relais-models-"));
  cpSync("flows", join(dir, "flows"), { recursive: true });
  let built: Built | undefined;
  afterAll(async () => {
    await built?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const storedKeys = async (app: Built["app"]) => {
    const { nluModels } = app.store.tables;
    const rows = await app.store.read((db) =>
      db.select({ key: nluModels.key, language: nluModels.language }).from(nluModels),
    );
    return rows.map((row) => `${row.language}:${row.key}`).sort();
  };

  it("trains the shipped flows' models at first start, and a customer's words reach the right intent", async () => {
    built = await build({}, { keepDir: dir });
    expect(built.app.published.models.trainedCount).toBe(2);
    // Of the shipped flows only triage has an intent node: one model per language.
    expect((await storedKeys(built.app)).map((key) => key.split(":")[0])).toEqual(["en", "fr"]);
    const answer = await send(built.app, {
      flowId: "triage",
      from: "+33633333333",
      messageId: "m-1",
      text: "mon colis n'est jamais arrivé",
    });
    expect(answer.statusCode).toBe(200);
    const { conversations } = built.app.store.tables;
    const [row] = await built.app.store.read((db) => db.select().from(conversations));
    expect(JSON.parse(row?.state ?? "{}").variables.intent.id).toBe("order_status");
  });

  it("trains a changed flow's new model at publish, and keeps every earlier one", async () => {
    const app = built!.app;
    const before = await storedKeys(app);
    const cookie = await login(app, ADMIN.email, ADMIN.password);
    const flow = JSON.parse(readFileSync(join(dir, "flows", "triage.flow.json"), "utf8"));
    flow.nodes.find((node: { type: string }) => node.type === "intent").intents[1].examples.fr.push("stoppez tout");
    const saved = await app.inject({ method: "PUT", url: "/api/flows/triage", headers: { cookie }, payload: { flow } });
    expect(saved.statusCode).toBe(200);
    const published = await app.inject({
      method: "POST",
      url: "/api/flows/triage/publish",
      headers: { cookie },
      payload: { note: "annulation" },
    });
    expect(published.statusCode).toBe(201);
    const after = await storedKeys(app);
    expect(after).toHaveLength(3);
    expect(after).toEqual(expect.arrayContaining(before));
  });

  it("loads the stored models after a restart, training nothing", async () => {
    const before = await storedKeys(built!.app);
    await built!.app.close();
    built = await build({}, { keepDir: dir });
    expect(built.app.published.models.trainedCount).toBe(0);
    expect(await storedKeys(built.app)).toEqual(before);
    const answer = await send(built.app, {
      flowId: "triage",
      from: "+33644444444",
      messageId: "m-2",
      text: "je ne veux plus de cette commande",
    });
    expect(answer.json().replies.at(-1).text).toBe("Un conseiller va s'occuper de votre commande.");
  });
});
