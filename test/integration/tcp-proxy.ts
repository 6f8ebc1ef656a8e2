import { connect, createServer, type Server, type Socket } from "node:net";

/**
 * A loopback TCP relay to a server (PostgreSQL) that a test cuts, freezes and restores. Cut, it drops
 * every connection through it and refuses new ones, as a database that went away. Frozen, it keeps
 * every connection open and accepts new ones but passes nothing either way, as a server that stopped
 * answering (a stopped process, a network that drops packets without a word); thawed, it passes on
 * what it held, in order.
 */
export class TcpProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private frozen = false;
  /** What arrived while frozen, each with the socket it goes to. */
  private held: { to: Socket; chunk: Buffer | "end" }[] = [];

  private constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  static async start(target: { host: string; port: number }): Promise<TcpProxy> {
    const probe = createServer();
    const port = await new Promise<number>((resolve) =>
      probe.listen(0, "127.0.0.1", () => resolve((probe.address() as { port: number }).port)),
    );
    await new Promise((resolve) => probe.close(resolve));
    const proxy = new TcpProxy(port, target);
    await proxy.restore();
    return proxy;
  }

  /** A relay to the PostgreSQL server of `databaseUrl`, and the same address through the relay. */
  static async toDatabase(databaseUrl: string): Promise<{ proxy: TcpProxy; url: string }> {
    const target = new URL(databaseUrl);
    const proxy = await TcpProxy.start({ host: target.hostname, port: Number(target.port || 5432) });
    const throughProxy = new URL(databaseUrl);
    throughProxy.hostname = "127.0.0.1";
    throughProxy.port = String(proxy.port);
    return { proxy, url: throughProxy.toString() };
  }

  /** Relays again on the same port, passing on first what a freeze held. */
  async restore(): Promise<void> {
    this.thaw();
    if (this.server) return;
    const server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const [from, to] of [
        [client, upstream],
        [upstream, client],
      ] as const) {
        this.sockets.add(from);
        from.on("close", () => this.sockets.delete(from));
        from.on("error", () => {
          client.destroy();
          upstream.destroy();
        });
        from.on("data", (chunk: Buffer) => {
          if (this.frozen) this.held.push({ to, chunk });
          else to.write(chunk);
        });
        from.on("end", () => {
          if (this.frozen) this.held.push({ to, chunk: "end" });
          else to.end();
        });
      }
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(this.port, "127.0.0.1", resolve));
  }

  /** Holds every byte either way, on the connections open and on new ones, until `restore`. */
  freeze(): void {
    this.frozen = true;
  }

  /** Chunks held by a freeze so far: a statement sent meanwhile shows here. */
  get holding(): number {
    return this.held.length;
  }

  /** Drops every connection and refuses new ones. */
  async cut(): Promise<void> {
    this.thaw();
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (server) await new Promise((resolve) => server.close(resolve));
  }

  private thaw(): void {
    this.frozen = false;
    const held = this.held;
    this.held = [];
    for (const { to, chunk } of held) {
      if (to.destroyed) continue;
      if (chunk === "end") to.end();
      else to.write(chunk);
    }
  }
}
