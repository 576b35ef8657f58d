#!/usr/bin/env node
// Lists string literals in src/ that read like English for a learner (two or more words), outside the
// catalog: the candidates for `t()`. `node scripts/inline-strings.mjs [--counts]`.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const root = path.join(path.dirname(new URL(import.meta.url).pathname), "..", "src");
const skipDirs = new Set([path.join(root, "text", "messages"), path.join(root, "demo", "tracers")]);
// The JSON Schema definitions: their descriptions are published in schemas/*.json for lesson
// authors' editors (documentation of a file format, like the lessons' own text), not shown by the tutor.
const skipFiles = new Set([path.join(root, "demo", "demo-schema.ts"), path.join(root, "lessons", "front-matter-schema.ts")]);

export function files(dir = root) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!skipDirs.has(p)) out.push(...files(p));
    } else if (e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") && !skipFiles.has(p)) out.push(p);
  }
  return out;
}

// A string (double, single or template quoted) on one line.
const LITERAL = /"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\]|\\.)*)`/g;
const WORDS = /\b[A-Za-z][a-z]+\b[ ,;:]+\b[A-Za-z][a-z]+\b/;

export function inlineStrings(file) {
  const text = readFileSync(file, "utf8");
  const found = [];
  const lines = text.split("\n");
  let inComment = false;
  lines.forEach((raw, i) => {
    let line = raw;
    if (inComment) {
      const end = line.indexOf("*/");
      if (end < 0) return;
      line = line.slice(end + 2);
      inComment = false;
    }
    const open = line.indexOf("/*");
    if (open >= 0 && line.indexOf("*/", open) < 0) {
      inComment = true;
      line = line.slice(0, open);
    }
    // A one-line /** … */ or /* … */ comment.
    line = line.replace(/\/\*.*?\*\//g, "");
    const trimmed = line.trim();
    if (trimmed.startsWith("//") || trimmed.startsWith("*") || trimmed.startsWith("import ") || trimmed.startsWith("export {") || /^\} from /.test(trimmed)) return;
    // Drop a trailing // comment (not inside a string: good enough for this code base).
    const code = line.replace(/\s\/\/ .*$/, "");
    for (const m of code.matchAll(LITERAL)) {
      // A value compared, matched or declared as a type is data, not text to show.
      const before = code.slice(0, m.index).trimEnd();
      if (/(===|!==|case|\||:)$/.test(before) && !/\?\s*$/.test(before.slice(0, -1)) && !/\b(message|detail|text|label|why|reason|summary|description|name|title):$/.test(before)) continue;
      const body = (m[1] ?? m[2] ?? m[3] ?? "").replace(/\$\{[^}]*\}/g, " ");
      if (!WORDS.test(body)) continue;
      // Keys, paths, CSS-like options, and debug output are not prose.
      if (/^[\w.-]+$/.test(body) || /^[\w./@-]+$/.test(body.trim())) continue;
      if (/SOCKET_TUTOR_DEBUG/.test(code)) continue;
      found.push({ line: i + 1, text: body.trim() });
    }
  });
  return found;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const counts = process.argv.includes("--counts");
  let total = 0;
  for (const f of files()) {
    const found = inlineStrings(f);
    total += found.length;
    if (!found.length) continue;
    const rel = path.relative(path.join(root, ".."), f);
    if (counts) console.log(`${String(found.length).padStart(4)}  ${rel}`);
    else for (const s of found) console.log(`${rel}:${s.line}: ${s.text.slice(0, 100)}`);
  }
  console.log(`${total} inline strings`);
}
