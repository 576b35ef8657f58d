import type { atOnce as en } from "../en/atOnce.js";
import type { Translation } from "../translation.js";

export const atOnce: Translation<typeof en> = {
  "atOnce.when.connected": "在 {n, plural, other {# 个客户端}}连接之后",
  "atOnce.answered": "{n} 个客户端中有 {good} 个收到了答复。",
  "atOnce.someWaiting": "{n} 个客户端同时连接，各自发出了请求。{time}后，{good} 个收到了正确的答复；{waiting, plural, other {客户端 {which} 没有收到}}。",
  "atOnce.someWrong": "{n} 个客户端同时连接，各自（分片）发出了请求。{good} 个收到了正确的答复；{wrong, plural, other {客户端 {which} 收到了错误的答复}}：前面的检查说明了原因。",
  "atOnce.oneAtATime": "你的服务器大概一次只服务一个客户端：其他客户端已经连上了，但在第一个客户端离开之前，没人读它们的请求。每个客户端用一个线程，或者用 selectors、asyncio、Node 的事件（第 11 课）。",
};
