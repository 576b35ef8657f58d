import type { trace as en } from "../en/trace.js";
import type { Translation } from "../translation.js";

export const trace: Translation<typeof en> = {
  "trace.title": "跟踪 {file}",
  "trace.summary": "你的程序运行在它自己的私有网络里：每个套接字调用、内核的套接字表和数据包都看得见。如果它在监听，右边的内置客户端会连接它：按 i 输入一行就能发过去。",
  "trace.summaryShared": "你的程序运行在本机的网络上（这里没有私有网络）：每个套接字调用和内核的套接字表都看得见；只有在私有网络里才能抓到数据包。如果它在监听，右边的内置客户端会连接它：按 i 输入一行就能发过去。",
  "trace.noFile": "没有文件 {file}。",
  "trace.notAFile": "{file} 不是文件。",
  "trace.tooBig": "{file} 大于 1 MiB：请给出程序的源文件。",
  "trace.noStrace": "{file} 不是 Python 或 JavaScript 程序：socket-tutor 用 strace 显示这类程序的套接字调用，而 strace 在这里无法运行：{why}。请安装 strace，或者跟踪一个 Python 或 JavaScript 程序。{command} 会检查这台机器。",
  "trace.runOnly": "在 strace 下运行：无法在调用之前停住它（只能运行，不能单步）。",
  "trace.noStep.say": "这个程序在 strace 下运行，strace 无法在调用之前停住它：它自由运行，不能单步。",
  "trace.noStep.help": "这个程序在 strace 下运行，strace 无法在调用之前停住它：单步键在这里不起作用。它的调用会在发生时显示。",
  "trace.strace.read": "在套接字上的 read(2)：等同于不带标志的 recv()",
  "trace.strace.write": "在套接字上的 write(2)：等同于不带标志的 send()",
  "trace.strace.readv": "在套接字上的 readv(2)：把数据 recv() 到几个缓冲区里",
  "trace.strace.writev": "在套接字上的 writev(2)：把几个缓冲区 send() 出去",
  "trace.usage.which": "跟踪哪个程序？例如：{example}",
  "trace.usage.badPort": "--port 需要 1 到 65535 之间的端口号，不是 {value}。",
  "trace.noSandboxPort": "这次运行和本机共用网络：内置客户端会连接它找到的第一个监听套接字。要确保连对，用 --port N 给出程序的端口。",
};
