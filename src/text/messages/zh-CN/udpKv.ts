import type { udpKv as en } from "../en/udpKv.js";
import type { Translation } from "../translation.js";

export const udpKv: Translation<typeof en> = {
  "udpKv.client": "客户端 {letter}",

  "udpKv.check.binds": "启动并在 HOST:PORT 上绑定一个 UDP 套接字",
  "udpKv.check.unset": "查询一个从未设置的键时，回答 key=",
  "udpKv.check.insert": "插入没有回复；另一个客户端查询时返回最新的值",
  "udpKv.check.firstEquals": "在第一个 = 处切分插入请求（值里可以有 =；键或值可以为空）",
  "udpKv.check.version": "version：查询返回一段文本，插入不会改变它",
  "udpKv.check.big": "1000 字节的插入完整保存",
  "udpKv.check.seeded": "两个客户端发来的随机键和值（可打印 ASCII，包括空格和 =）",

  "udpKv.when.retrieve": "在收到一个查询请求之后",

  "udpKv.sentRetrieve": "{client}发送了查询 {bytes}",
  "udpKv.noReply": "{sent}，等了 {time}回复：什么也没来。",
  "udpKv.replyHow": "回答查询要在同一个套接字上用 sendto(reply, addr)，addr 是 recvfrom() 随请求一起返回的地址（Node.js 里：socket.send(reply, rinfo.port, rinfo.address)）。",
  "udpKv.wrongSource": "{sent}；回复来自 {from}，而不是服务器的地址 {server}。",
  "udpKv.sameSocket": "从收到请求的那个套接字回复。",
  "udpKv.wrongReply": "{sent}；回复应该是 {expected}，实际是 {got}。",
  "udpKv.after": "到目前为止的请求：{requests}。",
  "udpKv.insertReplied": "{client}发送了插入 {insert}，收到了回复 {reply}。插入没有回复：只回答查询（不含 = 的请求）。",
  "udpKv.versionEmpty": "{client}发送了查询 b'version'，收到了 {got}。回复必须是 version= 后面跟一段你自己选的、不为空的文本。",
  "udpKv.extraByte": "回复末尾多了一个字节 {byte}。数据报不需要行尾：回复就是 key=value。",

  "udpKv.why.lastSplit": "在最后一个 = 处切分插入请求的服务器，给出的正是这个结果。键是第一个 = 之前的全部内容（Python：key, _, value = text.partition('=')；JavaScript：text.indexOf('=')），值里可以有更多的 =。",
  "udpKv.why.versionWritable": "对 version 的插入改变了它。键 version 是只读的：忽略所有对它的插入。",
  "udpKv.why.trims": "去掉键或值两边空格（strip()、trim()）的服务器，给出的正是这个结果。空格是键和值的一部分：每个字节都要保留。",
  "udpKv.why.smallBuffer": "每个请求只读前 {n} 个字节的服务器，给出的正是这个结果：recvfrom({n}) 最多返回一个数据报的 {n} 个字节，其余的被内核丢掉了。请求可以有 1000 字节长：用 recvfrom(65535)。",
};
