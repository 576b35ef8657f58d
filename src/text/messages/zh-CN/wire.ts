import type { wire as en } from "../en/wire.js";
import type { Translation } from "../translation.js";

export const wire: Translation<typeof en> = {
  "wire.unavailable.noSandbox": "无法显示数据包：这里的运行没有私有网络（{why}）。抓包在私有网络中进行；在允许非特权 user 命名空间的 Linux 上，这不需要 root。",
  "wire.unavailable.sharedNetwork": "这个演示无法显示数据包：它运行在这台机器自己的环回接口上（其中的程序必须以普通用户身份面对内核），在那里抓包需要 root。",
  "wire.unavailable.noPython": "无法显示数据包：抓包需要 Python 3.8 或更新版本（{why}）。安装 python3 就能看到它们。",
  "wire.unavailable.failed": "无法显示数据包：抓包无法在这次运行的私有网络中启动（{why}）。",
  "wire.unavailable.ended": "抓包停止了（{why}）：之后的数据包不再显示。",
  "wire.capture.timeout": "它在 {seconds} 秒内没有回应",
  "wire.capture.exited": "它以状态 {code} 退出",
  "wire.ends": "{from} → {to}",
  "wire.tcp.seq": "seq {seq}",
  "wire.tcp.ack": "ack {ack}",
  "wire.tcp.win": "win {win}",
  "wire.tcp.mss": "mss {mss}",
  "wire.data": "{n, plural, other {# 字节}} {preview}",
  "wire.retransmission": "（重传）",
  "wire.retransmissionAfter": "（重传，距上次 {seconds} 秒）",
  "wire.udp": "UDP",
  "wire.icmp.portUnreachable": "ICMP 端口不可达：UDP 数据报 {from} → {to} 在那里没有找到套接字",
  "wire.icmp.unreachable": "ICMP 目标不可达（代码 {code}），{from} → {to}",
  "wire.icmp.other": "ICMP 类型 {type} 代码 {code}",
  "wire.other": "IP 协议 {proto}，{size}",
  "wire.label.retransmission": "{label}（重传）",
  "wire.gap.budget": "{n, plural, other {# 个数据包}}（{size} 数据）没有逐个显示：每秒太多，没人读得过来",
  "wire.gap.kernel": "{n, plural, other {# 个数据包}}在抓包读取之前就被内核丢弃了",
  "wire.notKept": "（{n, plural, other {更早的 # 个数据包}}未保留）",
};
