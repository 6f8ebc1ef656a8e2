import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eraseCommand } from "../../runtime/cli/erase.js";
import { ADMIN, type Built, build, login, send, userWithRole } from "./helpers.js";

describe("erasing one customer's data (GDPR)", () => {
  let built: Built;
  let admin: string;
  beforeAll(async () => {
    built = await build();
    admin = await login(built.app, ADMIN.email, ADMIN.password);
  });
  afterAll(() => built.close());

  const talk = async (from: string) => {
    for (const [index, text] of ["Bonjour", "salut", "encore"].entries()) {
      const answer = await send(built.app, { flowId: "echo", from, messageId: `${from}-${index}`, text });
      expect(answer.statusCode).toBe(200);
    }
  };
  const rowsOf = async (address: string) => {
    const { conversations, messages, inbox } = built.app.store.tables;
    return built.app.store.read(async (db) => {
      const ids = (
        await db.select({ id: conversations.id }).from(conversations).where(eq(conversations.address, address))
      ).map((row) => row.id);
      const count = async <T>(rows: Promise<T[]>) => (await rows).length;
      return {
        conversations: ids.length,
        messages: (
          await Promise.all(ids.map((id) => count(db.select().from(messages).where(eq(messages.conversationId, id)))))
        ).reduce((a, b) => a + b, 0),
        inbox: await count(db.select().from(inbox).where(eq(inbox.address, address))),
      };
    });
  };

  it("deletes the customer's conversations, transcripts and inbox, and nobody else's", async () => {
    await talk("+33611111111");
    await talk("+33622222222");
    const before = await rowsOf("+33611111111");
    expect(before.conversations).toBe(1);
    expect(before.messages).toBeGreaterThanOrEqual(6);
    const other = await rowsOf("+33622222222");

    const erased = await built.app.inject({
      method: "DELETE",
      url: `/api/customers/rest/${encodeURIComponent("+33611111111")}`,
      headers: { cookie: admin },
    });
    expect(erased.statusCode).toBe(200);
    expect(erased.json()).toMatchObject({
      channel: "rest",
      address: "+33611111111",
      conversations: 1,
      messages: before.messages,
      inbox: 3,
    });
    expect(await rowsOf("+33611111111")).toEqual({ conversations: 0, messages: 0, inbox: 0 });
    expect(await rowsOf("+33622222222")).toEqual(other);

    const again = await built.app.inject({
      method: "DELETE",
      url: `/api/customers/rest/${encodeURIComponent("+33611111111")}`,
      headers: { cookie: admin },
    });
    expect(again.json()).toMatchObject({ conversations: 0, messages: 0, inbox: 0 });
    // Writing again after erasure is a new customer, from a clean start.
    const fresh = await send(built.app, {
      flowId: "echo",
      from: "+33611111111",
      messageId: "+33611111111-0",
      text: "Bonjour",
    });
    expect(fresh.json().replies[0].text).toBe("Dites quelque chose");
  });

  it("is for admins only, and says what is wrong with a bad channel", async () => {
    const editor = await userWithRole(built.app, "editor", "erasure-editor");
    const refused = await built.app.inject({
      method: "DELETE",
      url: "/api/customers/rest/someone",
      headers: { cookie: editor },
    });
    expect(refused.statusCode).toBe(403);
    const bad = await built.app.inject({
      method: "DELETE",
      url: "/api/customers/Not%20A%20Channel/someone",
      headers: { cookie: admin },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("channel");
  });

  it("is done from the CLI against a running server with an admin token", async () => {
    await talk("cli-customer");
    const token = (
      await built.app.inject({
        method: "POST",
        url: "/api/tokens",
        headers: { cookie: admin },
        payload: { name: "gdpr", role: "admin" },
      })
    ).json().token as string;
    const address = await built.app.listen({ port: 0, host: "127.0.0.1" });
    const lines: string[] = [];
    const io = { out: (line: string) => lines.push(line), err: (line: string) => lines.push(`error: ${line}`) };
    expect(await eraseCommand("rest", "cli-customer", { server: address, token }, io)).toBe(0);
    expect(lines[0]).toMatch(/^erased rest customer cli-customer: conversations 1, messages \d+/);
    expect(await rowsOf("cli-customer")).toEqual({ conversations: 0, messages: 0, inbox: 0 });
    expect(await eraseCommand("rest", "cli-customer", { server: address, token: "rls_wrong" }, io)).toBe(1);
    expect(lines[1]).toMatch(/^error: erasure refused \(401\)/);
  });
});
