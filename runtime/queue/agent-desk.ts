import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, isNotNull, isNull, ne, or } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { TranscriptEvent } from "../../schema/transcript-event.js";
import { queuesOf } from "../auth/team.js";
import { roleAtLeast, type User } from "../auth/users.js";
import { secretsFor } from "../config.js";
import { lexiconSentiment, overlapClassifier } from "../engine/index.js";
import type { ConversationState } from "../engine/types.js";
import { ApiError } from "../plugins/errors.js";
import type { Db } from "../store/db.js";
import { runEngine } from "../worker/engine-loop.js";
import { openState } from "./business-hours.js";
import { summarize } from "./conversation-list.js";
import { recordHandoff } from "./handoff-record.js";
import type { LiveEvent } from "./live-events.js";
import { loadQueues } from "./queues.js";
import { eventLine } from "./transcript-events.js";

/**
 * Which conversations a person may read and act on: admins all; everyone else those of the queues
 * they work (all of them when an admin gave them none) and those they hold. Supervisors, like
 * admins, see every queue: they run the whole floor.
 */
export type Scope = { all: true } | { all: false; userId: string; queues: string[] };

/** What agents do with conversations: claim, answer, note, transfer, resolve, give back to the bot. */
export class AgentDesk {
  constructor(private readonly app: FastifyInstance) {}

  async scope(user: User): Promise<Scope> {
    if (roleAtLeast(user.role, "supervisor")) return { all: true };
    const queues = await queuesOf(this.app.store, user.id);
    return queues.length === 0 ? { all: true } : { all: false, userId: user.id, queues };
  }

