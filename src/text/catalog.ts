/**
 * Every string a learner reads comes from here: `t("verify.passed", { total: 5 })`.
 * The English catalog (messages/en.ts) is the source; a language is one more file
 * with the same keys, and a key missing there falls back to English, never to
 * the key's name. Argument names are checked by the compiler: a message's
 * `{placeholders}` are the object `t()` must be given.
 */
import { en } from "./messages/en.js";
import { formatMessage, type ArgValue } from "./format.js";
import { zhCN } from "./messages/zh-CN.js";
import type { Language } from "./language.js";

export type Messages = typeof en;
export type MessageKey = keyof Messages;

type Ident<S extends string> = S extends "" ? false : S extends `${string}${" " | "#" | "{" | "}" | "," | "'" | "." | "\\"}${string}` ? false : true;
/** Up to the first "}" and then the first ",": the argument's name, if this brace opens one. */
type Head<Body extends string> = Body extends `${infer A}}${string}` ? (A extends `${infer B},${string}` ? B : A) : never;
/** The names of a message's placeholders, found at the type level. (A plural branch that is a single word, `{hints}`, would be taken for one: write `{# hints}`.) */
export type ArgNames<S extends string> = S extends `${infer Pre}{${infer Body}`
  ? Pre extends `${string}\\`
    ? ArgNames<Body> // an escaped brace, \{: text, not a placeholder
    : Ident<Head<Body>> extends true
      ? Head<Body> | ArgNames<Body>
      : ArgNames<Body>
  : never;

type ArgsOf<K extends MessageKey> = [ArgNames<Messages[K]>] extends [never] ? [] : [args: Record<ArgNames<Messages[K]>, ArgValue>];

export type Catalog = Partial<Record<MessageKey, string>>;

let language = "en";
let translated: Catalog = {};

/** Switches every later `t()` to a language (its catalog, English where it has no entry). */
export function useLanguage(code: string, catalog: Catalog): void {
  language = code;
  translated = catalog;
}

/** The catalog of each language the tutor has; English is the source, so it has none of its own. */
const CATALOGS: Readonly<Record<Language, Catalog>> = { en: {}, "zh-CN": zhCN };

/** Switches to one of the tutor's languages. */
export function setLanguage(code: Language): void {
  useLanguage(code, CATALOGS[code]);
}

/** A language's own catalog (what is translated), for tests and the i18n script. */
export function catalogOf(code: Language): Catalog {
  return CATALOGS[code];
}

export function currentLanguage(): string {
  return language;
}

export function t<K extends MessageKey>(key: K, ...args: ArgsOf<K>): string {
  const source = translated[key] ?? en[key];
  return formatMessage(source, (args[0] ?? {}) as Record<string, ArgValue>, translated[key] !== undefined ? language : "en");
}

/** The English catalog itself, for tests and tools. */
export function englishMessages(): Readonly<Record<MessageKey, string>> {
  return en;
}
