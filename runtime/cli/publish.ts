import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { request } from "undici";
import { formatProblem, type Problem } from "../../schema/index.js";
import type { Output } from "./commands.js";
import { defaultFlowsDir } from "./workspace.js";

interface PublishOptions {
  server: string;
  token: string;
  note?: string;
}

async function call(method: "PUT" | "POST", url: string, token: string, body: unknown) {
  const response = await request(url, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await response.body.text();
  let json: { error?: { message?: string; problems?: Problem[] } } & Record<string, unknown> = {};
  try {
    json = JSON.parse(text);
  } catch {
    json = { error: { message: text.slice(0, 200) } };
  }
  return { status: response.statusCode, json };
}

/** `relais publish <flow>`: saves the local flow files as the server's draft, then publishes them. */
export async function publishCommand(flowId: string, options: PublishOptions, io: Output): Promise<number> {
  const dir = defaultFlowsDir();
  const read = (suffix: string) => readFile(join(dir, `${flowId}.${suffix}`), "utf8");
  let flow: unknown;
  let layout: unknown;
  try {
    flow = JSON.parse(await read("flow.json"));
    layout = await read("layout.json").then(JSON.parse, () => undefined);
  } catch (error) {
    io.err(`cannot read ${join(dir, `${flowId}.flow.json`)}: ${(error as Error).message}; run \`relais validate\`.`);
    return 1;
  }
  const base = options.server.replace(/\/$/, "");
  try {
    const saved = await call("PUT", `${base}/api/flows/${flowId}`, options.token, { flow, layout });
    if (saved.status >= 300) return failed("save", saved, io);
    const published = await call("POST", `${base}/api/flows/${flowId}/publish`, options.token, {
      note: options.note ?? "",
    });
    if (published.status >= 300) return failed("publish", published, io);
    io.out(`published ${flowId} as version ${String(published.json.version)} (${String(published.json.hash)})`);
    // The server's warnings, channel limits among them, checked for the channels that start this flow.
    const warnings = Array.isArray(published.json.problems) ? (published.json.problems as Problem[]) : [];
    for (const problem of warnings) io.out(`  ${formatProblem(problem)}`);
    return 0;
  } catch (error) {
    io.err(`cannot reach ${base}: ${(error as Error).message}`);
    return 1;
  }
}

function failed(what: string, response: Awaited<ReturnType<typeof call>>, io: Output): number {
  io.err(`${what} refused (${response.status}): ${response.json.error?.message ?? "no reason given"}`);
  for (const problem of response.json.error?.problems ?? []) io.err(`  ${formatProblem(problem)}`);
  return 1;
}
