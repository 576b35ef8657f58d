import type { chatRoom as en } from "../en/chatRoom.js";
import type { Translation } from "../translation.js";

export const chatRoom: Translation<typeof en> = {
  "chatRoom.label.newcomer": "一个新成员",

  "chatRoom.check.join": "欢迎新成员，记下名字，列出房间里有谁，并告诉其他人",
  "chatRoom.check.badNames": "拒绝已被占用、或不是 1 到 16 个字母和数字的名字：先发一行错误，再关闭",
  "chatRoom.check.lines": "把每一行发给其他每个成员，绝不发回给发送者，无论它分成怎样的片到达",
  "chatRoom.check.ten": "同时容纳 10 个成员",
  "chatRoom.check.leave": "成员离开或复位连接时告诉其他人，然后继续运行",
  "chatRoom.check.slow": "一个不再读数据的成员不会拖住其他人",

  "chatRoom.event.joined": "{name} 连接上，收到欢迎语，发送了它的名字：它{how}。",
  "chatRoom.event.said": "{name} {how}。",
  "chatRoom.event.left": "{name} 关闭了它的连接。",
  "chatRoom.event.reset": "{name} 复位了它的连接（RST），就像崩溃的客户端那样。",
  "chatRoom.event.refused": "名字被拒绝之后，房间里的成员不应该听到任何关于它们的消息。",

  "chatRoom.noWelcome": "{name} 连接上后等待 {expected}；它收到的是 {got}（{end}）。",
  "chatRoom.gotNothing": "{name} 应该收到 {expected}，却什么也没收到（{end}）。",
  "chatRoom.gotOther": "{name} 应该收到 {expected}；它收到的是 {got}。",
  "chatRoom.echoed": "然后你的服务器把 {name} 自己的行发回给了它：{got}。",
  "chatRoom.help.notSender": "一行要发给其他每个成员，绝不发回给发送它的成员。向房间转发时跳过发送者。",
  "chatRoom.help.glued": "一次 recv() 读到了 {name} 的两行，你的服务器把它们当作一条消息转发了：只有第一行带上了 [{name}] 前缀。在每个 \\n 处切分收到的数据，每一行单独转发。",
  "chatRoom.help.piece": "你的服务器把 {name} 的一行中的一片当成整行转发了（这一行分成 {pieces} 片到达）。给每个成员留一个缓冲区，一行的 \\n 到达之后才转发它。",

  "chatRoom.sentName": "一个新成员收到欢迎语后发送了名字 {name}，这个名字不允许：{why}。",
  "chatRoom.why.taken": "房间里已经有成员用了它",
  "chatRoom.why.space": "它含有空格",
  "chatRoom.why.dash": "它含有一个既不是字母也不是数字的字符",
  "chatRoom.why.long": "它有 17 个字符，超过了 16 个",
  "chatRoom.noError": "你的服务器回答了 {got}（{end}）：对不允许的名字，回答应该是以 error 开头的一行。",
  "chatRoom.errorNoClose": "错误行来了，但连接在 {time}内一直开着：发出错误行之后，要关闭连接。",
  "chatRoom.help.names": "名字是 1 到 16 个字符，每个字符是 A-Z、a-z 或 0-9，而且不能和房间里已有成员的名字相同（区分大小写：Ann 和 ann 是两个名字）。否则发一行以 error 开头的消息，然后关闭这个连接；它永远不会加入房间。",

  "chatRoom.slow.context": "{slow} 不再读数据。然后 {talker} 发送了 {n} 行（{size}），{listener} 和 {slow} 都应该收到。",
  "chatRoom.slow.stalled": "{listener} 只收到了 {n} 行中的 {got} 行，然后 {time}内什么也没有。",
  "chatRoom.slow.listenerDropped": "{listener} 只收到了 {n} 行中的 {got} 行，然后你的服务器关闭了它的连接。",
  "chatRoom.slow.droppedReader": "{listener} 一直在读（发言者领先它从没超过 128 行）：只能踢掉不读数据的成员，也就是待发送数据超过上限（至少 64 KiB）的成员。",
  "chatRoom.slow.blocked": "你的服务器大概正阻塞在发给 {slow} 的 send() 里，而它的缓冲区已经满了：一个不读数据的成员拖住了整个房间。不要用阻塞的 send() 挨个给成员发送（更不要在持有其他成员需要的锁时这样做）。给每个成员一个自己的输出缓冲区，在它的套接字可写时再从缓冲区发送（select/selectors、asyncio，或 Node 的 write() 和 'drain'），缓冲区超过上限（至少 64 KiB）的成员就踢掉，并告诉其他人它离开了。",
  "chatRoom.slow.keptLost": "你的服务器把 {slow} 留在了房间里，但它重新开始读时只收到了 {n} 行中的 {got} 行。留下的成员必须按顺序收到每一行。",
};
