/**
 * The course's own translations kept in step with the English (lessons/…/*.zh-CN.*):
 * - a translation whose steps, directives, quiz answers, hint ids or demo fields differ
 *   from its English fails here (the tutor would show the English instead);
 * - a stale one (its English changed since: `source:` is not the English file's hash)
 *   is a warning printed here, not a failure: `npm run i18n:stale` shows the English diff;
 * - an English file without a translation is listed by the "todo" test below (and by
 *   `npm run i18n:missing`) until it is translated.
 */
import assert from "node:assert/strict";
import path from "node:path";
import { describe, it } from "node:test";
import { translationReports } from "../../src/course/translations.js";
import { repoRoot } from "../support/cli.js";

const rel = (f: string): string => path.relative(repoRoot, f);

for (const report of translationReports(path.join(repoRoot, "lessons"))) {
  describe(`${report.language} translations of the course`, () => {
    it("match their English: same steps, directives, quiz answers, hint ids, demo text fields", () => {
      const broken = report.notes.filter((n) => n.kind !== "stale").map((n) => `${rel(n.file)}:${n.line}: ${n.message}`);
      assert.deepEqual(broken, [], `translations that do not match their English (the English is shown instead):\n${broken.join("\n")}`);
    });

    it("are up to date with their English (a warning only)", (t) => {
      const stale = report.notes.filter((n) => n.kind === "stale");
      for (const n of stale) t.diagnostic(`warning: ${rel(n.file)}: ${n.message} (npm run i18n:stale shows the English diff)`);
      assert.ok(true);
    });

    const missing = report.missing.map(rel);
    it(
      "cover every lesson, task, hints and demo",
      { todo: missing.length ? `${missing.length} English files have no ${report.language} translation yet: ${missing.join(", ")}` : false },
      () => {
        assert.deepEqual(missing, []);
      },
    );
  });
}
