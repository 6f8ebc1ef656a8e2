import { and, asc, desc, eq, inArray, isNotNull, isNull, ne, or } from "drizzle-orm";
import {
  ConversationState,
  HandoffReason,
  type LiveEvent,
  TranscriptEvent,
  type User,
} from "../../schema/api/index.js";
import { queuesOf } from "../auth/team.js";
import { roleAtLeast } from "../auth/users.js";
import { firstName, writeNotice } from "../channels/customer-notices.js";
import type { Outbox } from "../channels/outbox.js";
import type { Config } from "../config.js";
import { openState } from "../conversation/business-hours.js";
import { runEngine } from "../conversation/engine-loop.js";
import { recordHandoff } from "../conversation/handoff-record.js";
import { liveEngineDeps } from "../conversation/live-deps.js";
import type { LiveEvents } from "../conversation/live-events.js";
import { loadQueues } from "../conversation/queues.js";
import { askSatisfaction } from "../conversation/satisfaction.js";
import type { StepWriter } from "../conversation/step-writer.js";
import { systemEntry } from "../conversation/system-entry.js";
import { DomainError } from "../domain-error.js";
import type { PublishedFlows } from "../flows/published.js";
import type { HttpClient } from "../http-client/http-client.js";
import type { Metrics } from "../plugins/metrics.js";
import type { Db, Store } from "../store/db.js";
import { readJson } from "../store/json-column.js";
import { CollectedVariables, CustomerPayload, OutboxMessage, PinnedVersions } from "../store/json-columns.js";
import { summarize } from "./conversation-list.js";
import { loadRouting } from "./routing-settings.js";

/**
 * Which conversations a person may read and act on: admins all; everyone else those of the queues
 * they work (all of them when an admin gave them none) and those they hold. Supervisors, like
 * admins, see every queue: they run the whole floor.
 */
export type Scope = { all: true } | { all: false; userId: string; queues: string[] };

export async function scopeOf(store: Store, user: User): Promise<Scope> {
  if (roleAtLeast(user.role, "supervisor")) return { all: true };
  const queues = await queuesOf(store, user.id);
  return queues.length === 0 ? { all: true } : { all: false, userId: user.id, queues };
}

/** What the desk works with; the app gives these, and nothing else of itself. */
export interface AgentDeskDeps {
  store: Store;
  config: Config;
  metrics: Metrics;
  live: LiveEvents;
  published: Pick<PublishedFlows, "load">;
  outbox: Pick<Outbox, "flush">;
  http: Pick<HttpClient, "run">;
  steps: StepWriter;
  /** Runs work in turn with the conversation's customer messages, so that a step never overlaps another. */
  inTurn: <T>(conversation: { channel: string; flowId: string; address: string }, work: () => Promise<T>) => Promise<T>;
}

/** What agents do with conversations: claim, answer, note, transfer, resolve, give back to the bot. */
export class AgentDesk {
  constructor(private readonly deps: AgentDeskDeps) {}

  scope(user: User): Promise<Scope> {
    return scopeOf(this.deps.store, user);
  }

  /** Whether the conversation is in the scope: held by the person, or last handed to a queue they work. */
  async sees(scope: Scope, conversationId: string): Promise<boolean> {
    if (scope.all) return true;
    const { conversations, handoffs } = this.deps.store.tables;
    const [row] = await this.deps.store.read((db) =>
      db
        .select({ assignedTo: conversations.assignedTo })
        .from(conversations)
        .where(eq(conversations.id, conversationId)),
    );
    if (!row) return false;
    if (row.assignedTo === scope.userId) return true;
    const [latest] = await this.deps.store.read((db) =>
      db
        .select({ queue: handoffs.queue })
        .from(handoffs)
        .where(eq(handoffs.conversationId, conversationId))
        .orderBy(desc(handoffs.createdAt))
        .limit(1),
    );
    return latest !== undefined && scope.queues.includes(latest.queue);
  }

  /** A file a customer sent in a conversation of the scope, with the channel it came by; 404 otherwise. */
  async attachment(scope: Scope, conversationId: string, messageId: number, index: number) {
    await this.mustSee(scope, conversationId);
    const { conversations, messages } = this.deps.store.tables;
    const [row] = await this.deps.store.read((db) =>
      db
        .select({ payload: messages.payload, channel: conversations.channel })
        .from(messages)
        .innerJoin(conversations, eq(conversations.id, messages.conversationId))
        .where(
          and(eq(messages.id, messageId), eq(messages.conversationId, conversationId), eq(messages.role, "customer")),
        ),
    );
    const attachment = row?.payload
      ? readJson(CustomerPayload, row.payload, { table: "messages", column: "payload", id: messageId }).attachments?.[
          index
        ]
      : undefined;
    if (!row || !attachment) {
      throw new DomainError(
        "notFound",
        "UNKNOWN_ATTACHMENT",
        `Message ${messageId} of conversation ${conversationId} has no file number ${index}.`,
      );
    }
    return { channel: row.channel, attachment };
  }

