import { useCallback, useState } from "react";
import type { CustomerHistory } from "../../../schema/api/index.js";
import "./agent.css";
import { LoadFailure, useRead } from "../app/LoadFailure.js";
import { ConversationRow } from "./ConversationRow.js";
import { channelName } from "./channel-names.js";
import { customerName } from "./customer-name.js";
import { flatten } from "./HandoffPacket.js";
import { searchApi } from "./search-api.js";
import { sw } from "./search-words.js";
import { language } from "./words.js";

const day = (at: number) =>
  new Intl.DateTimeFormat(language === "fr" ? "fr-FR" : "en-GB", { dateStyle: "medium", timeStyle: "short" }).format(
    new Date(at),
  );

/** A customer's whole history: each conversation they had, on every channel, with what the bot collected in it. */
export function CustomerPage({ conversationId }: { conversationId: string }) {
  const [history, setHistory] = useState<CustomerHistory>();
  const [now] = useState(Date.now);
  const load = useCallback(() => searchApi.customerHistory(conversationId).then(setHistory), [conversationId]);
  const { failure, read } = useRead(load);
  if (failure) return <LoadFailure failure={failure} onRetry={read} />;
  if (!history) return <p className="loading">…</p>;
  const { customer } = history;
  return (
    <div className="customer-page">
      <h1>
        {sw("customerTitle", {
          name: customerName(customer, history.conversations[0]?.conversation.channel),
        })}
      </h1>
      <dl className="customer-identity">
        {customer.email && (
          <>
            <dt>{sw("email")}</dt>
            <dd>{customer.email}</dd>
          </>
        )}
        {customer.phone && (
          <>
            <dt>{sw("phone")}</dt>
            <dd>{customer.phone}</dd>
          </>
        )}
      </dl>
      <h2>{sw("conversations", { count: history.conversations.length })}</h2>
      <ol className="customer-conversations">
        {history.conversations.map(({ conversation, collected }) => {
          const values = flatten(collected);
          return (
            <li key={conversation.id} data-history={conversation.id} data-channel={conversation.channel}>
              <ConversationRow conversation={conversation} now={now}>
                <div className="hit-foot small">
                  <span className={`pill status-${conversation.status}`}>{sw(`status.${conversation.status}`)}</span>
                  <span className="muted">
                    {channelName(conversation.channel)} · {sw("started", { when: day(conversation.createdAt) })}
                  </span>
                  {conversation.agentName && (
                    <span className="muted">{sw("heldBy", { name: conversation.agentName })}</span>
                  )}
                  <a href={`#/agent/${conversation.id}`}>{sw("open")}</a>
                </div>
              </ConversationRow>
              <details className="collected">
                <summary>{sw("collected")}</summary>
                {values.length === 0 ? (
                  <p className="muted">{sw("nothingCollected")}</p>
                ) : (
                  <table>
                    <tbody>
                      {values.map(([path, value]) => (
                        <tr key={path} data-variable={path}>
                          <th scope="row">{path}</th>
                          <td>{value}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
              </details>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
