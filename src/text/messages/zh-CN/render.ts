import type { render as en } from "../en/render.js";
import type { Translation } from "../translation.js";

export const render: Translation<typeof en> = {
  "render.where": "第 {order} 课 · {title}",
  "render.stepCount": "第 {step}/{steps} 步",
  "render.stepAndCourse": "{step} · 课程 {course}",
  "render.courseBar": "{bar} {done}/{total}",
  "render.lessonTitle": "第 {order} 课：{title}",
  "render.lessonSubtitle": "{chapter} · {summary}",
  "render.quizHeading": "测验",
  "render.correct": "**（正确）**",
  "render.rightMark": "✓",
  "render.wrongMark": "✗",
  "render.alsoIn": "*另有 {files}*",
  "render.alsoInPython": "Python 版：{file}",
  "render.alsoInJavaScript": "JavaScript 版：{file}",
  "render.demo": "**现场演示：`{demo}`**",
  "render.demoRun": "运行：`{command}`",
  "render.exercise": "**练习：`{exercise}`**",
  "render.exerciseRun": "开始：`{start}`，检查：`{verify}`",
};
