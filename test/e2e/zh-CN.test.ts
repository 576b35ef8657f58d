/**
 * The tutor in Simplified Chinese on a real 80x24 terminal (tmux): the menu, a lesson
 * step and the live view. Chinese characters take two columns, so every line must be
 * measured by display width: no line wider than the terminal, and every line of the
 * live view's boxes exactly 80 columns (a border out of place shows as a line that is
 * not). The language is chosen in the menu too, and saved with the progress.
 * The captures are written to SOCKET_TUTOR_CAPTURES (a folder) when it is set.
 */
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import stringWidth from "string-width";
import { loadExercises } from "../../src/exercises/catalog.js";
import { loadLessons } from "../../src/lessons/load.js";
import { cliPath, tempHome } from "../support/cli.js";
import { hasTmux, TmuxSession } from "../support/tmux.js";
import { pythonSkip } from "../demo/lesson-demo-helpers.js";

const skip = hasTmux() ? false : "tmux is not installed";
const zh = { SOCKET_TUTOR_LANG: "zh-CN" };

function keep(name: string, screen: string): void {
  const dir = process.env.SOCKET_TUTOR_CAPTURES;
  if (dir) writeFileSync(path.join(dir, `${name}.txt`), screen);
}

/** The screen's lines without the blank end tmux pads with. */
function lines(screen: string): string[] {
  return screen.replace(/\n+$/, "").split("\n");
}

function noLineWiderThan(screen: string, width: number): void {
  for (const l of lines(screen)) assert.ok(stringWidth(l) <= width, `a line is ${stringWidth(l)} columns wide, more than ${width}:\n${l}\n\n${screen}`);
  assert.doesNotMatch(screen, /\uFFFD/, "no broken character");
}

const BOX = /^[┌│├└╭╰┬┼]/;

describe("the tutor in Chinese at 80x24", { skip }, () => {
  it("the menu: in Chinese, every line within 80 columns", async () => {
    const t = await TmuxSession.start([process.execPath, cliPath, "start"], { width: 80, height: 24, env: { ...zh, SOCKET_TUTOR_HOME: tempHome() } });
    try {
      const screen = await t.waitFor((s) => s.includes("选择一课") && s.includes("套接字是什么"));
      keep("menu", screen);
      assert.match(screen, /看着真实的套接字工作/);
      assert.match(screen, /── 基础 ──/);
      assert.match(screen, /↑↓ 移动 • ⏎ 选择/, "inquirer's key line too");
      noLineWiderThan(screen, 80);
    } finally {
      t.close();
    }
  });

  it("a lesson step: header, text and prompt in Chinese, every line within 80 columns", async () => {
    const t = await TmuxSession.start([process.execPath, cliPath, "lesson", "1"], { width: 80, height: 24, env: { ...zh, SOCKET_TUTOR_HOME: tempHome() } });
    try {
      const screen = await t.waitFor((s) => s.includes("这套教程从哪里来") && s.includes("下一步"));
      keep("lesson-step", screen);
      assert.match(screen, /第 1 课 · 套接字是什么/);
      assert.match(screen, /第 1\/12 步/);
      noLineWiderThan(screen, 80);
    } finally {
      t.close();
    }
  });

  it("the live view: panes, table and key bar in Chinese, every box line exactly 80 columns", { skip: pythonSkip }, async () => {
    const t = await TmuxSession.start([process.execPath, cliPath, "demo", "first-socket", "--runtime", "python", "--port", "0"], {
      width: 80,
      height: 24,
      env: { ...zh, SOCKET_TUTOR_HOME: tempHome() },
    });
    try {
      // Step until listen() has returned: the LISTEN row is the moment the lesson points at.
      await t.waitFor((s) => s.includes("套接字调用") && s.includes("套接字表"));
      // socket(), bind(), listen(): one key each, each once the call is paused.
      for (const call of ["socket(", "bind(", "listen("]) {
        await t.waitFor((s) => new RegExp(`‖ ${call.replace("(", "\\(")}.*在这个调用前暂停`).test(s));
        await t.keys("Space");
      }
      const screen = await t.waitFor((s) => /LISTEN/.test(s));
      keep("live-view", screen);
      assert.match(screen, /单步|运行中|已完成/);
      const box = lines(screen).filter((l) => BOX.test(l));
      assert.ok(box.length >= 10, `the boxes fill the screen:\n${screen}`);
      for (const l of box) assert.equal(stringWidth(l), 80, `a box line is ${stringWidth(l)} columns wide:\n${l}\n\n${screen}`);
      noLineWiderThan(screen, 80);
      await t.keys("q");
    } finally {
      t.close();
    }
  });

  it("the language is chosen in the menu and saved with the progress", async () => {
    const home = tempHome();
    const t = await TmuxSession.start([process.execPath, cliPath, "start"], { width: 80, height: 24, env: { SOCKET_TUTOR_HOME: home, LC_ALL: "", LC_MESSAGES: "", LANG: "en_US.UTF-8", SOCKET_TUTOR_LANG: "" } });
    try {
      await t.waitFor("Choose a lesson");
      // The cursor starts on lesson 1: the other lessons, every exercise and "Your progress" below it, then the language.
      const below = loadLessons().lessons.length + loadExercises().exercises.length + 1;
      for (let i = 0; i < below; i++) await t.keys("Down");
      await t.waitFor(/❯\s+Language \/ 语言: English/);
      await t.keys("Enter");
      await t.waitFor("简体中文");
      await t.keys("Down", "Enter");
      const screen = await t.waitFor((s) => s.includes("选择一课") && s.includes("已随进度保存"));
      keep("menu-language", screen);
      const saved = JSON.parse(readFileSync(path.join(home, "progress.json"), "utf8")) as { settings: { language?: string } };
      assert.equal(saved.settings.language, "zh-CN");
    } finally {
      t.close();
    }
  });
});