  /** Whether a live event concerns a conversation in the scope, so that the person's stream carries it. */
  async hears(scope: Scope, event: LiveEvent): Promise<boolean> {
    if (scope.all) return true;
    if (event.type === "handoff.created" || event.type === "conversation.transferred") {
      return scope.queues.includes(event.queue) || this.sees(scope, event.conversationId);
    }
    if (event.type === "conversation.claimed" && event.agentId === scope.userId) return true;
    if (event.type === "conversation.reassigned") {
      return event.from === scope.userId || event.to === scope.userId || scope.queues.includes(event.queue);
    }
    return this.sees(scope, event.conversationId);
  }

  /** 404 for a conversation outside the scope, as for one that does not exist: its existence is not theirs to know. */
  async mustSee(scope: Scope, conversationId: string): Promise<void> {
    if (!(await this.sees(scope, conversationId))) {
      throw new DomainError(
        "notFound",
        "UNKNOWN_CONVERSATION",
        `There is no conversation ${conversationId} in the queues you work or among those you hold.`,
      );
    }
  }

  async queues(now = Date.now()) {
    const { handoffs } = this.deps.store.tables;
    const queues = await loadQueues(this.deps.store);
    const waiting = await this.deps.store.read((db) =>
      db
        .select({ queue: handoffs.queue, createdAt: handoffs.createdAt, slaDueAt: handoffs.slaDueAt })
        .from(handoffs)
        .where(and(isNull(handoffs.claimedBy), isNull(handoffs.closedAt))),
    );
    return [...queues.values()]
      .sort((a, b) => a.level - b.level || a.id.localeCompare(b.id))
      .map((queue) => {
        const rows = waiting.filter((row) => row.queue === queue.id);
        const oldest = Math.min(...rows.map((row) => row.createdAt));
        const state = openState(queue, new Date(now));
        return {
          id: queue.id,
          name: queue.name,
          level: queue.level,
          waiting: rows.length,
          oldestWaitSeconds: rows.length > 0 ? Math.round((now - oldest) / 1000) : 0,
          slaMinutes: queue.slaMinutes,
          timezone: queue.timezone,
          // The waiting case whose SLA runs out first decides the queue's SLA state.
          ...(rows.length > 0
            ? { slaDueAt: new Date(Math.min(...rows.map((row) => row.slaDueAt))).toISOString() }
            : {}),
          open: state.open,
          ...(state.opensAt ? { opensAt: state.opensAt.toISOString() } : {}),
        };
      });
  }

  /**
   * Takes the most urgent, oldest waiting case of a queue. The update only succeeds while the row
   * is still unclaimed, so two agents racing for it never both get it; the loser tries the next.
   */
  async claim(queueId: string, agent: User) {
    if ((await loadRouting(this.deps.store)).get(queueId)?.mode === "automatic") {
      throw new DomainError(
        "conflict",
        "AUTOMATIC_QUEUE",
        `The queue \`${queueId}\` gives out its cases by itself to available people; say you are available to get the next one.`,
      );
    }
    const { handoffs } = this.deps.store.tables;
    for (let attempt = 0; attempt < 10; attempt++) {
      const claimed = await this.deps.store.tx(async (db) => {
        const [next] = await db
          .select({ id: handoffs.id })
          .from(handoffs)
          .where(and(eq(handoffs.queue, queueId), isNull(handoffs.closedAt), isNull(handoffs.claimedBy)))
          .orderBy(asc(handoffs.rank), asc(handoffs.createdAt))
          .limit(1);
        if (!next) return { empty: true as const };
        const taken = await this.take(db, next.id, agent);
        return taken ? { empty: false as const, handoff: taken } : undefined;
      });
      if (!claimed) continue;
      if (claimed.empty) return undefined;
      return this.claimed(claimed.handoff, agent);
    }
    return undefined;
  }

