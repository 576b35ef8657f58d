import type { clock as en } from "../en/clock.js";
import type { Translation } from "../translation.js";

export const clock: Translation<typeof en> = {
  "clock.ms": "{n} 毫秒",
  "clock.seconds": "{n} 秒",
  "clock.took": "用时 {real}",
  "clock.tookDemo": "用时 {real}，演示时钟上 {demo}",
  "clock.plainStep": "调用等你按 Enter 时，演示时钟（demo clock）是停着的：程序里的 sleep、超时和时钟都看不到时间流逝。调用的“用时”先是真实时间，再是演示时钟上的时间。内核自己的定时器（SYN 重试、TIME_WAIT）不会停。",
  "clock.runAgain": "{text} 再运行一次：{command}",
  "clock.pressR": "{text} 按 R 再运行一次。",
  "clock.paneTook": "{real}",
  "clock.paneTookDemo": "{real} · 演示 {demo}",
  "clock.help": "调用后面的时间是它真实用了多久；“演示”是它在演示时钟上的时间。只要有调用在等你按键，演示时钟就停着。程序里的 sleep、超时和时钟都跟着演示时钟走，所以你按自己的节奏阅读，程序看到的一切都不会变。内核自己的定时器（SYN 重试、TIME_WAIT）不会停：如果一次长时间的暂停改变了其中某个定时器的结果，界面会告诉你。",
  "clock.note.synRetries": "在这次运行的私有网络里，内核每秒重试一次 SYN，持续 2 分钟（调大了 net.ipv4.tcp_syn_retries 和 tcp_syn_linear_timeouts），所以在队列外等待的客户端即使暂停很久，也还能连进来。",
};
