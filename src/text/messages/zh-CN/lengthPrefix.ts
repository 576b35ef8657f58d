import type { lengthPrefix as en } from "../en/lengthPrefix.js";
import type { Translation } from "../translation.js";

export const lengthPrefix: Translation<typeof en> = {
  "lengthPrefix.label.client": "客户端",
  "lengthPrefix.label.big": "大数据客户端",
  "lengthPrefix.label.clientOf": "客户端 {i}/{n}",

  "lengthPrefix.check.pieces": "回复一起发来的四条消息，无论它们分成怎样的片到达",
  "lengthPrefix.check.big": "回复一条 1 MiB 的消息，丢掉末尾不完整的一条，然后关闭",
  "lengthPrefix.check.tooLong": "回复了前一条消息之后，遇到超过 1 048 576 的长度就关闭",
  "lengthPrefix.check.atOnce": "同时为 5 个客户端服务",

  "lengthPrefix.message": "消息 {n}（{size, plural, other {# 字节}}）",
  "lengthPrefix.sent": "{label}发送了 {n} 条消息，载荷分别是 {sizes} 字节，每条前面是它 4 字节的长度：它{how}。",
  "lengthPrefix.sentBig": "{label}发送了一条 1 048 576 字节的消息（允许的最大值），然后是另一条消息的前 7 个字节（长度 10 和 3 个字节），然后关闭了自己这一侧：它{how}。",
  "lengthPrefix.sentTooLong": "{label}发送了一条消息，然后是长度 {limit}（比上限大一）和一些字节：它{how}。",

  "lengthPrefix.noneRight": "没有收回一个正确的回复。",
  "lengthPrefix.someRight": "{n} 条消息中，{k, plural, other {前 # 条}}的回复是对的。",
  "lengthPrefix.extra": "{n} 个回复都对，但之后还有数据：{bytes}。每条消息只回复一次。",
  "lengthPrefix.replyLittleEndian": "{message} 的回复以 {bytes} 开头：这是按小端序（低字节在前）写的长度 {n}。按协议规定的大端序读，它表示 {be}。",
  "lengthPrefix.help.byteOrder": "协议使用网络字节序，也就是大端序（big-endian）：最高位字节在前。Python 里用 struct.pack(\"!I\", n) 和 struct.unpack(\"!I\", header)（单独的 \"I\" 用的是本机字节序，大多数 PC 上是小端序）；Node 里用 readUInt32BE 和 writeUInt32BE；C 里用 htonl() 和 ntohl()。",
  "lengthPrefix.reversedText": "{message} 的回复颠倒的是字符，而不是字节：你的程序先把字节解码成了文本。协议要求的是逐字节颠倒，而多字节字符逐字节颠倒后就不再是文本了。",
  "lengthPrefix.help.bytes": "把载荷当作字节：颠倒字节本身（Python 里对 bytes 用 payload[::-1]，Node 里用 Buffer.from(payload).reverse()）。不要解码。",
  "lengthPrefix.partReply": "{message} 的回复只有 {got} 字节：你的服务器回复的是一次 recv() 返回的那部分消息。",
  "lengthPrefix.replyLength": "{message} 的回复声明有 {says} 字节，但那条消息有 {n} 字节。",
  "lengthPrefix.replyCut": "{message} 的回复长度是对的，但 {n} 字节只来了 {got} 字节，{end}。",
  "lengthPrefix.wrongReply": "{message} 的回复不对：期望 {expected}，收到 {got}。",
  "lengthPrefix.partialFrame": "只来了一个回复的开头：{bytes}。",
  "lengthPrefix.nothingFor": "{message} 没有收到回复，{end}。",
  "lengthPrefix.glued": "消息 {prev} 和 {next} 一起到达，在第 {piece} 片里：一次 recv() 读到了一条的结尾和下一条的开头。你的服务器回复了第一条，丢掉了那次 recv() 返回的其余数据。",
  "lengthPrefix.headerSplit": "{message} 的 4 字节长度是分片到达的：一次 recv() 返回的少于 4 个字节。",
  "lengthPrefix.help.recvExactly": "一次 recv() 返回的是已经到达的数据：可能是一条消息的一部分，也可能是好几条。先恰好读 4 个字节作为长度，再恰好读这么多字节作为载荷（一个 recv_exactly() 循环），多出来的字节留给下一条消息。",
  "lengthPrefix.maybeLittleEndian": "它的长度前缀是 {bytes}，按大端序读是 {n}。按小端序读是 {le}：用错字节序读长度的服务器会等 {le} 个字节，或者因为超过上限而关闭连接。",

  "lengthPrefix.noClose": "大消息的回复是对的，但客户端关闭自己这一侧后，连接在 {time}内一直开着。",
  "lengthPrefix.help.eof": "recv() 返回 b''（Node：'end' 事件）时，客户端已经发完了：回复每一条完整的消息，丢掉不完整的那条，然后关闭连接。",
  "lengthPrefix.repliedPartial": "大消息的回复是对的，但之后你的服务器还回复了那条不完整的消息：{bytes}。",
  "lengthPrefix.help.partial": "只有长度声明的所有字节都到达了，一条消息才算完整。流结束时，丢掉不完整消息的字节。",

  "lengthPrefix.tooLongOpen": "第一条消息的回复是对的，但之后连接在 {time}内一直开着：你的服务器大概在等全部 {n} 个字节。",
  "lengthPrefix.help.limit": "读载荷之前先检查长度：超过 1 048 576 就关闭连接，不回复。相信任何长度的服务器，一个坏客户端就能让它一直等，或者占用好几 GB 内存。",
  "lengthPrefix.tooLongNoReply": "你的服务器什么也没发回来，{end}：第一条消息没有超过上限，它的回复却没有来。",
  "lengthPrefix.help.repliesFirst": "每条消息一完整就回复，再去看下一条：第一条消息是有效的，即使下一条太长，它也需要回复。",
  "lengthPrefix.tooLongReplied": "第一条消息的回复是对的，但之后你的服务器还回复了那条过长的消息：{bytes}。",
};
