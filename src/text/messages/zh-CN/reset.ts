import type { reset as en } from "../en/reset.js";
import type { Translation } from "../translation.js";

export const reset: Translation<typeof en> = {
  "reset.notSaved": "什么也没有重置：这次运行无法使用你的进度文件（见上面的提示）。",
  "reset.lessonDone": "第 {order} 课（{title}）的进度已重置。",
  "reset.needsConfirmation": "重置全部进度需要确认：请在终端里运行，或者加上 --yes。",
  "reset.ask": "要清除 {file} 中的全部进度（每一课和每个练习）吗？输入 '{word}' 确认：",
  "reset.confirmWord": "是",
  "reset.nothingErased": "什么也没有清除。",
  "reset.allDone": "全部进度已清除。你的设置保留。",
};
