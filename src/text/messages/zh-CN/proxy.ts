import type { proxy as en } from "../en/proxy.js";
import type { Translation } from "../translation.js";

export const proxy: Translation<typeof en> = {
  "proxy.client": "客户端 {n}",
  "proxy.upstream": "检查器的上游服务器",

  "proxy.check.starts": "启动并在 HOST:PORT 上监听",
  "proxy.check.bothWays": "把请求转发给上游，再把它的答复逐字节转发回来",
  "proxy.check.speaksFirst": "转发一个先开口说话的上游",
  "proxy.check.halfClose": "把客户端的 EOF 作为半关闭（half-close）传下去，再转发答复",
  "proxy.check.big": "两个方向同时各传 1 MiB",
  "proxy.check.many": "同时 10 个客户端，每个都在 2 秒内有自己的上游连接",
  "proxy.check.refused": "上游拒绝连接时，关闭客户端的连接",

  "proxy.when.connected": "在一个客户端连接之后",
  "proxy.when.refused": "在它到上游的连接被拒绝之后",

  "proxy.dir.toUpstream": "从客户端到上游",
  "proxy.dir.toClient": "从上游到客户端",

  "proxy.noUpstream": "{label} 连接上了你的代理，但 {time}内没有连接到达上游 {upstream}。",
  "proxy.help.connect": "代理每接受一个客户端，就连接 UPSTREAM_HOST:UPSTREAM_PORT（两者都从环境变量读取），然后在两个连接之间转发。",
  "proxy.notRelayed": "检查器{direction}发送了 {n} 字节，{sent}；其中 {got} 字节到达了，{end}。",
  "proxy.help.blockedSend": "在 select() 循环里用阻塞的 send() 或 sendall() 也会这样：它在等一边收下字节时，另一个方向什么都不动。为每个方向保留没发完的字节，等 select() 报告套接字可写时再发，或者每个方向用一个线程。",
  "proxy.help.oneDirection": "你的代理似乎一次只转发一个方向：它在等一边，而另一边的字节在等它。两个方向要同时转发：两个线程（每个方向一个），对两个套接字用 select()，或者在 Node.js 里用 client.pipe(upstream) 和 upstream.pipe(client)。",
  "proxy.greeting": "你的代理一连上，上游就发出了它的问候语，那时客户端还什么都没发。",
  "proxy.noFin": "客户端发送了请求，然后关闭了自己这一侧（EOF）。上游收到了请求，但 {time}内没有收到 EOF：它无法知道请求已经完整。",
  "proxy.noFinBack": "上游发送了答复，然后关闭了自己这一侧；客户端收到了答复，但 {time}内没有收到 EOF。",
  "proxy.help.shutdown": "一个连接上的 recv() 返回 b''（EOF）时，对另一个连接调用 shutdown(SHUT_WR)（Node.js 里是 end()），另一个方向继续转发。",
  "proxy.closedBoth": "客户端发出 EOF 后，上游作了答复，但客户端只收到了 {n} 字节中的 {got} 字节，{end}。",
  "proxy.help.oneSide": "客户端这一侧结束时，你的代理把两个方向都关了。EOF 只结束一个方向：用 shutdown(SHUT_WR)（Node.js：end()）把它传下去，另一个方向继续转发，直到它也结束；然后两个都关闭。",
  "proxy.big.stopped": "两端同时各发送 1 MiB，每端最多比自己收到的多发 {window}。{time}内什么都没动：上游收到了 {total} 中的 {up}，客户端收到了 {total} 中的 {down}。",
  "proxy.big.stoppedSmall": "两端同时各发送 1 MiB，经过很小的套接字缓冲区（每个 {buffer}），而且上游像简单的服务器那样，先把自己的字节全部发完才开始读。{time}内什么都没动：上游收到了 {total} 中的 {up}，客户端收到了 {total} 中的 {down}。",
  "proxy.big.corrupt": "{direction}的字节和发送的字节不一样：",
  "proxy.big.ended": "交换完成之前，有一个连接结束了（{end}）。",
  "proxy.fewUpstream": "10 个客户端同时连接你的代理；{time}内，{total} 个连接中有 {n} 个到达了上游 {upstream}。",
  "proxy.help.oneAtATime": "你的代理一次只服务一个客户端：其他客户端要等它服务完。每个客户端单独服务（每个客户端一个线程，或者对所有套接字用 select()；Node.js 会替你做到这一点）。",
  "proxy.help.some": "每接受一个客户端就马上连接上游，不要等前面的客户端服务完。",
  "proxy.mixed": "10 个客户端各自发送了自己的一行；上游连接收到的是 {got}。每个客户端的字节必须发到它自己的上游连接。",
  "proxy.wrongAnswer": "客户端 {n} 收到了 {got}，不是它的上游连接发送的答复。",
  "proxy.diedOnRefused": "一个客户端连接时，上游的端口上没有人在监听：你的代理的 connect() 被拒绝，然后你的代理结束了。一个连接失败不能让服务器结束：只为那个客户端处理这个错误。",
  "proxy.refusedOpen": "一个客户端连接时，上游的端口上没有人在监听，所以你的代理的 connect() 被拒绝了；{time}后客户端的连接还开着。上游连不上时，关闭客户端的连接。",
};
