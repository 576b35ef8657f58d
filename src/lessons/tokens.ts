import { tutorCommand } from "../util/invocation.js";

/**
 * Placeholders in lesson text. Lesson files are static Markdown, but a command they
 * tell the learner to run must run as printed on this machine: `{{tutor}}` becomes
 * the way to run the tutor from the learner's folder (`socket-tutor`, or `node <path>/cli.js`
 * when that name is not on the PATH). Authors write `{{tutor}} demo server-calls`,
 * never `socket-tutor demo server-calls`.
 */
export const TOKENS = ["tutor"] as const;

const TOKEN = /\{\{\s*([^{}\s]*)\s*\}\}/g;

/**
 * The text with every `{{tutor}}` replaced by the command that runs the tutor from the
 * learner's folder, or from `cwd` (a starter file's comment runs from the file's folder).
 */
export function expandTutor(text: string, cwd?: string): string {
  if (!text.includes("{{")) return text;
  return text.replace(TOKEN, (whole, name: string) => (name === "tutor" ? (cwd === undefined ? tutorCommand() : tutorCommand(process.env, cwd)) : whole));
}

/** Placeholders a lesson file uses that the renderer does not know, with their 1-based line. */
export function unknownTokens(text: string, firstLine = 1): { line: number; name: string }[] {
  const out: { line: number; name: string }[] = [];
  text.split("\n").forEach((line, i) => {
    for (const m of line.matchAll(TOKEN)) {
      if (!(TOKENS as readonly string[]).includes(m[1]!)) out.push({ line: firstLine + i, name: m[1]! });
    }
  });
  return out;
}
