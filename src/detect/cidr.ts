/**
 * IPv4/IPv6 address and CIDR parsing for the EventBridge `cidr` operator. Addresses are read
 * strictly (four decimal octets 0-255 without leading zeros; RFC 4291 IPv6 with `::`), so the
 * fuzzed source IPs of real logs (`225.178.039.250`) simply do not match instead of failing.
 */

/** An address as bytes (4 or 16). */
export type IpBytes = Uint8Array;

/** Parses a dotted-quad IPv4 address. */
export function parseIpv4(text: string): IpBytes | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const p = parts[i]!;
    if (p.length === 0 || p.length > 3 || (p.length > 1 && p[0] === '0')) return undefined;
    for (const ch of p) if (ch < '0' || ch > '9') return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    out[i] = n;
  }
  return out;
}

/** Parses an IPv6 address (with `::` compression and an optional trailing dotted IPv4). */
export function parseIpv6(text: string): IpBytes | undefined {
  if (!text.includes(':')) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string): number[] | undefined => {
    if (s === '') return [];
    const out: number[] = [];
    const parts = s.split(':');
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      if (i === parts.length - 1 && p.includes('.')) {
        const v4 = parseIpv4(p);
        if (!v4) return undefined;
        out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
        continue;
      }
      if (p.length === 0 || p.length > 4) return undefined;
      for (const ch of p.toLowerCase()) if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) return undefined;
      out.push(parseInt(p, 16));
    }
    return out;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  const out = new Uint8Array(16);
  all.forEach((g, i) => {
    out[2 * i] = g >> 8;
    out[2 * i + 1] = g & 0xff;
  });
  return out;
}

/** Parses either family. */
export function parseIp(text: string): IpBytes | undefined {
  return parseIpv4(text) ?? parseIpv6(text);
}

/** A compiled CIDR block. */
export interface Cidr {
  bytes: IpBytes;
  prefix: number;
}

/** Parses `a.b.c.d/n` or `x:y::/n`; `undefined` when malformed. */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  if (slash < 0) return undefined;
  const bytes = parseIp(text.slice(0, slash));
  const bits = text.slice(slash + 1);
  if (!bytes || bits === '' || !/^\d{1,3}$/.test(bits)) return undefined;
  const prefix = Number(bits);
  if (prefix > bytes.length * 8) return undefined;
  return { bytes, prefix };
}

/** True when `ip` (text) lies inside `cidr` (same family only). */
export function cidrContains(cidr: Cidr, ip: string): boolean {
  const bytes = parseIp(ip);
  if (!bytes || bytes.length !== cidr.bytes.length) return false;
  let bits = cidr.prefix;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((bytes[i]! & mask) !== (cidr.bytes[i]! & mask)) return false;
  }
  return true;
}
