import { BlockList, isIP } from "node:net";

/** Loopback, private, link-local, shared, multicast and reserved ranges: never reachable by a flow unless allowed. */
const forbidden = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  forbidden.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b::", 96],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  forbidden.addSubnet(network, prefix, "ipv6");
}

/** `::ffff:10.0.0.1` is 10.0.0.1 to the kernel; judge it as such. */
function unmap(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped?.[1] ?? address;
}

const family = (address: string) => (isIP(address) === 6 ? "ipv6" : "ipv4");

/**
 * The operator's allow-list (`RELAIS_HTTP_ALLOW`): host names, `host:port`, addresses and CIDRs.
 * A host entry allows that name whatever it resolves to; an address or CIDR allows those addresses.
 */
export class AddressGuard {
  private readonly hosts = new Set<string>();
  private readonly allowed = new BlockList();

  constructor(entries: readonly string[]) {
    for (const entry of entries.map((e) => e.toLowerCase())) {
      const [network, prefix] = entry.split("/");
      if (network && isIP(network)) {
        const bits = prefix === undefined ? (isIP(network) === 6 ? 128 : 32) : Number(prefix);
        this.allowed.addSubnet(network, bits, family(network));
      } else {
        this.hosts.add(entry);
      }
    }
  }

  /** Whether a host (and port) is allow-listed by name. */
  allowsHost(hostname: string, port: string): boolean {
    const host = hostname.toLowerCase().replace(/^\[|\]$/g, "");
    return this.hosts.has(host) || this.hosts.has(`${host}:${port}`);
  }

  /** Why an address may not be reached, or undefined when it may. */
  refuses(rawAddress: string): string | undefined {
    const address = unmap(rawAddress);
    if (!isIP(address)) return `${rawAddress} is not an IP address`;
    if (this.allowed.check(address, family(address))) return undefined;
    if (forbidden.check(address, family(address))) {
      return `${rawAddress} is a loopback, private or link-local address; add it to RELAIS_HTTP_ALLOW to allow it`;
    }
    return undefined;
  }
}
