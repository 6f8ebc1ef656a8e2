import { useCallback, useEffect, useState } from "react";
import type { ConversationState } from "../../../runtime/engine/index.js";
import type { MessageDelivery } from "../../../schema/api/index.js";
import { ApiError, failureText, type User } from "../api.js";
import { agentApi, type CannedResponse, type ConversationDetail, type QueueSummary } from "./agent-api.js";
import { ConversationActions } from "./ConversationActions.js";
import { cannedFor } from "./canned-template.js";
import { dispositionWords } from "./event-words.js";
import { type NodeChoice, resumableNodes, suggestedNode } from "./flow-nodes.js";
import { HandoffPacket } from "./HandoffPacket.js";
import { ReplyBox, type ReplyMode } from "./ReplyBox.js";
import { SuperviseBar } from "./SuperviseBar.js";
import { sw } from "./search-words.js";
import { Transcript } from "./Transcript.js";
import { w } from "./words.js";

/** Where the bot is in the conversation: the flow of the top frame, at the version the conversation is pinned to. */
function botPosition(detail: ConversationDetail) {
  const state = JSON.parse(detail.conversation.state) as ConversationState;
  const pinned = JSON.parse(detail.conversation.pinned) as Record<string, number>;
  const frame = state.stack.at(-1);
  const flowId = frame?.flowId ?? detail.conversation.flowId;
  return {
    flowId,
    version: pinned[flowId] ?? detail.conversation.flowVersion,
    nodeId: frame?.nodeId,
    language: state.language,
  };
}

/**
 * One conversation: the handoff packet, the whole transcript, and what the agent can do with it.
 * `version` changes whenever a live event concerns this conversation, which reloads it.
 */
