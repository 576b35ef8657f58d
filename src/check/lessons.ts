import { readdirSync } from "node:fs";
import path from "node:path";
import { readFrontMatter } from "../lessons/parse.js";
import { readTextInside } from "../lessons/read.js";
import { lessonsDir } from "../paths.js";

/**
 * "lesson 8, The chat": how a failure points to the lesson that explains it.
 * The title comes from the lesson's own front matter when the lesson exists,
 * so a renamed lesson is named correctly; the table is the fallback.
 */
const FALLBACK: Record<string, { order: number; title: string }> = {
  "what-is-a-socket": { order: 1, title: "What a socket is" },
  addressing: { order: 2, title: "Addressing a process" },
  "address-families": { order: 3, title: "Address families" },
  "socket-types": { order: 4, title: "Socket types" },
  "server-calls": { order: 5, title: "The server's calls" },
  "listen-backlog": { order: 6, title: "listen and the backlog" },
  "client-calls": { order: 7, title: "The client's calls" },
  chat: { order: 8, title: "The chat" },
  udp: { order: 9, title: "UDP" },
  closing: { order: 10, title: "Closing" },
  "many-clients": { order: 11, title: "Many clients" },
};

export type LessonId = keyof typeof FALLBACK;

const cache = new Map<string, string>();

function fromDisk(id: string): { order: number; title: string } | undefined {
  try {
    const dir = lessonsDir();
    const folder = readdirSync(dir).find((f) => f === id || f.replace(/^\d+-/, "") === id);
    if (!folder) return undefined;
    const lessonDir = path.join(dir, folder);
    // Read as the lesson loader reads it: a lesson.md that is a pipe, a link out of the
    // folder, huge or binary is refused at once (a FIFO read with readFileSync would hang
    // verify). The reason is not shown: the table below names the lesson instead.
    const read = readTextInside(path.join(lessonDir, "lesson.md"), lessonDir, "the lesson folder", { kind: "a lesson file" });
    if (!read.ok) return undefined;
    const lines = read.text.replace(/\r\n?/g, "\n").split("\n");
    const front = readFrontMatter(lines, ["id", "title", "order"], () => undefined, ["chapter", "summary"]);
    if (!front?.ok || front.values.get("id")?.value !== id) return undefined;
    return { order: Number(front.values.get("order")!.value), title: front.values.get("title")!.value };
  } catch {
    return undefined;
  }
}

/** `lesson 8, The chat`, optionally with the part to read: `lesson 8, The chat: recv returns part of a message`. */
export function lessonRef(id: LessonId, topic?: string): string {
  let base = cache.get(id);
  if (!base) {
    const l = fromDisk(id) ?? FALLBACK[id]!;
    base = `lesson ${l.order}, ${l.title}`;
    cache.set(id, base);
  }
  return topic ? `${base}: ${topic}` : base;
}

/** "see lesson 8, The chat: …" */
export function see(id: LessonId, topic?: string): string {
  return `see ${lessonRef(id, topic)}`;
}