  /** Takes one waiting case chosen from its queue's list; 409 when someone took it first. */
  async pick(conversationId: string, agent: User, scope: Scope) {
    await this.mustSee(scope, conversationId);
    const { handoffs } = this.deps.store.tables;
    if (!roleAtLeast(agent.role, "supervisor")) await this.mayPick(conversationId);
    const taken = await this.deps.store.tx(async (db) => {
      const [waiting] = await db
        .select({ id: handoffs.id })
        .from(handoffs)
        .where(and(eq(handoffs.conversationId, conversationId), isNull(handoffs.closedAt), isNull(handoffs.claimedBy)));
      return waiting ? this.take(db, waiting.id, agent) : undefined;
    });
    if (!taken) {
      const row = await this.conversationRow(conversationId);
      const holder = row.status === "agent" && row.assignedTo ? await this.userRef(row.assignedTo) : undefined;
      throw new DomainError(
        "conflict",
        "NOT_WAITING",
        holder
          ? `${holder.name} took this conversation first.`
          : "This conversation is not waiting in a queue any more.",
        undefined,
        { holder: holder ? { id: holder.id, name: holder.name } : null },
      );
    }
    return this.claimed(taken, agent);
  }

  /** Refuses picking from the waiting list of a queue whose admin turned it off (supervisors may still). */
  private async mayPick(conversationId: string) {
    const { handoffs } = this.deps.store.tables;
    const [open] = await this.deps.store.read((db) =>
      db
        .select({ queue: handoffs.queue })
        .from(handoffs)
        .where(and(eq(handoffs.conversationId, conversationId), isNull(handoffs.closedAt))),
    );
    if (open && (await loadRouting(this.deps.store)).get(open.queue)?.allowPicking === false) {
      throw new DomainError(
        "forbidden",
        "PICKING_OFF",
        `The queue \`${open.queue}\` does not let agents pick a case from its waiting list; take the next one.`,
      );
    }
  }

  /** Claims a waiting handoff row if it is still unclaimed; undefined when someone was faster. */
  private async take(db: Db, handoffId: string, agent: User) {
    const { handoffs, conversations } = this.deps.store.tables;
    const now = Date.now();
    const [taken] = await db
      .update(handoffs)
      .set({ claimedBy: agent.id, claimedAt: now })
      .where(and(eq(handoffs.id, handoffId), isNull(handoffs.claimedBy)))
      .returning();
    if (!taken) return undefined;
    await db
      .update(conversations)
      .set({ status: "agent", assignedTo: agent.id, updatedAt: now })
      .where(eq(conversations.id, taken.conversationId));
    await writeNotice(
      db,
      this.deps.store.tables,
      taken.conversationId,
      "claimed",
      { agent: firstName(agent.name) },
      now,
    );
    return taken;
  }

  private claimed(
    handoff: { conversationId: string; queue: string; claimedAt: number | null; createdAt: number },
    agent: User,
  ) {
    this.deps.metrics.queueWait.observe(
      { queue: handoff.queue },
      ((handoff.claimedAt ?? 0) - handoff.createdAt) / 1000,
    );
    this.deps.live.publish({ type: "conversation.claimed", conversationId: handoff.conversationId, agentId: agent.id });
    void this.deps.outbox.flush();
    return this.conversationRow(handoff.conversationId);
  }

  /** A queue's waiting cases, most urgent and oldest first, as lists show them. */
  async waiting(queueId: string) {
    const { handoffs, conversations } = this.deps.store.tables;
    const rows = await this.deps.store.read((db) =>
      db
        .select(this.summaryColumns())
        .from(handoffs)
        .innerJoin(conversations, eq(conversations.id, handoffs.conversationId))
        .where(and(eq(handoffs.queue, queueId), isNull(handoffs.closedAt), isNull(handoffs.claimedBy)))
        .orderBy(asc(handoffs.rank), asc(handoffs.createdAt))
        .limit(200),
    );
    return summarize(this.deps.store, rows);
  }

  async mine(agent: User) {
    const { conversations } = this.deps.store.tables;
    const rows = await this.deps.store.read((db) =>
      db
        .select(this.summaryColumns())
        .from(conversations)
        .where(and(eq(conversations.assignedTo, agent.id), ne(conversations.status, "closed")))
        .orderBy(desc(conversations.updatedAt)),
    );
    return summarize(this.deps.store, rows);
  }

