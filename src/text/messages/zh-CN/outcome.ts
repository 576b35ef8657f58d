import type { outcome as en } from "../en/outcome.js";
import type { Translation } from "../translation.js";

export const outcome: Translation<typeof en> = {
  "outcome.noOutput": "{process} 没有打印“{text}”",
  "outcome.unwantedOutput": "{process} 打印了“{text}”",
  "outcome.noCall": "{process} 的 {call}() 一次也没有成功返回",
  "outcome.noResult": "{process} 的 {call}() 没有一次返回“{result}”",
  "outcome.noErrno": "{process} 的 {call}() 一次也没有以 {errno} 失败",
  "outcome.tooFew": "{process} {n, plural, =0 {没有做这样的 {call}() 调用} other {只做了 # 次这样的 {call}() 调用}}，不是 {count} 次",
  "outcome.notBefore": "{process} 的 {call}() 没有在 {other} 的 {otherCall}() 之前返回",
  "outcome.interleaved": "{process} 同时服务了 {first} 和 {second}：它在两个连接上的 {call}() 调用交错进行",
  "outcome.reason": "{failure}{more, plural, =0 {} other {（还有 # 处）}}。课程说的是：{what}",
  "outcome.ranAsDesigned": "演示按设计运行：{what}",
  "outcome.kernel.syn": "{process} 的 connect() 在 SYN_SENT 状态下经历了 {seconds, plural, other {# 秒}}的暂停。内核的 SYN 重传定时器不随演示时钟停下：重试大约 2 分钟后，connect() 放弃。",
  "outcome.kernel.synLine": "你的暂停超过了内核的 SYN 重试（{process}）。",
  "outcome.kernel.timeWaitLine": "你的暂停超过了内核的 TIME_WAIT 定时器（60 秒）。",
  "outcome.kernel.timeWait": "连接关闭后，演示暂停了 {seconds, plural, other {# 秒}}，比 TIME_WAIT（Linux 上是 60 秒）还长。这是演示时钟停不住的内核定时器：重新开始之前，TIME_WAIT 条目已经消失了。",
};
