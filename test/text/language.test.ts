/**
 * Choosing the language: --lang on any command, SOCKET_TUTOR_LANG, the choice saved
 * with the progress, the locale (LC_ALL, LC_MESSAGES, LANG), English by default.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { shapeProgress } from "../../src/progress/shape.js";
import { savedLanguage } from "../../src/progress/store.js";
import path from "node:path";
import { describe, it } from "node:test";
import { catalogOf, englishMessages, setLanguage, t, useLanguage } from "../../src/text/catalog.js";
import { chooseLanguage, extractLangFlag, languageFromLocale, normalizeLanguage } from "../../src/text/language.js";
import { runCli, tempHome } from "../support/cli.js";
import { wrapLines } from "../../src/text/wrap.js";
import { displayWidth } from "../../src/text/width.js";

const zhTagline = catalogOf("zh-CN")["cli.tagline"];
const enTagline = englishMessages()["cli.tagline"];
/** An environment with no locale or language set, so the machine's own do not leak in. */
const bare = { LC_ALL: "", LC_MESSAGES: "", LANG: "", SOCKET_TUTOR_LANG: "" };

describe("language codes and the locale", () => {
  it("reads Simplified Chinese locales and codes as zh-CN, Traditional ones as none", () => {
    for (const zh of ["zh-CN", "zh_CN", "zh_CN.UTF-8", "zh-Hans", "zh-hans-CN", "zh", "zh_SG.UTF-8", "ZH_cn"]) assert.equal(normalizeLanguage(zh), "zh-CN", zh);
    for (const none of ["zh_TW.UTF-8", "zh-Hant", "zh_HK", "zh-Hant-TW", "fr_FR.UTF-8", "C", "POSIX", "C.UTF-8", ""]) assert.equal(normalizeLanguage(none), undefined, none);
    assert.equal(normalizeLanguage("en_GB.UTF-8"), "en");
  });

  it("takes the first of LC_ALL, LC_MESSAGES, LANG that is set", () => {
    assert.equal(languageFromLocale({ LC_ALL: "zh_CN.UTF-8", LANG: "en_US.UTF-8" }), "zh-CN");
    assert.equal(languageFromLocale({ LC_ALL: "", LC_MESSAGES: "en_US.UTF-8", LANG: "zh_CN.UTF-8" }), "en");
    assert.equal(languageFromLocale({ LANG: "zh_CN.UTF-8" }), "zh-CN");
    assert.equal(languageFromLocale({ LC_ALL: "C", LANG: "zh_CN.UTF-8" }), undefined, "LC_ALL=C wins, and means English");
  });

  it("puts the flag before SOCKET_TUTOR_LANG, before the saved choice, before the locale", () => {
    const env = { LANG: "en_US.UTF-8", SOCKET_TUTOR_LANG: "en" };
    assert.deepEqual(chooseLanguage({ flag: "zh-CN", env, saved: "en" }), { ok: true, language: "zh-CN", from: "flag" });
    assert.deepEqual(chooseLanguage({ env: { SOCKET_TUTOR_LANG: "zh-CN" }, saved: "en" }), { ok: true, language: "zh-CN", from: "env" });
    assert.deepEqual(chooseLanguage({ env: { LANG: "en_US.UTF-8" }, saved: "zh-CN" }), { ok: true, language: "zh-CN", from: "saved" });
    assert.deepEqual(chooseLanguage({ env: { LANG: "zh_CN.UTF-8" } }), { ok: true, language: "zh-CN", from: "locale" });
    assert.deepEqual(chooseLanguage({ env: { LANG: "zh_TW.UTF-8" } }), { ok: true, language: "en", from: "default" });
    assert.deepEqual(chooseLanguage({ flag: "zh-TW", env: {} }), { ok: false, from: "flag", value: "zh-TW" });
  });

  it("takes --lang out of the arguments, but not after --", () => {
    assert.deepEqual(extractLangFlag(["verify", "--lang", "zh-CN", "x", "--", "prog", "--lang", "en"]), { argv: ["verify", "x", "--", "prog", "--lang", "en"], lang: "zh-CN" });
    assert.deepEqual(extractLangFlag(["--lang=zh-CN", "list"]), { argv: ["list"], lang: "zh-CN" });
    assert.equal(extractLangFlag(["list", "--lang"]).missingValue, true);
  });
});

describe("the catalog in a language", () => {
  it("gives the translation, and English for a key the language lacks (never the key)", () => {
    try {
      setLanguage("zh-CN");
      assert.equal(t("cli.tagline"), zhTagline);
      // A catalog without the key (as when English gains a key before the translation does).
      const catalog = { ...catalogOf("zh-CN") };
      delete catalog["cli.tagline"];
      delete catalog["cli.startHere"];
      useLanguage("zh-CN", catalog);
      assert.equal(t("cli.tagline"), enTagline);
      assert.equal(t("cli.startHere", { command: "x" }), "Start here: x");
    } finally {
      setLanguage("en");
    }
  });
});

