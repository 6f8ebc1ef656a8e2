import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { twilioSignature } from "../../runtime/channels/sms/signature.js";
import { metaSignature, whatsappMessage } from "../fixtures/whatsapp-webhook.js";
import { crmEnv, dirWithLookupFlow, hangingCrm } from "./hanging-crm.js";
import { type Built, build, listenOnLoopback } from "./helpers.js";
import { FakeProvider } from "./providers/fake-provider.js";

const META_SECRET = "whatsapp-app-secret";
const TWILIO_URL = "https://relais.example.fr/webhooks/twilio";
const TWILIO_TOKEN = "twilio-auth-token";
const IN_HAND = 3;

interface Answer {
  status: string;
  replies: { text: string }[];
}

describe("a process with as many messages in hand as it takes", () => {
  let built: Built;
  let base: string;
  let dir: string;
  let crm: Awaited<ReturnType<typeof hangingCrm>>;
  const graph = new FakeProvider((_request, n) => ({
    body: { messaging_product: "whatsapp", contacts: [{ input: "x", wa_id: "x" }], messages: [{ id: `wamid.o${n}` }] },
  }));
  const twilio = new FakeProvider((_request, n) => ({ status: 201, body: { sid: `SMout${n}`, status: "queued" } }));

  beforeAll(async () => {
    crm = await hangingCrm();
    dir = dirWithLookupFlow();
    built = await build(
      {
        ...crmEnv(crm.url),
        RELAIS_MAX_IN_FLIGHT: String(IN_HAND),
        WHATSAPP_APP_SECRET: META_SECRET,
        WHATSAPP_VERIFY_TOKEN: "verify-me",
        WHATSAPP_TOKEN: "graph-token",
        WHATSAPP_PHONE_NUMBER_ID: "106540352242922",
        WHATSAPP_FLOW: "echo",
        WHATSAPP_API_URL: await graph.start(),
        TWILIO_ACCOUNT_SID: "AC0123456789abcdef",
        TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
        TWILIO_PUBLIC_URL: TWILIO_URL,
        TWILIO_FROM: "+33700000000",
        TWILIO_FLOW: "echo",
        TWILIO_API_URL: await twilio.start(),
      },
      { keepDir: dir },
    );
    base = await listenOnLoopback(built.app);
  });
  afterAll(async () => {
    await crm?.close();
    await built?.close();
    await graph.stop();
    await twilio.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const rest = (flowId: string, from: string, messageId: string, text: string) =>
    fetch(`${base}/api/channels/rest/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ flowId, from, messageId, text }),
    });
  const webchat = (session: string, messageId: string, text: string) =>
    fetch(`${base}/api/channels/webchat/echo/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ session, messageId, text }),
    });
  const whatsapp = (from: string, id: string, body: string) => {
    const raw = JSON.stringify(whatsappMessage(from, id, { type: "text", text: { body } }));
    return fetch(`${base}/webhooks/whatsapp`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-hub-signature-256": metaSignature(raw, META_SECRET) },
      body: raw,
    });
  };
  const sms = (from: string, sid: string, body: string) => {
    const form = { AccountSid: "AC0123456789abcdef", Body: body, From: from, MessageSid: sid, To: "+33700000000" };
    return fetch(`${base}/webhooks/twilio`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-twilio-signature": twilioSignature(TWILIO_TOKEN, TWILIO_URL, form),
      },
      body: new URLSearchParams(form).toString(),
    });
  };
  const metric = async (line: string) => {
    const text = await (await fetch(`${base}/metrics`)).text();
    return Number(
      text
        .split("\n")
        .find((each) => each.startsWith(`${line} `))
        ?.split(" ")[1],
    );
  };
  const inboxRows = async (externalId: string) => {
    const { inbox } = built.app.store.tables;
    const rows = await built.app.store.read((db) => db.select().from(inbox));
    return rows.filter((row) => row.externalId === externalId).length;
  };

  it("does not count the messages waiting on a CRM that hangs: other customers are answered meanwhile", async () => {
    // One after the other: a message counts until its lookup starts, so a burst of them would fill the process.
    const waiting: Promise<Response>[] = [];
    for (let c = 0; c < IN_HAND + 2; c++) {
      const sent = rest("lookup", `crm-${c}`, `crm-${c}-0`, "Bonjour");
      waiting.push(sent);
      const answeredFirst = sent.then((answer) => {
        throw new Error(`customer ${c} was answered ${answer.status} before their lookup was made`);
      });
      await Promise.race([crm.waitingFor(c + 1), answeredFirst]);
    }
    expect(await metric("relais_messages_in_hand")).toBe(IN_HAND + 2);
    expect((await rest("echo", "unrelated", "unrelated-0", "Bonjour")).status).toBe(200);
    crm.release();
    for (const answer of await Promise.all(waiting)) expect(answer.status).toBe(200);
    // No channel has refused anything yet: the counter has no series.
    expect(await (await fetch(`${base}/metrics`)).text()).not.toContain("relais_messages_refused_total{");
  });

  it("refuses the messages of senders that retry with 503 and Retry-After, takes SMS, and answers them all once there is room", async () => {
    // A customer waits on a CRM that does not answer, and their next messages wait for their turn behind:
    // the process holds all it takes.
    crm.hold();
    const first = rest("lookup", "held", "held-0", "Bonjour");
    await crm.waitingFor(1);
    const next = Array.from({ length: IN_HAND }, (_, n) => rest("lookup", "held", `held-${n + 1}`, `suite ${n + 1}`));
    await expect.poll(() => metric("relais_messages_in_hand")).toBe(IN_HAND + 1);

    const refused = [
      await rest("echo", "later", "later-0", "Bonjour"),
      await webchat("visitor-session-0001", "v-0", "Bonjour"),
      await whatsapp("33611111111", "wamid.full-0", "Bonjour"),
    ];
    for (const answer of refused) {
      expect(answer.status).toBe(503);
      expect(answer.headers.get("retry-after")).toBe("1");
      expect(((await answer.json()) as { error: { code: string } }).error.code).toBe("OVERLOADED");
    }
    // Nothing of a refused message was kept: its sender's retry is its only copy.
    expect(await inboxRows("later-0")).toBe(0);
    expect(await inboxRows("wamid.full-0")).toBe(0);
    expect(await metric('relais_messages_refused_total{channel="rest"}')).toBe(1);
    expect(await metric('relais_messages_refused_total{channel="webchat"}')).toBe(1);
    expect(await metric('relais_messages_refused_total{channel="whatsapp"}')).toBe(1);

    // Twilio does not send a failed webhook again: an SMS is taken and answered all the same.
    expect((await sms("+33622222222", "SMfull0", "Bonjour")).status).toBe(200);
    expect(await inboxRows("SMfull0")).toBe(1);

    crm.release();
    const answers = await Promise.all([first, ...next]);
    for (const answer of answers) expect(answer.status).toBe(200);
    const texts = await Promise.all(answers.map(async (answer) => ((await answer.json()) as Answer).replies[0]?.text));
    expect(texts).toEqual(["Bonjour held", "Reçu : suite 1", "Reçu : suite 2", "Reçu : suite 3"]);
    expect(await metric("relais_messages_in_hand")).toBe(0);

    // Sent again, as each sender does, each refused message is taken and processed once.
    const again = await rest("echo", "later", "later-0", "Bonjour");
    expect(again.status).toBe(200);
    expect(((await again.json()) as Answer).status).toBe("bot");
    expect((await webchat("visitor-session-0001", "v-0", "Bonjour")).status).toBe(200);
    expect((await whatsapp("33611111111", "wamid.full-0", "Bonjour")).status).toBe(200);
    expect(await inboxRows("later-0")).toBe(1);
    expect(await inboxRows("wamid.full-0")).toBe(1);
    expect(await metric('relais_messages_refused_total{channel="rest"}')).toBe(1);
  });
});
