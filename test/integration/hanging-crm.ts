import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fixtures } from "./helpers.js";

/**
 * A flow that looks the customer up in a CRM at its first message, then echoes like `echo`; when the
 * CRM fails, a person takes over.
 */
const lookupFlow = {
  schemaVersion: 1,
  id: "lookup",
  name: "Recherche CRM",
  languages: ["fr"],
  secrets: ["CRM_BASE_URL"],
  variables: { customer: { type: "object" }, answer: { type: "string" } },
  nodes: [
    { id: "start", type: "start", next: "lookup" },
    {
      id: "lookup",
      type: "http",
      method: "GET",
      url: "{{ secrets.CRM_BASE_URL }}/customers/{{ contact.address }}",
      headers: { Accept: "application/json" },
      responseMapping: { customer: "body" },
      timeoutMs: 30000,
      next: "found",
      onError: "unknown",
    },
    { id: "found", type: "message", text: "Bonjour {{ customer.name }}", next: "ask" },
    {
      id: "unknown",
      type: "handoff",
      queue: "support",
      priority: "normal",
      text: "CRM injoignable : un conseiller arrive.",
    },
    {
      id: "ask",
      type: "question",
      text: "Dites quelque chose",
      input: { kind: "text" },
      saveAs: "answer",
      next: "say",
    },
    { id: "say", type: "message", text: "Reçu : {{ answer }}", next: "ask" },
  ],
};

/**
 * A CRM that answers nothing until the test releases it, speaking JSON over real HTTP; it says
 * how many lookups wait and whether any has been answered.
 */
export async function hangingCrm() {
  const waiting: { address: string; response: ServerResponse }[] = [];
  let answered = 0;
  const arrivals: (() => void)[] = [];
  let released = false;
  let failing = true;
  const answer = (address: string, response: ServerResponse) => {
    answered++;
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ name: address }));
  };
  const server = createServer((request, response) => {
    const address = decodeURIComponent(request.url?.split("/").at(-1) ?? "");
    if (failing && address.startsWith("down-")) return response.writeHead(503).end();
    if (released) return answer(address, response);
    waiting.push({ address, response });
    for (const wake of arrivals.splice(0)) wake();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    get waiting() {
      return waiting.length;
    },
    get answered() {
      return answered;
    },
    /** Resolves once `count` lookups are waiting. */
    async waitingFor(count: number): Promise<void> {
      while (waiting.length < count) await new Promise<void>((resolve) => arrivals.push(resolve));
    },
    /** Lets the next lookups wait again, those of `down-…` customers too (which fail at once until then). */
    hold(): void {
      released = false;
      failing = false;
    },
    /** Answers every waiting lookup with the customer's record, and the later ones at once. */
    release(): void {
      released = true;
      for (const { address, response } of waiting.splice(0)) answer(address, response);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const { response } of waiting.splice(0)) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A fresh folder with the fixture flows and the lookup flow, for `build(env, { keepDir })`. */
export function dirWithLookupFlow(): string {
  const dir = mkdtempSync(join(tmpdir(), "relais-crm-"));
  cpSync(join(fixtures, "flows"), join(dir, "flows"), { recursive: true });
  writeFileSync(join(dir, "flows", "lookup.flow.json"), `${JSON.stringify(lookupFlow, null, 2)}\n`);
  return dir;
}

/** The environment that points the lookup flow at the CRM and lets the HTTP node reach loopback. */
export const crmEnv = (crmUrl: string) => ({ RELAIS_SECRET_CRM_BASE_URL: crmUrl, RELAIS_HTTP_ALLOW: "127.0.0.1/32" });
