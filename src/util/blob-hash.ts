import { createHash } from "node:crypto";

/**
 * The hash git gives a file's content (`git hash-object <file>`): SHA-1 over
 * "blob <size>\0" and the bytes. A translation records the one of the English file
 * it was made from; because it is git's own name for that content, any clone can
 * show that English text again (`git cat-file blob <hash>`) and diff it with today's.
 */
export function blobHash(content: string | Buffer): string {
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}
