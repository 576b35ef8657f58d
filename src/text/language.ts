/**
 * Which language the tutor speaks. English is the default and the source; a
 * language is one more catalog (messages/<code>/) plus translated lesson files.
 *
 * Chosen, first match wins:
 *   1. `--lang <code>` on the command line (any command);
 *   2. SOCKET_TUTOR_LANG;
 *   3. the choice made in the menu, saved with the progress (settings.language);
 *   4. the locale: the first of LC_ALL, LC_MESSAGES, LANG that is set.
 *
 * Locale: zh_CN, zh_SG, zh-Hans… and a bare `zh` mean Simplified Chinese (zh-CN).
 * Traditional Chinese locales (zh_TW, zh_HK, zh_MO, zh-Hant) fall back to English:
 * the tutor has no Traditional translation, and showing Simplified characters to a
 * reader who did not ask for them is a guess; `--lang zh-CN` or the menu choose it.
 */

export const LANGUAGES = ["en", "zh-CN"] as const;
export type Language = (typeof LANGUAGES)[number];

/** Each language's name in itself, for the menu (never translated). */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { en: "English", "zh-CN": "简体中文" };

export function isLanguage(v: unknown): v is Language {
  return typeof v === "string" && (LANGUAGES as readonly string[]).includes(v);
}

/**
 * A language code as a person or a locale writes it ("zh-CN", "zh_cn", "zh-Hans",
 * "en_US.UTF-8") → the tutor's language, or undefined when it has none for it.
 */
export function normalizeLanguage(raw: string): Language | undefined {
  // Drop the encoding and modifier: "zh_CN.UTF-8@pinyin" → "zh_CN".
  const tag = raw.trim().replace(/[.@].*$/, "").replace(/_/g, "-").toLowerCase();
  if (tag === "" || tag === "c" || tag === "posix") return undefined;
  const parts = tag.split("-");
  if (parts[0] === "en") return "en";
  if (parts[0] !== "zh") return undefined;
  const rest = parts.slice(1);
  if (rest.includes("hant") || rest.some((p) => p === "tw" || p === "hk" || p === "mo")) return undefined;
  return "zh-CN";
}

/** The locale's language, from LC_ALL, LC_MESSAGES, LANG (the first that is set, as POSIX reads them). */
export function languageFromLocale(env: NodeJS.ProcessEnv = process.env): Language | undefined {
  for (const name of ["LC_ALL", "LC_MESSAGES", "LANG"]) {
    const v = env[name];
    if (v !== undefined && v.trim() !== "") return normalizeLanguage(v);
  }
  return undefined;
}

export interface LanguageSources {
  /** The value of `--lang`, if given. */
  flag?: string;
  env?: NodeJS.ProcessEnv;
  /** The choice saved with the progress. */
  saved?: string;
}

export type LanguageChoice =
  | { ok: true; language: Language; from: "flag" | "env" | "saved" | "locale" | "default" }
  | { ok: false; from: "flag" | "env"; value: string };

/** The language to use, and where it came from; a `--lang` or SOCKET_TUTOR_LANG the tutor does not know is reported, not guessed. */
export function chooseLanguage(sources: LanguageSources): LanguageChoice {
  const env = sources.env ?? process.env;
  if (sources.flag !== undefined) {
    const l = exact(sources.flag);
    return l ? { ok: true, language: l, from: "flag" } : { ok: false, from: "flag", value: sources.flag };
  }
  const fromEnv = env.SOCKET_TUTOR_LANG;
  if (fromEnv !== undefined && fromEnv.trim() !== "") {
    const l = exact(fromEnv);
    return l ? { ok: true, language: l, from: "env" } : { ok: false, from: "env", value: fromEnv };
  }
  if (isLanguage(sources.saved)) return { ok: true, language: sources.saved, from: "saved" };
  const locale = languageFromLocale(env);
  if (locale) return { ok: true, language: locale, from: "locale" };
  return { ok: true, language: "en", from: "default" };
}

/** An explicit choice: any spelling of a code the tutor has (zh-CN, zh_CN, zh-Hans, zh), but not a Traditional one. */
function exact(raw: string): Language | undefined {
  return normalizeLanguage(raw);
}

/**
 * Takes `--lang X` / `--lang=X` out of a command line, wherever it stands before a
 * `--` (after `--` the words belong to the learner's program).
 */
export function extractLangFlag(argv: readonly string[]): { argv: string[]; lang?: string; missingValue?: boolean } {
  const out: string[] = [];
  let lang: string | undefined;
  let missingValue = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") {
      out.push(...argv.slice(i));
      break;
    }
    if (a === "--lang") {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith("-")) missingValue = true;
      else {
        lang = v;
        i++;
      }
      continue;
    }
    if (a.startsWith("--lang=")) {
      lang = a.slice("--lang=".length);
      continue;
    }
    out.push(a);
  }
  return missingValue ? { argv: out, missingValue, ...(lang !== undefined ? { lang } : {}) } : lang !== undefined ? { argv: out, lang } : { argv: out };
}
