/**
 * The string catalog and the code agree: every key the code uses exists (the
 * compiler checks that, since t() takes only known keys), every key in the catalog
 * is used somewhere in src/, every area's keys start with the area's name, and no
 * two areas define the same key.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { englishMessages } from "../../src/text/catalog.js";
import { parseMessage } from "../../src/text/format.js";
import { repoRoot } from "../support/cli.js";

const srcDir = path.join(repoRoot, "src");
const messagesDir = path.join(srcDir, "text", "messages");

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (p !== messagesDir) out.push(...sources(p));
    } else if (e.name.endsWith(".ts")) out.push(p);
  }
  return out;
}

describe("string catalog", () => {
  const messages = englishMessages();

  it("has no key that the code never uses", () => {
    const code = sources(srcDir).map((f) => readFileSync(f, "utf8")).join("\n");
    const unused = Object.keys(messages).filter((k) => !code.includes(`"${k}"`));
    assert.deepEqual(unused, [], `keys in the catalog that no code in src/ uses: ${unused.join(", ")}`);
  });

  it("gives each area its own prefix, with no key defined twice", () => {
    const seen = new Map<string, string>();
    for (const file of readdirSync(path.join(messagesDir, "en"))) {
      const area = file.replace(/\.ts$/, "");
      const text = readFileSync(path.join(messagesDir, "en", file), "utf8");
      for (const m of text.matchAll(/^\s*"([^"]+)":/gm)) {
        const key = m[1]!;
        assert.ok(key.startsWith(`${area}.`), `${file}: the key '${key}' must start with '${area}.'`);
        assert.equal(seen.get(key), undefined, `'${key}' is defined in ${seen.get(key)} and ${file}`);
        seen.set(key, file);
      }
    }
    assert.equal(seen.size, Object.keys(messages).length, "every area file is joined in en.ts");
  });

  it("parses every message", () => {
    for (const [key, text] of Object.entries(messages)) assert.doesNotThrow(() => parseMessage(text), key);
  });
});
