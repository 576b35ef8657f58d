import type { plain as en } from "../en/plain.js";
import type { Translation } from "../translation.js";

export const plain: Translation<typeof en> = {
  "plain.paused": "已暂停",
  "plain.pausedBefore": "{paused}，在 {call} 之前",
  "plain.stepHint": "  （Enter：继续，r Enter：自由运行）",
  "plain.waiting": "…… 等待中",
  "plain.started": "已启动：{runtime} {file}（pid {pid}）",
  "plain.startedStraced": "已启动：在 strace 下运行 {command}（pid {pid}）",
  "plain.startedAs": "已启动：{runtime} {file}（pid {pid}，以用户 {user} 身份）",
  "plain.table": "  内核套接字表：",
  "plain.tableEmpty": "  内核套接字表：（没有套接字）",
  "plain.timeline": "时间线",
  "plain.finalTable": "结束时的内核套接字表",
  "plain.noSocketsLeft": "  （没有剩下的套接字）",
  "plain.ranAsDesigned": "演示按设计运行完毕。",
  "plain.notAsDesigned": "演示没有按设计运行：{reason}。",
  "plain.unknownReason": "原因不明",
  "plain.stopped": "演示已停止。",
  "plain.typed": "（输入）",
  "plain.linesNotKept": "| （{n} 行未保留）",
  "plain.callsNotKept": "  （更早的 {n} 个调用未保留）",
  "plain.mode": "（{mode, select, step {单步} slow {慢动作} other {自由运行}}模式）",
  "plain.headerWhere": "（{id}，{runtime}，{mode, select, step {单步} slow {慢动作} other {自由运行}}模式）",
  "plain.headerWhereAt": "（{id}，{runtime}，{where}，{mode, select, step {单步} slow {慢动作} other {自由运行}}模式）",
  "plain.socketAt": "套接字 {path}",
  "plain.portAt": "端口 {port}",
};