  async list(scope: Scope) {
    const { conversations, handoffs } = this.deps.store.tables;
    const rows = await this.deps.store.read((db) =>
      db
        .select(this.summaryColumns())
        .from(conversations)
        .where(
          and(
            ne(conversations.status, "closed"),
            scope.all
              ? undefined
              : or(
                  eq(conversations.assignedTo, scope.userId),
                  inArray(
                    conversations.id,
                    db
                      .select({ id: handoffs.conversationId })
                      .from(handoffs)
                      .where(and(inArray(handoffs.queue, scope.queues), isNull(handoffs.closedAt))),
                  ),
                ),
          ),
        )
        .orderBy(desc(conversations.updatedAt))
        .limit(200),
    );
    return summarize(this.deps.store, rows);
  }

  async detail(conversationId: string, scope: Scope) {
    await this.mustSee(scope, conversationId);
    const { messages, handoffs } = this.deps.store.tables;
    const conversation = await this.conversationRow(conversationId);
    const [handoff] = await this.deps.store.read((db) =>
      db
        .select()
        .from(handoffs)
        .where(eq(handoffs.conversationId, conversationId))
        .orderBy(desc(handoffs.createdAt))
        .limit(1),
    );
    const transcript = await this.deps.store.read((db) =>
      db.select().from(messages).where(eq(messages.conversationId, conversationId)).orderBy(asc(messages.id)),
    );
    const { outbox } = this.deps.store.tables;
    const undelivered = await this.deps.store.read((db) =>
      db
        .select()
        .from(outbox)
        .where(and(eq(outbox.conversationId, conversationId), isNotNull(outbox.failedAt)))
        .orderBy(asc(outbox.id)),
    );
    return {
      conversation,
      assignee: conversation.assignedTo ? await this.userRef(conversation.assignedTo) : null,
      handoff: handoff
        ? {
            queue: handoff.queue,
            priority: handoff.priority,
            reason: readJson(HandoffReason, handoff.reason, { table: "handoffs", column: "reason", id: handoff.id }),
            summary: readJson(CollectedVariables, handoff.summary, {
              table: "handoffs",
              column: "summary",
              id: handoff.id,
            }),
            note: handoff.note,
            slaDueAt: new Date(handoff.slaDueAt).toISOString(),
          }
        : null,
      transcript: transcript.map((m) => ({
        id: m.id,
        role: m.role,
        text: m.text,
        ...(m.author ? { author: m.author } : {}),
        ...(m.role === "system" && m.payload
          ? { event: readJson(TranscriptEvent, m.payload, { table: "messages", column: "payload", id: m.id }) }
          : {}),
        ...(m.role === "customer" && m.payload ? attachmentsOf(conversationId, m.id, m.payload) : {}),
        at: new Date(m.at).toISOString(),
      })),
      channel: { name: conversation.channel, limits: channelLimits(conversation.channel) },
      /** Messages the channel never took, after every retry: the customer did not get them. */
      deliveryFailures: undelivered.map((row) => ({
        outboxId: row.id,
        text: readJson(OutboxMessage, row.message, { table: "outbox", column: "message", id: row.id }).text,
        attempts: row.attempts,
        error: row.lastError ?? "",
        failedAt: new Date(row.failedAt ?? 0).toISOString(),
      })),
    };
  }

  async reply(conversationId: string, agent: User, text: string) {
    const conversation = await this.mustHold(conversationId, agent);
    const { messages, outbox } = this.deps.store.tables;
    const now = Date.now();
    await this.deps.store.tx(async (db) => {
      await db.insert(messages).values({ conversationId, role: "agent", text, author: agent.name, at: now });
      await db.insert(outbox).values({
        conversationId,
        channel: conversation.channel,
        address: conversation.address,
        message: JSON.stringify({ nodeId: `agent:${agent.id}`, text }),
        createdAt: now,
      });
    });
    this.deps.live.publish({ type: "conversation.message", conversationId, role: "agent", text });
    void this.deps.outbox.flush();
  }

  async note(conversationId: string, agent: User, text: string) {
    await this.mustExist(conversationId);
    await this.mustSee(await this.scope(agent), conversationId);
    const { messages } = this.deps.store.tables;
    await this.deps.store.tx((db) =>
      db.insert(messages).values({ conversationId, role: "note", text, author: agent.name, at: Date.now() }),
    );
    this.deps.live.publish({ type: "conversation.message", conversationId, role: "note", text });
  }

