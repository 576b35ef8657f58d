import type { summary as en } from "../en/summary.js";
import type { Translation } from "../translation.js";

export const summary: Translation<typeof en> = {
  "summary.done": "✓ 第 {order} 课（{title}）已完成。",
  "summary.showed": "这一课展示了什么",
  "summary.steps": "各步：{steps}",
  "summary.quizLabel": "测验：",
  "summary.quiz": "第一次就答对 {right}/{total} 题{missed, plural, =0 {} other {（# 题未答）}}。",
  "summary.exerciseLabel": "练习：",
  "summary.exercisePassed": "{id}，已通过。",
  "summary.exerciseTried": "{id}，已尝试，尚未通过。",
  "summary.exerciseNew": "{id}，未开始。",
  "summary.courseLabel": "课程：",
  "summary.course": "已完成 {bar} 课。",
  "summary.next": "下一课：第 {order} 课，{title}。",
  "summary.allDone": "这是最后一课：所有课程都已完成。干得漂亮。",
  "summary.prompt": "接下来做什么？",
  "summary.nextLesson": "▶ 下一课：{order}. {title}",
  "summary.exercise": "✎ 做练习：{id}",
  "summary.menu": "返回菜单",
};
