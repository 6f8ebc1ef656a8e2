import { EventEmitter } from "node:events";
import pg from "pg";
import { Mutex } from "./mutex.js";
import { destroy } from "./pg-ping.js";

/**
 * Messages between the runtime's parts, by topic: live events for agent consoles, wake-ups for
 * web chat streams. One process on SQLite needs nothing more than an emitter; several processes
 * on PostgreSQL hear each other through LISTEN/NOTIFY.
 */
export interface Bus {
  /** Every subscriber of the topic hears it, in this process and, on PostgreSQL, in every other one. */
  publish(topic: string, payload: unknown): void;
  subscribe(topic: string, listener: (payload: unknown) => void): () => void;
  /** The largest JSON a message may be, in bytes; publishers shorten what they send to fit. */
  readonly maxPayloadBytes: number;
  close(): Promise<void>;
}

export class LocalBus implements Bus {
  readonly maxPayloadBytes = Number.POSITIVE_INFINITY;
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish(topic: string, payload: unknown): void {
    this.emitter.emit(topic, payload);
  }

  subscribe(topic: string, listener: (payload: unknown) => void): () => void {
    this.emitter.on(topic, listener);
    return () => this.emitter.off(topic, listener);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more; the envelope takes some of it. */
const NOTIFY_LIMIT = 7900;
const RECONNECT_MS = 1000;

/** A notification's payload as `publish` wrote it: a topic and its payload, or undefined. */
function liveMessage(text: string): { topic: string; payload: unknown } | undefined {
  try {
    const message = JSON.parse(text) as unknown;
    if (typeof message === "object" && message !== null && "topic" in message && typeof message.topic === "string") {
      return { topic: message.topic, payload: (message as { payload?: unknown }).payload };
    }
  } catch {
    // Not JSON: undefined, as for JSON of another shape.
  }
  return undefined;
}

/**
 * LISTEN/NOTIFY on one channel per database schema. Publishing goes out in order on the pool;
 * delivery, to this process too, comes back through the listening connection, so every process
 * hears the same events in the same order. A lost listening connection is reopened; what was
 * published meanwhile is missed, as live updates are hints and the database stays the truth.
 */
export class PgBus implements Bus {
  readonly maxPayloadBytes = NOTIFY_LIMIT - 100;
  private readonly local = new LocalBus();
  private readonly sending = new Mutex();
  private listener: pg.Client | undefined;
  private closed = false;

  private constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly pool: pg.Pool,
    private readonly onError: (error: unknown) => void,
    private readonly connectWithinMs: number,
  ) {}

  static async open(options: {
    url: string;
    channel: string;
    pool: pg.Pool;
    onError: (error: unknown) => void;
    /** How long the listening connection may take to open before it tries again. */
    connectWithinMs: number;
  }): Promise<PgBus> {
    const bus = new PgBus(options.url, options.channel, options.pool, options.onError, options.connectWithinMs);
    await bus.listen();
    return bus;
  }

  publish(topic: string, payload: unknown): void {
    const message = JSON.stringify({ topic, payload });
    if (Buffer.byteLength(message) > NOTIFY_LIMIT) {
      this.onError(new Error(`live message on topic ${topic} is ${Buffer.byteLength(message)} bytes; not sent`));
      return;
    }
    void this.sending
      .run(() => this.pool.query("SELECT pg_notify($1, $2)", [this.channel, message]))
      .catch((error: unknown) => this.onError(error));
  }

  subscribe(topic: string, listener: (payload: unknown) => void): () => void {
    return this.local.subscribe(topic, listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.sending.run(async () => undefined);
    await this.listener?.end().catch(() => undefined);
    await this.local.close();
  }

  /** Drops the listening connection, which then opens again as after any loss. */
  drop(): void {
    if (this.listener) destroy(this.listener);
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.url,
      keepAlive: true,
      connectionTimeoutMillis: this.connectWithinMs,
    });
    client.on("notification", (notification) => {
      if (notification.channel !== this.channel || !notification.payload) return;
      const message = liveMessage(notification.payload);
      if (!message) {
        // Said by its size only: the parser's own message quotes the payload, which may hold what a customer wrote.
        const size = Buffer.byteLength(notification.payload);
        this.onError(new Error(`a live message of ${size} bytes on ${this.channel} is not one Relais sent; dropped`));
        return;
      }
      try {
        this.local.publish(message.topic, message.payload);
      } catch (error) {
        this.onError(error);
      }
    });
    const lost = (error?: unknown) => {
      if (this.closed || this.listener !== client) return;
      this.listener = undefined;
      if (error) this.onError(error);
      setTimeout(() => void this.reconnect(), RECONNECT_MS).unref();
    };
    client.on("error", lost);
    client.on("end", () => lost());
    try {
      await client.connect();
      await client.query(`LISTEN "${this.channel}"`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.listener = client;
  }

  private async reconnect(): Promise<void> {
    if (this.closed) return;
    try {
      await this.listen();
    } catch (error) {
      this.onError(error);
      setTimeout(() => void this.reconnect(), RECONNECT_MS).unref();
    }
  }
}
