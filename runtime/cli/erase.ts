import { request } from "undici";
import type { Output } from "./commands.js";

interface EraseOptions {
  server: string;
  token: string;
}

/** `relais erase-customer <channel> <address>`: erases one customer's data on a running server (GDPR). */
export async function eraseCommand(
  channel: string,
  address: string,
  options: EraseOptions,
  io: Output,
): Promise<number> {
  const base = options.server.replace(/\/$/, "");
  const url = `${base}/api/customers/${encodeURIComponent(channel)}/${encodeURIComponent(address)}`;
  let status: number;
  let text: string;
  try {
    const response = await request(url, { method: "DELETE", headers: { authorization: `Bearer ${options.token}` } });
    status = response.statusCode;
    text = await response.body.text();
  } catch (error) {
    io.err(`cannot reach ${base}: ${(error as Error).message}`);
    return 1;
  }
  let json: Record<string, unknown> & { error?: { message?: string } } = {};
  try {
    json = JSON.parse(text);
  } catch {
    json = { error: { message: text.slice(0, 200) } };
  }
  if (status >= 300) {
    io.err(`erasure refused (${status}): ${json.error?.message ?? "no reason given"}`);
    return 1;
  }
  const counts = ["conversations", "messages", "handoffs", "inbox", "outbox"]
    .map((table) => `${table} ${String(json[table] ?? 0)}`)
    .join(", ");
  io.out(`erased ${channel} customer ${address}: ${counts}`);
  return 0;
}
