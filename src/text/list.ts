/**
 * Lists of items joined for display, in the current language: "a, b, c" in English,
 * "a、b、c" in Chinese (the enumeration comma). The platform knows each language's
 * rule (Intl.ListFormat, CLDR data in Node's ICU), so no separator is hard-coded
 * and no catalog entry can drift from it.
 */
import { currentLanguage, t } from "./catalog.js";

const formats = new Map<string, Intl.ListFormat>();

function format(type: "conjunction" | "disjunction"): Intl.ListFormat {
  const key = `${currentLanguage()}/${type}`;
  let f = formats.get(key);
  if (!f) {
    // "narrow" conjunction is the plain list with no "and" ("a, b, c" / "a、b、c"): what the
    // English messages have always shown. Disjunction ends with the language's "or".
    f = new Intl.ListFormat(currentLanguage(), { type, style: type === "conjunction" ? "narrow" : "long" });
    formats.set(key, f);
  }
  return f;
}

/** "a, b, c" (zh-CN "a、b、c"): items named one after the other. */
export function listOf(items: readonly (string | number)[]): string {
  return format("conjunction").format(items.map(String));
}

/** "a or b", "a, b, or c" (zh-CN "a或b", "a、b或c"): one of the items. */
export function oneOf(items: readonly string[]): string {
  return format("disjunction").format(items);
}

/** "a; b" (zh-CN "a；b"): clauses that each say something of their own (no platform rule for this one). */
export function clausesOf(items: readonly string[]): string {
  return items.join(t("common.clauseSeparator"));
}
