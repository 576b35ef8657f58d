/**
 * No English text for a learner is written inline: scripts/inline-strings.mjs finds
 * literals that read like prose, and each one must be in the catalog or listed, with
 * why, in scripts/inline-strings.allow (data sent over sockets, commands, code).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import { repoRoot } from "../support/cli.js";

interface Scanner {
  files(): string[];
  inlineStrings(file: string): { line: number; text: string }[];
}

describe("inline strings", () => {
  it("every English-looking literal outside the catalog is listed as not text for a learner", async () => {
    const scanner = (await import(pathToFileURL(path.join(repoRoot, "scripts", "inline-strings.mjs")).href)) as Scanner;
    const allowed = new Set(
      readFileSync(path.join(repoRoot, "scripts", "inline-strings.allow"), "utf8")
        .split("\n")
        .filter((l) => l && !l.startsWith("#"))
        .map((l) => l.split("\t").slice(0, 2).join("\t")),
    );
    const found: string[] = [];
    const used = new Set<string>();
    for (const file of scanner.files()) {
      const rel = path.relative(repoRoot, file);
      for (const s of scanner.inlineStrings(file)) {
        const key = `${rel}\t${s.text}`;
        if (allowed.has(key)) used.add(key);
        else found.push(`${rel}:${s.line}: ${s.text}`);
      }
    }
    assert.deepEqual(found, [], "move these into the catalog (src/text/messages/en/), or list them in scripts/inline-strings.allow with why");
    assert.deepEqual([...allowed].filter((k) => !used.has(k)), [], "entries of scripts/inline-strings.allow that no longer match anything: remove them");
  });
});