  /** Level 1 pulls in level 2: the case goes back to waiting, in the other queue, with a note. */
  async transfer(conversationId: string, agent: User, queueId: string, note: string) {
    const conversation = await this.mustHold(conversationId, agent);
    const queues = await loadQueues(this.deps.store);
    if (!queues.has(queueId))
      throw new DomainError(
        "invalid",
        "UNKNOWN_QUEUE",
        `There is no queue \`${queueId}\`; known: ${[...queues.keys()].join(", ")}.`,
      );
    const { handoffs, conversations, messages } = this.deps.store.tables;
    const now = Date.now();
    const [current] = await this.deps.store.read((db) =>
      db
        .select()
        .from(handoffs)
        .where(and(eq(handoffs.conversationId, conversationId), isNull(handoffs.closedAt))),
    );
    const state = readJson(ConversationState, conversation.state, {
      table: "conversations",
      column: "state",
      id: conversation.id,
    });
    const recorded = recordHandoff({
      conversationId,
      handoff: {
        queue: queueId,
        priority: (current?.priority ?? "normal") as "normal",
        reason: current
          ? readJson(HandoffReason, current.reason, { table: "handoffs", column: "reason", id: current.id })
          : { ruleId: "transfer", kind: "transfer", values: {} },
        summary: current
          ? readJson(CollectedVariables, current.summary, { table: "handoffs", column: "summary", id: current.id })
          : state.variables,
        note,
        nodeId: state.stack.at(-1)?.nodeId ?? "transfer",
      },
      queues,
      now,
      language: state.language,
    });
    await this.deps.store.tx(async (db) => {
      await db
        .update(handoffs)
        .set({ closedAt: now, disposition: `transferred:${queueId}` })
        .where(and(eq(handoffs.conversationId, conversationId), isNull(handoffs.closedAt)));
      await db.insert(handoffs).values(recorded.row);
      await db
        .update(conversations)
        .set({ status: "queued", assignedTo: null, updatedAt: now })
        .where(eq(conversations.id, conversationId));
      if (note)
        await db.insert(messages).values({ conversationId, role: "note", text: note, author: agent.name, at: now });
      await db
        .insert(messages)
        .values(
          systemEntry(conversationId, { event: "transferred", params: { agent: agent.name, queue: queueId } }, now),
        );
      await writeNotice(
        db,
        this.deps.store.tables,
        conversationId,
        "transferred",
        { queue: queues.get(queueId)?.name ?? queueId },
        now,
      );
    });
    void this.deps.outbox.flush();
    this.deps.live.publish({ type: "conversation.transferred", conversationId, queue: queueId });
    this.deps.live.publish({
      type: "handoff.created",
      conversationId,
      queue: queueId,
      priority: recorded.row.priority,
    });
  }

  async resolve(conversationId: string, agent: User, disposition: string) {
    const held = await this.mustHold(conversationId, agent);
    const { handoffs, conversations, messages } = this.deps.store.tables;
    const now = Date.now();
    await this.deps.store.tx(async (db) => {
      const closed = await db
        .update(handoffs)
        .set({ closedAt: now, disposition })
        .where(and(eq(handoffs.conversationId, conversationId), isNull(handoffs.closedAt)))
        .returning({ queue: handoffs.queue });
      await db
        .update(conversations)
        .set({ status: "closed", updatedAt: now })
        .where(eq(conversations.id, conversationId));
      await db
        .insert(messages)
        .values(systemEntry(conversationId, { event: "closed", params: { agent: agent.name, disposition } }, now));
      await writeNotice(db, this.deps.store.tables, conversationId, "resolved", {}, now);
      const queue = closed[0]?.queue;
      if (queue) {
        await askSatisfaction(db, this.deps.store.tables, {
          conversationId,
          queue,
          agentId: agent.id,
          buttons: channelLimits(held.channel).buttons >= 5,
          now,
        });
      }
    });
    void this.deps.outbox.flush();
    this.deps.live.publish({ type: "conversation.closed", conversationId });
  }

