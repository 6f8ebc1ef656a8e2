import pg from "pg";

/** The failure of a ping that got no answer in time, read as the database out of reach (see `isUnreachable`). */
export class NoAnswer extends Error {
  readonly code = "ETIMEDOUT";
}

/**
 * Asks PostgreSQL `SELECT 1` on a connection of its own, so that the answer waits for no one's turn,
 * and within `withinMs`. A server that does not answer in time (a stopped process, a network that
 * drops packets without a word) is taken for gone: `onNoAnswer` drops the other connections, so what
 * waits on one fails now, as a lost connection, instead of when TCP gives up minutes later.
 */
export class PgPing {
  private open: Connection | undefined;

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly withinMs: number,
    private readonly onNoAnswer: () => void,
  ) {}

  async ping(): Promise<void> {
    const connection = this.connection();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new NoAnswer(`PostgreSQL did not answer within ${this.withinMs / 1000} s`)),
        this.withinMs,
      );
    });
    try {
      await Promise.race([connection.ready.then(() => connection.client.query("SELECT 1")), late]);
    } catch (error) {
      this.drop(connection);
      if (error instanceof NoAnswer) this.onNoAnswer();
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Says goodbye to the server, or, when it does not answer that within the deadline either, hangs up. */
  async close(): Promise<void> {
    const connection = this.open;
    this.open = undefined;
    if (!connection) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      connection.ready.then(() => connection.client.end()),
      new Promise((resolve) => {
        timer = setTimeout(resolve, this.withinMs);
      }),
    ]).catch(() => undefined);
    clearTimeout(timer);
    destroy(connection.client);
  }

  private connection(): Connection {
    if (this.open) return this.open;
    const client = new pg.Client(this.config);
    const connection = { client, ready: client.connect() };
    connection.ready.catch(() => undefined);
    // Heard here, a lost connection fails the ping in progress, and the next ping opens another.
    client.on("error", () => this.drop(connection));
    this.open = connection;
    return connection;
  }

  private drop(connection: Connection): void {
    if (this.open === connection) this.open = undefined;
    destroy(connection.client);
  }
}

interface Connection {
  client: pg.Client;
  ready: Promise<unknown>;
}

/** Closes a connection at once, without the goodbye a server that does not answer would never read. */
export function destroy(client: pg.Client): void {
  client.connection.stream.destroy();
}
