import { readdirSync } from "node:fs";
import path from "node:path";
import { readFrontMatter } from "../lessons/parse.js";
import { readTextInside } from "../lessons/read.js";
import { lessonsDir } from "../paths.js";
import { currentLanguage, t } from "../text/catalog.js";
import { isLanguage } from "../text/language.js";
import { translatedName } from "../lessons/translation.js";

/**
 * "lesson 8, The chat": how a failure points to the lesson that explains it.
 * The title comes from the lesson's own front matter when the lesson exists,
 * so a renamed lesson is named correctly; the table is the fallback.
 */
const FALLBACK: Record<string, { order: number; title: () => string }> = {
  "what-is-a-socket": { order: 1, title: () => t("check.lessonTitle.whatIsASocket") },
  addressing: { order: 2, title: () => t("check.lessonTitle.addressing") },
  "address-families": { order: 3, title: () => t("check.lessonTitle.addressFamilies") },
  "socket-types": { order: 4, title: () => t("check.lessonTitle.socketTypes") },
  "server-calls": { order: 5, title: () => t("check.lessonTitle.serverCalls") },
  "listen-backlog": { order: 6, title: () => t("check.lessonTitle.listenBacklog") },
  "client-calls": { order: 7, title: () => t("check.lessonTitle.clientCalls") },
  chat: { order: 8, title: () => t("check.lessonTitle.chat") },
  udp: { order: 9, title: () => t("check.lessonTitle.udp") },
  closing: { order: 10, title: () => t("check.lessonTitle.closing") },
  "many-clients": { order: 11, title: () => t("check.lessonTitle.manyClients") },
  framing: { order: 12, title: () => t("check.lessonTitle.framing") },
  nonblocking: { order: 13, title: () => t("check.lessonTitle.nonblocking") },
  "things-go-wrong": { order: 14, title: () => t("check.lessonTitle.thingsGoWrong") },
  "names-and-addresses": { order: 15, title: () => t("check.lessonTitle.namesAndAddresses") },
  "udp-protocol": { order: 16, title: () => t("check.lessonTitle.udpProtocol") },
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
    return { order: Number(front.values.get("order")!.value), title: translatedTitle(lessonDir) ?? front.values.get("title")!.value };
  } catch {
    return undefined;
  }
}

/** The lesson's title in the learner's language, from lesson.<language>.md, when there is one. */
function translatedTitle(lessonDir: string): string | undefined {
  const language = currentLanguage();
  if (!isLanguage(language) || language === "en") return undefined;
  const read = readTextInside(translatedName(path.join(lessonDir, "lesson.md"), language), lessonDir, "the lesson folder", { kind: "a lesson file" });
  if (!read.ok) return undefined;
  const front = readFrontMatter(read.text.replace(/\r\n?/g, "\n").split("\n"), ["source", "title"], () => undefined, ["chapter", "summary"]);
  return front?.ok ? front.values.get("title")!.value : undefined;
}

/** `lesson 8, The chat`, optionally with the part to read: `lesson 8, The chat: recv returns part of a message`. */
export function lessonRef(id: LessonId, topic?: string): string {
  const key = `${currentLanguage()}:${id}`;
  let base = cache.get(key);
  if (!base) {
    const fallback = FALLBACK[id]!;
    const l = fromDisk(id) ?? { order: fallback.order, title: fallback.title() };
    base = t("check.lessonRef", { order: l.order, title: l.title });
    cache.set(key, base);
  }
  return topic ? t("check.lessonRefTopic", { lesson: base, topic }) : base;
}

/** "see lesson 8, The chat: …". `topic` is a catalog text (a part of the lesson) or a call's name. */
export function see(id: LessonId, topic?: string): string {
  return t("check.see", { lesson: lessonRef(id, topic) });
}