  /** Whether the conversation is in the scope: held by the person, or last handed to a queue they work. */
  async sees(scope: Scope, conversationId: string): Promise<boolean> {
    if (scope.all) return true;
    const { conversations, handoffs } = this.app.store.tables;
    const [row] = await this.app.store.read((db) =>
      db
        .select({ assignedTo: conversations.assignedTo })
        .from(conversations)
        .where(eq(conversations.id, conversationId)),
    );
    if (!row) return false;
    if (row.assignedTo === scope.userId) return true;
    const [latest] = await this.app.store.read((db) =>
      db
        .select({ queue: handoffs.queue })
        .from(handoffs)
        .where(eq(handoffs.conversationId, conversationId))
        .orderBy(desc(handoffs.createdAt))
        .limit(1),
    );
    return latest !== undefined && scope.queues.includes(latest.queue);
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
  private async mustSee(scope: Scope, conversationId: string): Promise<void> {
    if (!(await this.sees(scope, conversationId))) {
      throw new ApiError(
        404,
        "UNKNOWN_CONVERSATION",
        `There is no conversation ${conversationId} in the queues you work or among those you hold.`,
      );
    }
  }

  async queues(now = Date.now()) {
    const { handoffs } = this.app.store.tables;
    const queues = await loadQueues(this.app.store);
    const waiting = await this.app.store.read((db) =>
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
    const { handoffs } = this.app.store.tables;
    for (let attempt = 0; attempt < 10; attempt++) {
      const claimed = await this.app.store.tx(async (db) => {
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
    const { handoffs } = this.app.store.tables;
    const taken = await this.app.store.tx(async (db) => {
      const [waiting] = await db
        .select({ id: handoffs.id })
        .from(handoffs)
        .where(and(eq(handoffs.conversationId, conversationId), isNull(handoffs.closedAt), isNull(handoffs.claimedBy)));
      return waiting ? this.take(db, waiting.id, agent) : undefined;
    });
    if (!taken) {
      const row = await this.conversationRow(conversationId);
      const holder = row.status === "agent" && row.assignedTo ? await this.userRef(row.assignedTo) : undefined;
      throw new ApiError(
        409,
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

  /** Claims a waiting handoff row if it is still unclaimed; undefined when someone was faster. */
  private async take(db: Db, handoffId: string, agent: User) {
    const { handoffs, conversations } = this.app.store.tables;
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
    return taken;
  }

  private claimed(
    handoff: { conversationId: string; queue: string; claimedAt: number | null; createdAt: number },
    agent: User,
  ) {
    this.app.metrics.queueWait.observe({ queue: handoff.queue }, ((handoff.claimedAt ?? 0) - handoff.createdAt) / 1000);
    this.app.live.publish({ type: "conversation.claimed", conversationId: handoff.conversationId, agentId: agent.id });
    return this.conversationRow(handoff.conversationId);
  }

  /** A queue's waiting cases, most urgent and oldest first, as lists show them. */
  async waiting(queueId: string) {
    const { handoffs, conversations } = this.app.store.tables;
    const rows = await this.app.store.read((db) =>
      db
        .select(this.summaryColumns())
        .from(handoffs)
        .innerJoin(conversations, eq(conversations.id, handoffs.conversationId))
        .where(and(eq(handoffs.queue, queueId), isNull(handoffs.closedAt), isNull(handoffs.claimedBy)))
        .orderBy(asc(handoffs.rank), asc(handoffs.createdAt))
        .limit(200),
    );
    return summarize(this.app, rows);
  }

  async mine(agent: User) {
    const { conversations } = this.app.store.tables;
    const rows = await this.app.store.read((db) =>
      db
        .select(this.summaryColumns())
        .from(conversations)
        .where(and(eq(conversations.assignedTo, agent.id), ne(conversations.status, "closed")))
        .orderBy(desc(conversations.updatedAt)),
    );
    return summarize(this.app, rows);
  }

  async list(scope: Scope) {
    const { conversations, handoffs } = this.app.store.tables;
    const rows = await this.app.store.read((db) =>
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
    return summarize(this.app, rows);
  }

  async detail(conversationId: string, scope: Scope) {
    await this.mustSee(scope, conversationId);
    const { messages, handoffs } = this.app.store.tables;
    const conversation = await this.conversationRow(conversationId);
    const [handoff] = await this.app.store.read((db) =>
      db
        .select()
        .from(handoffs)
        .where(eq(handoffs.conversationId, conversationId))
        .orderBy(desc(handoffs.createdAt))
        .limit(1),
    );
    const transcript = await this.app.store.read((db) =>
      db.select().from(messages).where(eq(messages.conversationId, conversationId)).orderBy(asc(messages.id)),
    );
    const { outbox } = this.app.store.tables;
    const undelivered = await this.app.store.read((db) =>
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
            reason: JSON.parse(handoff.reason) as unknown,
            summary: JSON.parse(handoff.summary) as unknown,
            note: handoff.note,
            slaDueAt: new Date(handoff.slaDueAt).toISOString(),
          }
        : null,
      transcript: transcript.map((m) => ({
        id: m.id,
        role: m.role,
        text: m.text,
        ...(m.author ? { author: m.author } : {}),
        ...(m.role === "event" && m.payload ? { event: JSON.parse(m.payload) as TranscriptEvent } : {}),
        at: new Date(m.at).toISOString(),
      })),
      channel: { name: conversation.channel, limits: channelLimits(conversation.channel) },
      /** Messages the channel never took, after every retry: the customer did not get them. */
      deliveryFailures: undelivered.map((row) => ({
        outboxId: row.id,
        text: (JSON.parse(row.message) as { text: string }).text,
        attempts: row.attempts,
        error: row.lastError ?? "",
        failedAt: new Date(row.failedAt ?? 0).toISOString(),
      })),
    };
  }

  async reply(conversationId: string, agent: User, text: string) {
    const conversation = await this.mustHold(conversationId, agent);
    const { messages, outbox } = this.app.store.tables;
    const now = Date.now();
    await this.app.store.tx(async (db) => {
      await db.insert(messages).values({ conversationId, role: "agent", text, author: agent.name, at: now });
      await db.insert(outbox).values({
        conversationId,
        channel: conversation.channel,
        address: conversation.address,
        message: JSON.stringify({ nodeId: `agent:${agent.id}`, text }),
        createdAt: now,
      });
    });
    this.app.live.publish({ type: "conversation.message", conversationId, role: "agent", text });
    void this.app.outbox.flush();
  }

  async note(conversationId: string, agent: User, text: string) {
    await this.mustExist(conversationId);
    await this.mustSee(await this.scope(agent), conversationId);
    const { messages } = this.app.store.tables;
    await this.app.store.tx((db) =>
      db.insert(messages).values({ conversationId, role: "note", text, author: agent.name, at: Date.now() }),
    );
    this.app.live.publish({ type: "conversation.message", conversationId, role: "note", text });
  }

  /** Level 1 pulls in level 2: the case goes back to waiting, in the other queue, with a note. */
  async transfer(conversationId: string, agent: User, queueId: string, note: string) {
    const conversation = await this.mustHold(conversationId, agent);
    const queues = await loadQueues(this.app.store);
    if (!queues.has(queueId))
      throw new ApiError(
        400,
        "UNKNOWN_QUEUE",
        `There is no queue \`${queueId}\`; known: ${[...queues.keys()].join(", ")}.`,
      );
    const { handoffs, conversations, messages } = this.app.store.tables;
    const now = Date.now();
    const [current] = await this.app.store.read((db) =>
      db
        .select()
        .from(handoffs)
        .where(and(eq(handoffs.conversationId, conversationId), isNull(handoffs.closedAt))),
    );
    const state = JSON.parse(conversation.state) as ConversationState;
    const recorded = recordHandoff({
      conversationId,
      handoff: {
        queue: queueId,
        priority: (current?.priority ?? "normal") as "normal",
        reason: current
          ? JSON.parse(current.reason)
          : { ruleId: "transfer", kind: "node", detail: "transfer", values: {} },
        summary: current ? JSON.parse(current.summary) : state.variables,
        note,
        nodeId: state.stack.at(-1)?.nodeId ?? "transfer",
      },
      queues,
      now,
      language: state.language,
    });
    await this.app.store.tx(async (db) => {
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
        .values(eventLine(conversationId, { kind: "transfer", by: agent.name, queue: queueId }, now));
    });
    this.app.live.publish({ type: "conversation.transferred", conversationId, queue: queueId });
    this.app.live.publish({ type: "handoff.created", conversationId, queue: queueId, priority: recorded.row.priority });
  }

  async resolve(conversationId: string, agent: User, disposition: string) {
    await this.mustHold(conversationId, agent);
    const { handoffs, conversations, messages } = this.app.store.tables;
    const now = Date.now();
    await this.app.store.tx(async (db) => {
      await db
        .update(handoffs)
        .set({ closedAt: now, disposition })
        .where(and(eq(handoffs.conversationId, conversationId), isNull(handoffs.closedAt)));
      await db
        .update(conversations)
        .set({ status: "closed", updatedAt: now })
        .where(eq(conversations.id, conversationId));
      await db
        .insert(messages)
        .values(eventLine(conversationId, { kind: "resolve", by: agent.name, disposition }, now));
    });
    this.app.live.publish({ type: "conversation.closed", conversationId });
  }

  /** Gives the conversation back to the bot at a node of its flow; the bot's messages go out through the outbox. */
  async release(conversationId: string, agent: User, nodeId: string) {
    const held = await this.mustHold(conversationId, agent);
    const flows = await this.app.published.load(JSON.parse(held.pinned) as Record<string, number>);
    const compiled = flows.get(held.flowId);
    const state = JSON.parse(held.state) as ConversationState;
    const currentFlow = flows.get(state.stack.at(-1)?.flowId ?? held.flowId) ?? compiled;
    if (!compiled || !currentFlow?.nodes.has(nodeId)) {
      throw new ApiError(
        400,
        "UNKNOWN_NODE",
        `The flow \`${currentFlow?.flow.id ?? held.flowId}\` has no node \`${nodeId}\`.`,
      );
    }
    await this.app.processor.inTurn(held, async () => {
      const outcome = await runEngine(
        compiled,
        state,
        { type: "resume", nodeId },
        {
          now: () => new Date(),
          newId: randomUUID,
          classify: overlapClassifier,
          sentiment: lexiconSentiment,
          flow: (id) => flows.get(id),
          secrets: secretsFor(
            this.app.config,
            [...flows.values()].flatMap((c) => c.flow.secrets ?? []),
          ),
          limits: { valueChars: this.app.config.maxValueChars, stateChars: this.app.config.maxStateChars },
        },
        (request) => this.app.httpClient.run(request),
      );
      await this.app.processor.commit(undefined, outcome, {
        conversationId,
        isNew: false,
        pinned: JSON.parse(held.pinned) as Record<string, number>,
        flowVersion: held.flowVersion,
        now: Date.now(),
        pushReplies: { channel: held.channel, flowId: held.flowId, address: held.address },
        closeHandoffOf: conversationId,
        transcriptEvent: { kind: "release", by: agent.name, nodeId },
      });
    });
  }

  private summaryColumns() {
    const c = this.app.store.tables.conversations;
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
    const { users } = this.app.store.tables;
    const [row] = await this.app.store.read((db) =>
      db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.id, userId)),
    );
    return row ?? { id: userId, name: "?", email: "?" };
  }

  private async conversationRow(conversationId: string) {
    const { conversations } = this.app.store.tables;
    const [row] = await this.app.store.read((db) =>
      db.select().from(conversations).where(eq(conversations.id, conversationId)),
    );
    if (!row) throw new ApiError(404, "UNKNOWN_CONVERSATION", `There is no conversation ${conversationId}.`);
    return row;
  }

  private mustExist(conversationId: string) {
    return this.conversationRow(conversationId);
  }

  /** The conversation, if this agent holds it and it is open; 409 otherwise. */
  private async mustHold(conversationId: string, agent: User) {
    const row = await this.conversationRow(conversationId);
    if (row.status === "closed") throw new ApiError(409, "CLOSED", "This conversation is closed.");
    if (row.assignedTo !== agent.id) {
      const holder = row.assignedTo ? await this.userRef(row.assignedTo) : undefined;
      throw new ApiError(
        409,
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
