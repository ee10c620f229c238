/**
 * `IpAddress` / `NotIpAddress` with IPv4 and IPv6 addresses and CIDR blocks (RFC 4632, RFC 4291
 * text forms including `::` compression and a trailing dotted IPv4). A bare address means /32 or
 * /128. Addresses of different families never match.
 */
import { defineOperator, type ConditionOperator } from './operator.js';

/** A parsed address: family and its bits as a bigint. */
interface Address {
  v6: boolean;
  bits: bigint;
}

function parseV4(s: string): bigint | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  let out = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return null;
    const n = Number(p);
    if (n > 255) return null;
    out = (out << 8n) | BigInt(n);
  }
  return out;
}

function parseV6(s: string): bigint | null {
  let text = s;
  let tailV4: bigint | null = null;
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.', lastColon)) {
    tailV4 = parseV4(text.slice(lastColon + 1));
    if (tailV4 === null) return null;
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  const fill = 8 - head.length - tail.length;
  if (halves.length === 2 ? fill < 1 : fill !== 0) return null;
  const all = [...head, ...Array<string>(halves.length === 2 ? fill : 0).fill('0'), ...tail];
  let out = 0n;
  for (const g of all) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
    out = (out << 16n) | BigInt(parseInt(g, 16));
  }
  if (tailV4 !== null) out = (out & ~0xffffffffn) | tailV4;
  return out;
}

/** Parses an IPv4 or IPv6 address. */
export function parseIp(s: string): Address | null {
  const t = s.trim();
  if (t.includes(':')) {
    const bits = parseV6(t);
    return bits === null ? null : { v6: true, bits };
  }
  const bits = parseV4(t);
  return bits === null ? null : { v6: false, bits };
}

/** A CIDR block. */
interface Cidr {
  v6: boolean;
  network: bigint;
  mask: bigint;
}

/** Parses `10.0.0.0/8`, `2001:db8::/32` or a bare address. */
export function parseCidr(s: string): Cidr | null {
  const slash = s.indexOf('/');
  const addr = parseIp(slash < 0 ? s : s.slice(0, slash));
  if (!addr) return null;
  const width = addr.v6 ? 128 : 32;
  let len = width;
  if (slash >= 0) {
    const p = s.slice(slash + 1).trim();
    if (!/^\d{1,3}$/.test(p)) return null;
    len = Number(p);
    if (len > width) return null;
  }
  const all = (1n << BigInt(width)) - 1n;
  const mask = len === 0 ? 0n : (all >> BigInt(width - len)) << BigInt(width - len);
  return { v6: addr.v6, network: addr.bits & mask, mask };
}

/** Request addresses parsed (bounded): requests repeat a few source IPs against many blocks. */
const ADDRESSES = new Map<string, Address | null>();

function inCidr(value: string, c: Cidr): boolean {
  let a = ADDRESSES.get(value);
  if (a === undefined) {
    if (ADDRESSES.size >= 10_000) ADDRESSES.clear();
    ADDRESSES.set(value, (a = parseIp(value)));
  }
  return a !== null && a.v6 === c.v6 && (a.bits & c.mask) === c.network;
}

/** IpAddress and NotIpAddress. */
export const IP_OPERATORS: readonly ConditionOperator[] = [
  defineOperator({ name: 'IpAddress', family: 'IPAddress', prepare: (t) => parseCidr(t), matches: inCidr }),
  defineOperator({ name: 'NotIpAddress', family: 'IPAddress', negated: true, prepare: (t) => parseCidr(t), matches: inCidr }),
];
