import type { list as en } from "../en/list.js";
import type { Translation } from "../translation.js";

export const list: Translation<typeof en> = {
  "list.help": "列出课程和练习，以及你的状态（已完成、进行中、未开始）。纯文本输出，不需要终端。",
  "list.lessons": "课程（已完成 {done}/{total}）",
  "list.done": "已完成",
  "list.inProgress": "进行中",
  "list.new": "未开始",
  "list.step": "（第 {step}/{steps} 步）",
  "list.exercises": "练习（已通过 {passed}/{total}）",
  "list.passed": "已通过",
  "list.passedBefore": "在检查更新前通过：请再运行一次 verify",
  "list.tried": "已尝试",
  "list.open": "用 '{lesson}' 打开一课，或用 '{start}' 打开全部课程。",
  "list.translations": "{language} 译文：{stale} 个待更新，{broken} 个未使用（与英文原文不一致）。'{script}' 显示英文改了什么：",
};