describe("choosing the language on the command line", () => {
  it("--lang zh-CN on any command, before or after it", async () => {
    assert.ok(zhTagline, "the zh-CN catalog has cli.tagline");
    const before = await runCli(["--lang", "zh-CN", "--help"], { env: { ...bare, SOCKET_TUTOR_HOME: tempHome() } });
    assert.ok(before.stdout.includes(zhTagline!), before.stdout);
    const list = await runCli(["list", "--lang=zh-CN"], { env: { ...bare, SOCKET_TUTOR_HOME: tempHome() } });
    assert.equal(list.code, 0, list.stderr);
    assert.ok(list.stdout.includes(catalogOf("zh-CN")["list.open"]!.split("{")[0]!), list.stdout);
  });

  it("SOCKET_TUTOR_LANG, the locale, and English for zh_TW", async () => {
    const home = tempHome();
    const env = await runCli(["--help"], { env: { ...bare, SOCKET_TUTOR_LANG: "zh-CN", SOCKET_TUTOR_HOME: home } });
    assert.ok(env.stdout.includes(zhTagline!), env.stdout);
    const locale = await runCli(["--help"], { env: { ...bare, LANG: "zh_CN.UTF-8", SOCKET_TUTOR_HOME: home } });
    assert.ok(locale.stdout.includes(zhTagline!), locale.stdout);
    const tw = await runCli(["--help"], { env: { ...bare, LANG: "zh_TW.UTF-8", SOCKET_TUTOR_HOME: home } });
    assert.ok(tw.stdout.includes(enTagline), tw.stdout);
    const flagWins = await runCli(["--lang", "en", "--help"], { env: { ...bare, SOCKET_TUTOR_LANG: "zh-CN", LANG: "zh_CN.UTF-8", SOCKET_TUTOR_HOME: home } });
    assert.ok(flagWins.stdout.includes(enTagline), flagWins.stdout);
  });

  it("the choice saved with the progress, below SOCKET_TUTOR_LANG", async () => {
    const home = tempHome();
    writeFileSync(path.join(home, "progress.json"), JSON.stringify({ version: 1, lessons: {}, exercises: {}, settings: { language: "zh-CN" } }));
    const saved = await runCli(["--help"], { env: { ...bare, LANG: "en_US.UTF-8", SOCKET_TUTOR_HOME: home } });
    assert.ok(saved.stdout.includes(zhTagline!), saved.stdout);
    const env = await runCli(["--help"], { env: { ...bare, SOCKET_TUTOR_LANG: "en", SOCKET_TUTOR_HOME: home } });
    assert.ok(env.stdout.includes(enTagline), env.stdout);
  });

  it("an unknown --lang is a usage error; an unknown SOCKET_TUTOR_LANG a note", async () => {
    const bad = await runCli(["--lang", "zh-TW", "list"], { env: { ...bare, SOCKET_TUTOR_HOME: tempHome() } });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /no language 'zh-TW'\. Languages: en, zh-CN/);
    const env = await runCli(["--help"], { env: { ...bare, SOCKET_TUTOR_LANG: "klingon", LANG: "zh_CN.UTF-8", SOCKET_TUTOR_HOME: tempHome() } });
    assert.equal(env.code, 0);
    assert.match(env.stderr, /SOCKET_TUTOR_LANG is 'klingon'/);
    assert.ok(env.stdout.includes(zhTagline!), "the other settings (here the locale) still choose");
  });
});

describe("wrapping Chinese text", () => {
  const text = "你的服务器很可能每个连接只调用一次 recv()。流套接字是字节流（byte stream）：一次 recv() 返回到目前为止到达的数据，而不是整条消息。";
  it("breaks between characters, fills each line, and never puts closing punctuation first", () => {
    for (const width of [20, 31, 40, 57]) {
      const lines = wrapLines(text, width, "  ");
      for (const l of lines) assert.ok(displayWidth(l) <= width, `${width}: '${l}' is ${displayWidth(l)} columns`);
      for (const l of lines.slice(1)) assert.doesNotMatch(l.trimStart(), /^[，。：）]/, `${width}: '${l}'`);
      // Filled: every line but the last leaves less room than the next token would need (at most 8 columns here).
      for (const l of lines.slice(0, -1)) assert.ok(width - displayWidth(l) <= 8, `${width}: '${l}' stops early`);
      assert.equal(lines.map((l, i) => (i ? l.slice(2) : l)).join("").replace(/ /g, ""), text.replace(/ /g, ""), "no character lost or split");
    }
  });
});

describe("the language saved with the progress", () => {
  it("keeps a known language, and treats anything else as absent (listed as invalid, never converted)", () => {
    const ok = shapeProgress({ version: 1, lessons: {}, exercises: {}, settings: { language: "zh-CN", runtime: "node" } });
    assert.equal(ok?.progress.settings.language, "zh-CN");
    assert.deepEqual(ok?.invalid, []);
    for (const bad of ["zh-TW", "klingon", 3, null]) {
      const r = shapeProgress({ version: 1, lessons: {}, exercises: {}, settings: { language: bad } });
      assert.equal(r?.progress.settings.language, undefined, String(bad));
      assert.deepEqual(r?.invalid, ["settings.language"], String(bad));
    }
  });

  it("is read without writing anything: a corrupt progress file stays where it is", () => {
    const home = tempHome();
    const file = path.join(home, "progress.json");
    writeFileSync(file, "{ not json");
    assert.equal(savedLanguage(file), undefined);
    assert.equal(readFileSync(file, "utf8"), "{ not json");
    assert.deepEqual(readdirSync(home), ["progress.json"], "nothing moved aside, no lock left");
  });
});
