/**
 * The udp-kv protocol as a model: one request per datagram; a request holding `=`
 * is an insert (key before the FIRST `=`, value after it, no reply), anything else
 * is a retrieve answered with `key=value` (`key=` when never set). The key
 * `version` is read-only. The udp-kv checker keeps the model beside the learner's
 * server and, when a reply differs, runs the same requests through models of the
 * usual mistakes to say which one the reply shows; the udp-retry checker's server
 * answers with it.
 */

export const VERSION_KEY = "version";

/** Mistakes a server can make, each a variant of the model. */
export interface KvVariant {
  /** Where an insert is split: the first `=` (right) or the last. */
  split: "first" | "last";
  /** Inserts to `version` change it (they must be ignored). */
  versionWritable: boolean;
  /** Only this many bytes of each request are read (recvfrom(n) with a small n). */
  readLimit?: number;
  /** Keys and values lose their leading and trailing spaces (strip()). */
  trims: boolean;
}

export const RIGHT: KvVariant = { split: "first", versionWritable: false, trims: false };

export class KvModel {
  private readonly store = new Map<string, string>();

  constructor(
    private readonly variant: KvVariant = RIGHT,
    /** What a retrieve of `version` returns after `version=`. */
    private readonly version = "1",
  ) {}

  /** Applies one request; returns the reply it gets, or undefined for an insert (no reply). */
  handle(request: Buffer): Buffer | undefined {
    const limited = this.variant.readLimit !== undefined ? request.subarray(0, this.variant.readLimit) : request;
    // latin1: one char per byte, so any bytes survive the round trip.
    const text = limited.toString("latin1");
    const at = this.variant.split === "first" ? text.indexOf("=") : text.lastIndexOf("=");
    const clean = (s: string): string => (this.variant.trims ? s.trim() : s);
    if (at >= 0) {
      const key = clean(text.slice(0, at));
      if (key === VERSION_KEY && !this.variant.versionWritable) return undefined;
      this.store.set(key, clean(text.slice(at + 1)));
      return undefined;
    }
    const key = clean(text);
    const value = this.store.get(key) ?? (key === VERSION_KEY ? this.version : "");
    return Buffer.from(`${key}=${value}`, "latin1");
  }

  /** The value stored for key, if any (version's only once written). */
  get(key: string): string | undefined {
    return this.store.get(key);
  }
}

/** Is this request an insert? */
export function isInsert(request: Buffer): boolean {
  return request.includes(0x3d);
}