export function ConversationView({
  conversationId,
  me,
  queues,
  canned,
  version,
  now,
  onChanged,
}: {
  conversationId: string;
  me: User;
  queues: QueueSummary[];
  canned: CannedResponse[];
  version: number;
  now: number;
  onChanged: () => void;
}) {
  const [detail, setDetail] = useState<ConversationDetail | undefined>();
  const [deliveries, setDeliveries] = useState<ReadonlyMap<number, MessageDelivery>>(new Map());
  const [nodes, setNodes] = useState<NodeChoice[]>([]);
  const [notice, setNotice] = useState<{ kind: "info" | "error"; text: string } | undefined>();
  const [loadError, setLoadError] = useState("");

  const load = useCallback(async () => {
    try {
      const [fresh, delivered] = await Promise.all([
        agentApi.detail(conversationId),
        agentApi.deliveries(conversationId),
      ]);
      setDetail(fresh);
      setDeliveries(new Map(delivered.map((delivery) => [delivery.messageId, delivery])));
      setLoadError("");
      return fresh;
    } catch (error) {
      setLoadError(
        error instanceof ApiError && error.code === "UNKNOWN_CONVERSATION" ? w("notInYourQueues") : failureText(error),
      );
      return undefined;
    }
  }, [conversationId]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` is not read: it changes when a live event concerns this conversation, to reload it.
  useEffect(() => {
    void load();
  }, [load, version]);

  const position = detail ? botPosition(detail) : undefined;
  const positionFlowId = position?.flowId;
  const positionVersion = position?.version;
  useEffect(() => {
    if (positionFlowId === undefined || positionVersion === undefined) return;
    let current = true;
    agentApi.flowVersion(positionFlowId, positionVersion).then(
      (answer) => current && setNodes(resumableNodes(answer.flow)),
      () => current && setNodes([]),
    );
    return () => {
      current = false;
    };
  }, [positionFlowId, positionVersion]);

  /** Why the runtime refused, in words: who has it now, or that it was closed meanwhile. */
  const explain = async (error: unknown): Promise<string> => {
    if (!(error instanceof ApiError)) return w("failed", { why: failureText(error) });
    if (error.code === "CLOSED") {
      await load();
      return w("closedMeanwhile");
    }
    if (error.code === "MOVED_MEANWHILE") {
      await load();
      const holder = error.details.holder;
      return holder ? w("movedMeanwhileTo", { name: holder.name }) : w("movedMeanwhile");
    }
    if (error.code === "AGENT_FULL" && error.details.full) return w("agentFull", error.details.full);
    if (error.code === "CLAIMED_BY_OTHER") {
      const fresh = await load();
      if (fresh?.assignee && fresh.assignee.id !== me.id) return w("claimedBy", { name: fresh.assignee.name });
      return w("notHeld");
    }
    return w("failed", { why: error.message });
  };

  const act = async (work: () => Promise<unknown>, success: string): Promise<boolean> => {
    try {
      await work();
      setNotice({ kind: "info", text: success });
      await load();
      onChanged();
      return true;
    } catch (error) {
      setNotice({ kind: "error", text: await explain(error) });
      onChanged();
      return false;
    }
  };

  const send = async (mode: ReplyMode, text: string): Promise<string | undefined> => {
    try {
      await (mode === "reply" ? agentApi.reply(conversationId, text) : agentApi.note(conversationId, text));
      setNotice(undefined);
      await load();
      return undefined;
    } catch (error) {
      return explain(error);
    }
  };

  // After a transfer the conversation may leave the agent's sight: what they just did still shows.
  if (loadError)
    return (
      <>
        {notice && (
          <p role={notice.kind === "error" ? "alert" : "status"} className={`notice ${notice.kind}`}>
            {notice.text}
          </p>
        )}
        <p className="error">{loadError}</p>
      </>
    );
  if (!detail) return <p className="loading">…</p>;
  const { conversation } = detail;
  const held = conversation.status === "agent" && conversation.assignedTo === me.id;
  const closed = conversation.status === "closed";
  /** Queues by their names, as the packet and the transcript name them; their ids where the console has none. */
  const queueName = (id: string) => queues.find((queue) => queue.id === id)?.name ?? id;
  const supervises = me.role === "supervisor" || me.role === "admin";
  const status = closed
    ? w("closedConversation")
    : conversation.status === "bot"
      ? w("withBot")
      : conversation.status === "queued"
        ? w("waitingIn", { queue: queueName(detail.handoff?.queue ?? "") })
        : !held && detail.assignee
          ? w("heldBy", { name: detail.assignee.name })
          : undefined;
  const variables = { ...(detail.handoff?.summary ?? {}), agent: { name: me.name } };
  const replyRefusal =
    held || closed
      ? undefined
      : conversation.status === "queued"
        ? w("replyTakeFirst")
        : conversation.status === "bot"
          ? w("replyBotHas")
          : detail.assignee
            ? w("replyHeldBy", { name: detail.assignee.name })
            : undefined;

  return (
    <article className="conversation" data-conversation={conversation.id} data-status={conversation.status}>
      {status && <p className="status-banner">{status}</p>}
      <p className="small">
        <a href={`#/customer/${conversation.id}`}>{sw("history")}</a>
      </p>
      {notice && (
        <p role={notice.kind === "error" ? "alert" : "status"} className={`notice ${notice.kind}`}>
          {notice.text}
        </p>
      )}
      {supervises && (conversation.status === "agent" || conversation.status === "queued") && (
        <SuperviseBar
          // Who holds it changes what each person holds: a bar of its own for each holder.
          key={`${conversation.status} ${conversation.assignedTo}`}
          detail={detail}
          me={me}
          onMove={(to, expected, done, force) => act(() => agentApi.assign(conversationId, expected, to, force), done)}
        />
      )}
      <HandoffPacket detail={detail} now={now} queueName={queueName} />
      <Transcript
        entries={detail.transcript}
        variables={detail.handoff?.summary ?? {}}
        deliveries={deliveries}
        queueName={queueName}
      />
      {detail.deliveryFailures.map((failure) => (
        <p key={failure.outboxId} role="alert" className="delivery-failure">
          {w("deliveryFailed", { attempts: failure.attempts, why: failure.error, text: failure.text })}
        </p>
      ))}
      <ReplyBox
        conversationId={conversationId}
        canned={cannedFor(canned, position?.language ?? "fr")}
        variables={variables}
        language={position?.language ?? "fr"}
        maxLength={detail.channel.limits.maxTextLength}
        disabled={closed}
        replyRefusal={replyRefusal}
        onSend={send}
      />
      <ConversationActions
        queues={queues}
        currentQueue={detail.handoff?.queue}
        nodes={nodes}
        initialNode={suggestedNode(nodes, position?.nodeId)}
        disabled={!held}
        onTransfer={(queue, note) =>
          act(() => agentApi.transfer(conversationId, queue, note), w("transferred", { queue: queueName(queue) }))
        }
        onResolve={(disposition) =>
          act(
            () => agentApi.resolve(conversationId, disposition),
            w("resolved", { disposition: dispositionWords(disposition) }),
          )
        }
        onRelease={(nodeId) => act(() => agentApi.release(conversationId, nodeId), w("released", { node: nodeId }))}
      />
    </article>
  );
}
