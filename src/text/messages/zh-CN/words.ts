import type { words as en } from "../en/words.js";
import type { Translation } from "../translation.js";

export const words: Translation<typeof en> = {
  "words.also": "又称：{names}",
  "words.shownIn": "见第 {order} 课（{title}）：第 {step} 步，{stepTitle}",
  "words.listTitle": "{n, plural, other {课程中用到的 # 个术语：}}",
  "words.listMore": "查看一个术语的完整解释：{command}",
  "words.noEntry": "术语表里没有 '{word}'。{suggestion}在课程中搜索它：{command}",
  "words.noGlossary": "这个课程文件夹没有术语表（{file}）",
  "words.searchTitle": "提到 '{query}' 的课程和步骤，最相关的在前：",
  "words.searchLesson": "第 {order} 课：{title}",
  "words.searchStep": "第 {step} 步：{title}",
  "words.searchGlossary": "术语表中的：{terms}。释义：",
  "words.searchNothing": "课程中没有提到 '{query}' 的地方",
  "words.searchOpen": "打开一课：",
  "words.searchWhich": "搜索什么？例如：{example}",
  "words.tool": "查一个词（术语表）",
  "words.toolDescription": "fd、backlog、Recv-Q、TIME_WAIT、ECONNRESET……：简短的释义，以及讲到它的那一课。",
  "words.toolPrompt": "输入一个词，或者从下面选一个：",
  "words.toolTitle": "术语表",
  "words.toolNext": "接下来做什么？",
  "words.toolAnother": "再查一个词",
  "words.toolBack": "返回课程",
};
