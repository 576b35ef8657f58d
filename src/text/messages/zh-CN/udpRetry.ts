import type { udpRetry as en } from "../en/udpRetry.js";
import type { Translation } from "../translation.js";

export const udpRetry: Translation<typeof en> = {
  "udpRetry.label": "检查器的丢包 udp-kv 服务器",

  "udpRetry.check.sends": "向 HOST:PORT 发送第一个键的查询",
  "udpRetry.check.retries": "超时后重试：至少试 5 次，每次等待都比上一次长",
  "udpRetry.check.prints": "每个键按顺序打印一次 key=value（回复丢失、重复、迟到时也一样）",
  "udpRetry.check.exits": "最后一个键之后以状态 0 退出",

  "udpRetry.wrongFirst": "你的客户端发送的第一个数据报是 {got}，但第一个键是 {key}（KEYS={keys}）。每个键原样发送，一个请求一个数据报，不带行尾。",
  "udpRetry.exitedBefore": "你的程序在 {time}后{exit}，那时它还没有向 {where} 发送数据报。",
  "udpRetry.nothingSent": "{time}内没有数据报到达 {where}。把第一个键发到那里：sendto(key, (HOST, PORT))。",

  "udpRetry.lostRequest": "检查器丢掉了这个请求",
  "udpRetry.lostReply": "检查器丢掉了这个请求的回复",
  "udpRetry.gaveUp": "你的客户端只发送了一次请求 {key}；{what}，而你的客户端没有再发一次就{exit}。",
  "udpRetry.waitsForever": "你的客户端只发送了一次请求 {key}；{what}。接下来的 {time}内它什么也没发、什么也没打印：它还在等一个永远不会来的回复。",
  "udpRetry.help.timeout": "UDP 不会告诉你数据报丢了。等待时设一个超时（Python 里用 settimeout()，Node.js 里用定时器）；超时到了，就把同一个请求再发一次。",
  "udpRetry.help.retries": "对 UDP 来说丢包是正常的：超时到了就重发请求，放弃之前一共至少试 5 次。",
  "udpRetry.tooFewTries": "检查器丢掉了 {key} 的前 {dropped} 个请求。你的客户端发送了 {n} 次（两次尝试之间的等待：{gaps}），然后{state}。",
  "udpRetry.stillWaiting": "一直在等",
  "udpRetry.notGrowing": "你的客户端一次又一次地发送 {key}，但两次尝试之间的等待没有变长：{gaps}。",
  "udpRetry.tooBusyToJudge": "没有判定：两次尝试之间的等待是否变长。这台机器让检查器耽搁了 {ms} 毫秒，差不多和这些等待本身一样长；等机器不那么忙时再运行一次 verify。",
  "udpRetry.help.backoff": "每次超时后等得更久一些（加倍：100 毫秒、200 毫秒、400 毫秒……）：丢数据报的网络往往很忙，以固定频率重试只会让它一直忙下去。",

  "udpRetry.printedStale": "你的输出的第 {n} 行是 {line}，但应该是 {want}。",
  "udpRetry.nothingMore": "没有（每个键都已经打印过了）",
  "udpRetry.staleLate": "这是对更早一个 {key} 请求的回复：它来晚了，那时你的客户端已经在等 {next} 了。",
  "udpRetry.staleTwice": "这是 {key} 回复的第二份副本：检查器发了两次，而 UDP 可能把一个数据报投递两次。",
  "udpRetry.help.stale": "打印回复之前，先检查它是不是你所问的键的回复（以 key= 开头）；其他数据报一律丢掉，继续等待。",
  "udpRetry.printedWrong": "你的输出的第 {n} 行是 {line}，但应该是 {want}。",
  "udpRetry.help.print": "每个回复按收到的原样打印，每个键一行，按 KEYS 的顺序。",
  "udpRetry.missing": "你的客户端打印了 {total} 行中的 {printed} 行，都是对的；下一行应该是 {missing}。然后它{state}。",
  "udpRetry.stillRunning": "你的客户端打印完所有键之后还在运行：打印完最后一个键就退出。",
  "udpRetry.exited": "你的客户端{exit}；它应该在所有键都打印完后以状态 0 退出。",
};
