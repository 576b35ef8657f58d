/**
 * Every language's catalog is complete and says the same things as the English:
 * no key missing (it would show in English), no other placeholders than the English
 * message has, every message parses. When English gains a key, the first test fails
 * and names it: translate it (or run `npm run i18n:missing` to see them all).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { catalogOf, englishMessages, type MessageKey } from "../../src/text/catalog.js";
import { messageArguments, parseMessage } from "../../src/text/format.js";
import { LANGUAGES } from "../../src/text/language.js";

const english = englishMessages();
const keys = Object.keys(english) as MessageKey[];

for (const language of LANGUAGES.filter((l) => l !== "en")) {
  describe(`the ${language} catalog`, () => {
    const catalog = catalogOf(language);

    it("has every key of the English catalog", () => {
      const missing = keys.filter((k) => catalog[k] === undefined);
      assert.deepEqual(
        missing,
        [],
        `${missing.length} ${language} catalog keys are missing (they show in English until translated); add them to src/text/messages/${language}/ (npm run i18n:missing lists them):\n  ${missing.join("\n  ")}`,
      );
    });

    it("has no key the English does not have", () => {
      const extra = Object.keys(catalog).filter((k) => !(k in english));
      assert.deepEqual(extra, [], `keys in ${language} that English does not have: ${extra.join(", ")}`);
    });

    it("parses every message, with the English message's placeholders", () => {
      const wrong: string[] = [];
      for (const k of keys) {
        const text = catalog[k];
        if (text === undefined) continue;
        try {
          parseMessage(text);
        } catch (err) {
          wrong.push(`${k}: ${(err as Error).message}`);
          continue;
        }
        const a = messageArguments(english[k]).join(", ");
        const b = messageArguments(text).join(", ");
        if (a !== b) wrong.push(`${k}: English has {${a}}, ${language} has {${b}}`);
      }
      assert.deepEqual(wrong, []);
    });
  });
}
