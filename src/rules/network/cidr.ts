/**
 * IP addresses and CIDRs as NetworkPolicy `ipBlock` reads them (k8s.io/utils/net ParseCIDRSloppy:
 * IPv4 octets may carry leading zeros, read as decimal). Only what the network rules need:
 * parsing, "is this the whole address space", and containment of an address.
 */

export interface IpAddress {
  v6: boolean;
  value: bigint;
}

export interface Cidr {
  v6: boolean;
  /** The network address (host bits cleared). */
  base: bigint;
  prefix: number;
}

function parseIpv4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const p of parts) {
    if (!/^[0-9]{1,3}$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

function parseIpv6(s: string): bigint | undefined {
  if (s.includes('%')) return undefined;
  let groups: string[];
  let tail = s;
  let v4Tail: bigint | undefined;
  // An embedded IPv4 address in the last 32 bits (::ffff:10.0.0.1).
  const lastColon = tail.lastIndexOf(':');
  if (lastColon !== -1 && tail.slice(lastColon + 1).includes('.')) {
    v4Tail = parseIpv4(tail.slice(lastColon + 1));
    if (v4Tail === undefined) return undefined;
    tail = tail.slice(0, lastColon + 1) + '0:0';
  }
  const halves = tail.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const rest = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  if (halves.length === 2) {
    const missing = 8 - head.length - rest.length;
    if (missing < 1) return undefined;
    groups = [...head, ...Array<string>(missing).fill('0'), ...rest];
  } else groups = head;
  if (groups.length !== 8) return undefined;
  let value = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    value = (value << 16n) | BigInt(parseInt(g, 16));
  }
  if (v4Tail !== undefined) value = (value & ~0xffffffffn) | v4Tail;
  return value;
}

export function parseIp(s: string): IpAddress | undefined {
  const t = s.trim();
  if (t.includes(':')) {
    const value = parseIpv6(t);
    return value === undefined ? undefined : { v6: true, value };
  }
  const value = parseIpv4(t);
  return value === undefined ? undefined : { v6: false, value };
}

export function parseCidr(s: string): Cidr | undefined {
  const slash = s.indexOf('/');
  if (slash === -1) return undefined;
  const ip = parseIp(s.slice(0, slash));
  const prefixText = s.slice(slash + 1).trim();
  if (!ip || !/^[0-9]{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  const bits = ip.v6 ? 128 : 32;
  if (prefix > bits) return undefined;
  const hostBits = BigInt(bits - prefix);
  return { v6: ip.v6, base: (ip.value >> hostBits) << hostBits, prefix };
}

/** 0.0.0.0/0 or ::/0 (any address written with a /0 prefix). */
export function isWholeAddressSpace(c: Cidr): boolean {
  return c.prefix === 0;
}

export function cidrContains(c: Cidr, ip: IpAddress): boolean {
  if (c.v6 !== ip.v6) return false;
  const hostBits = BigInt((c.v6 ? 128 : 32) - c.prefix);
  return (ip.value >> hostBits) << hostBits === c.base;
}
