import type { ConversationDetail } from "./agent-api.js";
import { channelName } from "./channel-names.js";
import { channelWindow, lastCustomerMessageAt } from "./channel-window.js";
import { describeReason, formatValue, intentWords, type SavedIntent, savedIntent } from "./reason-words.js";
import { formatDuration, slaState } from "./sla.js";
import { type AgentWord, language, w } from "./words.js";

/** A recognised intent in one line: its label in the reader's language and how sure the bot was. */
export function intentLine(intent: SavedIntent): string {
  const confidence = new Intl.NumberFormat(language === "fr" ? "fr-FR" : "en-GB", {
    style: "percent",
    maximumFractionDigits: 0,
  }).format(intent.confidence);
  return `${intentWords(intent.id, intent.label, language)} (${w("confidence", { value: confidence })})`;
}

/**
 * Every collected value as `path → text`, nested objects flattened: `order.total → 740`. A recognised
 * intent is one line in the reader's words, not its id and score; the built-in `contact.channel` is the
 * channel's name.
 */
export function flatten(value: unknown, prefix = ""): [string, string][] {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0 && prefix) return [[prefix, "{}"]];
    const intent = savedIntent(value);
    if (intent && prefix) return [[prefix, intentLine(intent)]];
    return entries.flatMap(([key, inner]) => flatten(inner, prefix ? `${prefix}.${key}` : key));
  }
  if (Array.isArray(value)) return [[prefix, value.map((item) => formatValue(item, language)).join(", ")]];
  if (prefix === "contact.channel" && typeof value === "string") return [[prefix, channelName(value)]];
  return [[prefix, formatValue(value, language)]];
}

const text = (value: unknown) => (value === undefined || value === null ? "" : formatValue(value, language));

/**
 * What the bot learnt before handing over, above the transcript so the agent never asks again:
 * the reason in words, the customer, the order, the intent, every variable, the channel's limits.
 * Everything here came from customers or flows, so it is rendered as text only.
 */
export function HandoffPacket({
  detail,
  now,
  queueName,
}: {
  detail: ConversationDetail;
  now: number;
  /** A queue's name from its id. */
  queueName: (id: string) => string;
}) {
  const { handoff, channel } = detail;
  const summary = handoff?.summary ?? {};
  const customer = summary.customer as Record<string, unknown> | undefined;
  const order = summary.order as Record<string, unknown> | undefined;
  const intent = savedIntent(summary.intent);
  const dueAt = handoff ? Date.parse(handoff.slaDueAt) : undefined;
  const sla = detail.conversation.status === "closed" ? "none" : slaState(dueAt, now);
  const opening = channelWindow(lastCustomerMessageAt(detail.transcript), now, channel.limits.windowHours);
  const channelWords = channelName(channel.name);
  const collected = flatten(summary);
  return (
    <section className="packet" aria-label={w("reason")}>
      {handoff && (
        <p className="reason" data-testid="handoff-reason">
          <span className="label">{w("reasonLabel")}</span> {describeReason(handoff.reason, summary, language)}
        </p>
      )}
      <dl className="packet-grid">
        {handoff && (
          <>
            <dt>{w("queue")}</dt>
            <dd data-testid="packet-queue">
              {queueName(handoff.queue)} · {w("priority")} {w(`priority.${handoff.priority}` as AgentWord)}
              {sla !== "none" && dueAt !== undefined && (
                <span className={`sla ${sla}`}>
                  {" "}
                  · {w(`sla.${sla}`)} (
                  {sla === "late"
                    ? w("slaLate", { duration: formatDuration(now - dueAt, language) })
                    : w("slaDue", { duration: formatDuration(dueAt - now, language) })}
                  )
                </span>
              )}
            </dd>
          </>
        )}
        {handoff?.note && (
          <>
            <dt>{w("handoffNote")}</dt>
            <dd className="handoff-note">{handoff.note}</dd>
          </>
        )}
        {customer && (
          <>
            <dt>{w("customer")}</dt>
            <dd data-testid="packet-customer">
              {[text(customer.firstName), text(customer.lastName)].filter(Boolean).join(" ")}
              {customer.number !== undefined && ` · ${text(customer.number)}`}
              {customer.tier !== undefined && ` · ${text(customer.tier)}`}
              {customer.email !== undefined && ` · ${text(customer.email)}`}
              {customer.phone !== undefined && ` · ${text(customer.phone)}`}
            </dd>
          </>
        )}
        {order && (
          <>
            <dt>{w("order")}</dt>
            <dd data-testid="packet-order">
              {text(order.number)}
              {order.statusLabel !== undefined && ` · ${text(order.statusLabel)}`}
              {order.total !== undefined && ` · ${text(order.total)} ${text(order.currency)}`}
              {order.deliveryDate !== undefined && ` · ${text(order.deliveryDate)}`}
            </dd>
          </>
        )}
        {intent && (
          <>
            <dt>{w("intent")}</dt>
            <dd data-testid="packet-intent">{intentLine(intent)}</dd>
          </>
        )}
        <dt>{w("channel")}</dt>
        <dd data-testid="packet-channel">
          {channelWords} ·{" "}
          {w("limits", {
            max: channel.limits.maxTextLength,
            buttons: channel.limits.buttons,
            media: channel.limits.media ? w("media") : w("noMedia"),
          })}
          {opening && (
            <span className={opening.open ? "window open" : "window closed"}>
              {" "}
              ·{" "}
              {opening.open
                ? w("windowOpen", {
                    channel: channelWords,
                    hours: channel.limits.windowHours ?? 24,
                    duration: formatDuration(opening.remainingMs, language),
                  })
                : w("windowClosed", { channel: channelWords, hours: channel.limits.windowHours ?? 24 })}
            </span>
          )}
        </dd>
      </dl>
      <details className="collected" open>
        <summary>{w("collected")}</summary>
        {collected.length === 0 ? (
          <p className="muted">{w("nothingCollected")}</p>
        ) : (
          <table>
            <tbody>
              {collected.map(([path, value]) => (
                <tr key={path} data-variable={path}>
                  <th scope="row">{path}</th>
                  <td>{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </details>
    </section>
  );
}