  /** Gives the conversation back to the bot at a node of its flow; the bot's messages go out through the outbox. */
  async release(conversationId: string, agent: User, nodeId: string) {
    const held = await this.mustHold(conversationId, agent);
    const pinned = readJson(PinnedVersions, held.pinned, { table: "conversations", column: "pinned", id: held.id });
    const flows = await this.deps.published.load(pinned);
    const compiled = flows.get(held.flowId);
    const state = readJson(ConversationState, held.state, { table: "conversations", column: "state", id: held.id });
    const currentFlow = flows.get(state.stack.at(-1)?.flowId ?? held.flowId) ?? compiled;
    if (!compiled || !currentFlow?.nodes.has(nodeId)) {
      throw new DomainError(
        "invalid",
        "UNKNOWN_NODE",
        `The flow \`${currentFlow?.flow.id ?? held.flowId}\` has no node \`${nodeId}\`.`,
      );
    }
    // Run before the turn: the flow's HTTP lookups hold no database connection and no lock while they wait.
    const outcome = await runEngine(
      compiled,
      state,
      { type: "resume", nodeId },
      liveEngineDeps(this.deps.config, flows),
      (request) => this.deps.http.run(request),
    );
    await this.deps.inTurn(held, async () => {
      // Still theirs: nobody resolved, transferred or gave it back meanwhile.
      await this.mustHold(conversationId, agent);
      await this.deps.steps.write(undefined, outcome, {
        conversationId,
        isNew: false,
        pinned,
        flowVersion: held.flowVersion,
        now: Date.now(),
        pushReplies: { channel: held.channel, flowId: held.flowId, address: held.address },
        closeHandoffOf: conversationId,
        transcriptEvent: { event: "gaveBack", params: { agent: agent.name, nodeId } },
      });
    });
  }

  private summaryColumns() {
    const c = this.deps.store.tables.conversations;
    return {
      id: c.id,
      channel: c.channel,
      address: c.address,
      state: c.state,
      flowId: c.flowId,
      flowVersion: c.flowVersion,
      status: c.status,
      assignedTo: c.assignedTo,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
    };
  }

  private async userRef(userId: string) {
    const { users } = this.deps.store.tables;
    const [row] = await this.deps.store.read((db) =>
      db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.id, userId)),
    );
    return row ?? { id: userId, name: "?", email: "?" };
  }

  private async conversationRow(conversationId: string) {
    const { conversations } = this.deps.store.tables;
    const [row] = await this.deps.store.read((db) =>
      db.select().from(conversations).where(eq(conversations.id, conversationId)),
    );
    if (!row) throw new DomainError("notFound", "UNKNOWN_CONVERSATION", `There is no conversation ${conversationId}.`);
    return row;
  }

  private mustExist(conversationId: string) {
    return this.conversationRow(conversationId);
  }

  /** The conversation, if this agent holds it and it is open; 409 otherwise. */
  private async mustHold(conversationId: string, agent: User) {
    const row = await this.conversationRow(conversationId);
    if (row.status === "closed") throw new DomainError("conflict", "CLOSED", "This conversation is closed.");
    if (row.assignedTo !== agent.id) {
      const holder = row.assignedTo ? await this.userRef(row.assignedTo) : undefined;
      throw new DomainError(
        "conflict",
        "CLAIMED_BY_OTHER",
        holder
          ? `${holder.name} (${holder.email}) has this conversation; ask them or wait until they transfer it.`
          : row.status === "queued"
            ? "This conversation is waiting in its queue; take it from the queue first."
            : "No agent holds this conversation any more (it went back to the bot).",
      );
    }
    return row;
  }
}

/**
 * What an agent may send on each channel. `windowHours`: after that long without a customer
 * message, the provider only accepts pre-approved templates (WhatsApp's and Messenger's 24 h rule).
 */
function channelLimits(channel: string) {
  switch (channel) {
    case "webchat":
      return { maxTextLength: 4000, buttons: 10, media: true };
    case "whatsapp":
      return { maxTextLength: 4096, buttons: 3, media: true, windowHours: 24 };
    case "messenger":
      return { maxTextLength: 2000, buttons: 13, media: true, windowHours: 24 };
    case "sms":
      return { maxTextLength: 1600, buttons: 0, media: false };
    default:
      return { maxTextLength: 4000, buttons: 0, media: false };
  }
}

/** The files of a customer line, each behind the route that fetches it for agents (the provider's token stays here). */
function attachmentsOf(conversationId: string, messageId: number, payload: string) {
  const { attachments } = readJson(CustomerPayload, payload, { table: "messages", column: "payload", id: messageId });
  if (!attachments?.length) return {};
  return {
    attachments: attachments.map((attachment, index) => ({
      kind: attachment.kind,
      ...(attachment.mime ? { mime: attachment.mime } : {}),
      ...(attachment.caption ? { caption: attachment.caption } : {}),
      ...(attachment.fileName ? { fileName: attachment.fileName } : {}),
      href: attachmentPath(conversationId, messageId, index),
    })),
  };
}

export const attachmentPath = (conversationId: string, messageId: number, index: number) =>
  `/api/conversations/${encodeURIComponent(conversationId)}/messages/${messageId}/attachments/${index}`;
