import os from "node:os";

/**
 * Addresses as `ss` prints them: "127.0.0.1:8000", "[::1]:8000",
 * "[::ffff:127.0.0.1]:8000", an unspecified address as "0.0.0.0:*" / "[::]:*"
 * when its port is 0 too. (ss prints "*:*" for an IPv6 wildcard that is not
 * v6only; /proc/net does not say whether a socket is v6only, so we always print "[::]".)
 */

export type Endianness = "LE" | "BE";

export const hostEndianness: Endianness = os.endianness();

/** One 32-bit word as the kernel printed it (%08X of a host-order u32) → its 4 bytes in network order. */
function wordBytes(hex8: string, endian: Endianness): number[] {
  const n = Number.parseInt(hex8, 16);
  const be = [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
  return endian === "BE" ? be : be.reverse();
}

/** The hex address from /proc/net/{tcp,udp}{,6} → bytes in network order (4 or 16). */
export function hexAddressBytes(hex: string, endian: Endianness = hostEndianness): number[] {
  if (!/^[0-9A-Fa-f]+$/.test(hex) || (hex.length !== 8 && hex.length !== 32)) {
    throw new Error(`not a /proc/net address: ${JSON.stringify(hex)}`);
  }
  const bytes: number[] = [];
  for (let i = 0; i < hex.length; i += 8) bytes.push(...wordBytes(hex.slice(i, i + 8), endian));
  return bytes;
}

/** IPv6 text as glibc's inet_ntop writes it (what ss shows), including ::ffff:a.b.c.d. */
export function formatIPv6(bytes: number[]): string {
  const words: number[] = [];
  for (let i = 0; i < 16; i += 2) words.push((bytes[i] << 8) | bytes[i + 1]);
  // longest run of zero words, at least 2 long, first one on a tie
  let bestBase = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLen) {
      bestBase = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (bestLen < 2) bestBase = -1;
  let out = "";
  for (let i = 0; i < 8; i++) {
    if (bestBase !== -1 && i >= bestBase && i < bestBase + bestLen) {
      if (i === bestBase) out += ":";
      continue;
    }
    if (i !== 0) out += ":";
    // glibc prints IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d) tails as dotted quads
    if (i === 6 && bestBase === 0 && (bestLen === 6 || (bestLen === 5 && words[5] === 0xffff))) {
      out += bytes.slice(12).join(".");
      break;
    }
    out += words[i].toString(16);
  }
  if (bestBase !== -1 && bestBase + bestLen === 8) out += ":";
  return out;
}

/** Network-order bytes + port → "127.0.0.1:8000" / "[::1]:8000"; port 0 prints as "*". */
export function formatEndpoint(bytes: number[], port: number): string {
  const p = port === 0 ? "*" : String(port);
  if (bytes.length === 4) return `${bytes.join(".")}:${p}`;
  return `[${formatIPv6(bytes)}]:${p}`;
}

/** "0100007F:1F40" → "127.0.0.1:8000" (the /proc/net/tcp column format). */
export function decodeProcAddress(field: string, endian: Endianness = hostEndianness): { text: string; port: number; bytes: number[] } {
  const colon = field.lastIndexOf(":");
  if (colon < 0) throw new Error(`not a /proc/net address: ${JSON.stringify(field)}`);
  const bytes = hexAddressBytes(field.slice(0, colon), endian);
  const port = Number.parseInt(field.slice(colon + 1), 16);
  if (!Number.isInteger(port)) throw new Error(`bad port in ${JSON.stringify(field)}`);
  return { text: formatEndpoint(bytes, port), port, bytes };
}

/** The port of an "addr:port" endpoint as formatted here or by ss/lsof; undefined for "*" or a Unix path. */
export function endpointPort(endpoint: string): number | undefined {
  const m = /:(\d+)$/.exec(endpoint);
  return m ? Number(m[1]) : undefined;
}
