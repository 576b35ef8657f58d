import type { trace as en } from "../en/trace.js";
import type { Translation } from "../translation.js";

export const trace: Translation<typeof en> = {
  "trace.title": "跟踪 {file}",
  "trace.summary": "你的程序运行在它自己的私有网络里：每个套接字调用、内核的套接字表和数据包都看得见。如果它在监听，右边的内置客户端会连接它：按 i 输入一行就能发过去。",
  "trace.noFile": "没有文件 {file}。",
  "trace.notAFile": "{file} 不是文件。",
  "trace.tooBig": "{file} 大于 1 MiB：请给出程序的源文件。",
  "trace.noTracer": "socket-tutor 能逐个调用地跟踪 Python（.py）和 JavaScript（.js、.mjs、.cjs）程序；{file} 两者都不是。别的程序可以用 strace 看它的系统调用：strace -f -e trace=%network {file}",
  "trace.usage.which": "跟踪哪个程序？例如：{example}",
  "trace.usage.badPort": "--port 需要 1 到 65535 之间的端口号，不是 {value}。",
  "trace.noSandboxPort": "这次运行和本机共用网络：内置客户端会连接它找到的第一个监听套接字。要确保连对，用 --port N 给出程序的端口。",
};
