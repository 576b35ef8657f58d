import type { kernel as en } from "../en/kernel.js";
import type { Translation } from "../translation.js";

export const kernel: Translation<typeof en> = {
  "kernel.ssFailed": "/proc/net（ss 失败：{error}）",
  "kernel.unknownBecause": "/proc/net 不显示这一项，而且{why}",
  "kernel.why.notAsked": "没有调用 ss",
  "kernel.why.notInstalled": "没有安装 ss",
  "kernel.why.failed": "ss 执行失败",
  "kernel.why.notListed": "ss 没有列出这个套接字",
  "kernel.notShownBy": "{source} 在这里不显示这一项",
  "kernel.windows": "Windows 上没有套接字表：socket-tutor 从 /proc/net（Linux）或 lsof（macOS）读取它",
  "kernel.noProcNet": "无法读取 /proc/net/\\{tcp,udp,unix\\}",
  "kernel.unreadable": "无法读取套接字表：{error}",
  "kernel.strace.notLinux": "系统调用视图需要 strace，它只能在 Linux 上运行（这里是 {platform}）",
  "kernel.strace.missing": "没有安装 strace（Debian/Ubuntu：apt install strace）",
  "kernel.strace.blocked": "strace 在这里无法跟踪：{why}",
  "kernel.strace.unavailable": "strace 不可用",
  "kernel.strace.noView": "没有系统调用视图：{why}。",
};
