import type { ReactNode } from "react";
import type { ConversationSummary } from "./agent-api.js";
import { channelName } from "./channel-names.js";
import { customerName } from "./customer-name.js";
import { describeReason } from "./reason-words.js";
import { formatDuration, slaState } from "./sla.js";
import { type AgentWord, language, w } from "./words.js";

/**
 * One line of a conversation list: who (see {@link customerName}) on which channel, why
 * they came to a person, how urgent, the last message and its age, and what they wrote unanswered.
 */
export function ConversationRow({
  conversation,
  now,
  children,
}: {
  conversation: ConversationSummary;
  now: number;
  children?: ReactNode;
}) {
  const { customer, handoff, lastMessage } = conversation;
  const sla =
    conversation.status === "queued" || conversation.status === "agent"
      ? slaState(handoff?.slaDueAt, now)
      : ("none" as const);
  return (
    <div className="conversation-row" data-row={conversation.id}>
      <div className="row-head">
        <strong className="who" title={customer.address}>
          {customerName(customer, conversation.channel)}
        </strong>
        <span className="muted small">{channelName(conversation.channel)}</span>
        {conversation.unanswered > 0 && (
          <span className="unread" data-unanswered={conversation.unanswered}>
            {w("unanswered", { count: conversation.unanswered })}
          </span>
        )}
      </div>
      {handoff && (
        <div className="row-why small">
          <span className={`priority ${handoff.priority}`}>
            {w("priority")} {w(`priority.${handoff.priority}` as AgentWord)}
          </span>{" "}
          · {describeReason(handoff.reason, {}, language)}
          {sla !== "none" && (
            <span className={`sla ${sla}`}>
              {" "}
              ·{" "}
              {sla === "late"
                ? w("slaLate", { duration: formatDuration(now - handoff.slaDueAt, language) })
                : w(`sla.${sla}`)}
            </span>
          )}
        </div>
      )}
      {lastMessage && (
        <div className="row-last small">
          <span className="muted">
            {w(`role.${lastMessage.role}` as AgentWord)} ·{" "}
            {w("ago", { duration: formatDuration(now - lastMessage.at, language) })}
          </span>{" "}
          <span className="last-text">{lastMessage.text}</span>
        </div>
      )}
      {children}
    </div>
  );
}
