/**
 * Bytes as Python writes them, `b'…'` (repr of a bytes object): printable ASCII
 * as is, \t \n \r and \\ named, every other byte as \xNN; single quotes unless
 * the bytes hold a ' and no ". Every view shows bytes this one way: the Python
 * tracer (repr), the Node tracer (its own copy in tracers/node/preload.ts, a
 * single file loaded into the traced program) and the checker's calls.
 */
export function bytesLiteral(buf: Uint8Array): string {
  const quote = buf.includes(0x27) && !buf.includes(0x22) ? '"' : "'";
  let out = "";
  for (const b of buf) {
    if (b === 0x5c) out += "\\\\";
    else if (b === 0x09) out += "\\t";
    else if (b === 0x0a) out += "\\n";
    else if (b === 0x0d) out += "\\r";
    else if (b === quote.charCodeAt(0)) out += `\\${quote}`;
    else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else out += `\\x${b.toString(16).padStart(2, "0")}`;
  }
  return `b${quote}${out}${quote}`;
}
