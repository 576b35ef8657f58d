/**
 * The udp-kv exercise's checks: a key-value store over UDP. An insert is `key=value`
 * (no reply); a retrieve is a key, answered with `key=value`. b'…' excerpts are data;
 * {time} is a duration; {from}, {server} are address:port.
 */
export const udpKv = {
  // The checker's clients: {letter} is A, B, C…
  "udpKv.client": "client {letter}",

  // Check names.
  "udpKv.check.binds": "starts and binds a UDP socket on HOST:PORT",
  "udpKv.check.unset": "answers a retrieve of a key never set with key=",
  "udpKv.check.insert": "an insert gets no reply; a retrieve from another client returns the latest value",
  "udpKv.check.firstEquals": "splits an insert at the first = (the value may hold =; key or value may be empty)",
  "udpKv.check.version": "version: a retrieve returns a text, an insert does not change it",
  "udpKv.check.big": "a 1000-byte insert is kept whole",
  "udpKv.check.seeded": "random keys and values from two clients (printable ASCII, spaces and = included)",

  // Completes "Your program exited with code 1 …".
  "udpKv.when.retrieve": "after receiving a retrieve",

  // What a client sent; the diagnoses below continue it as {sent}.
  "udpKv.sentRetrieve": "{client} sent the retrieve {bytes}",
  "udpKv.noReply": "{sent} and waited {time} for the reply: nothing came.",
  "udpKv.replyHow": "Answer a retrieve with sendto(reply, addr) on the same socket, where addr is the address recvfrom() returned with the request (in Node.js: socket.send(reply, rinfo.port, rinfo.address)).",
  "udpKv.wrongSource": "{sent}; the reply came from {from}, not from the server's address {server}.",
  "udpKv.sameSocket": "Reply from the socket that received the request.",
  "udpKv.wrongReply": "{sent}; the reply should be {expected}, but it is {got}.",
  // {requests} lists the last requests the checker sent, oldest first.
  "udpKv.after": "The requests so far: {requests}.",
  "udpKv.insertReplied": "{client} sent the insert {insert} and got a reply, {reply}. An insert gets no reply: only a retrieve (a request without =) is answered.",
  "udpKv.versionEmpty": "{client} sent the retrieve b'version' and got {got}. The reply must be version= followed by a text of your choice that is not empty.",
  "udpKv.extraByte": "The reply has one byte more at the end, {byte}. A datagram needs no line end: the reply is exactly key=value.",

  // Why a reply is wrong: the mistake whose model gives exactly this reply.
  "udpKv.why.lastSplit": "That is what a server gives that splits an insert at the LAST =. The key is everything before the FIRST = (in Python: key, _, value = text.partition('='); in JavaScript: text.indexOf('=')), and the value may hold more = signs.",
  "udpKv.why.versionWritable": "The insert to version changed it. The key version is read-only: ignore every insert to it.",
  "udpKv.why.trims": "That is what a server gives that strips the spaces around keys or values (strip(), trim()). Spaces are part of the key and of the value: keep every byte.",
  "udpKv.why.smallBuffer": "That is what a server gives that reads only the first {n} bytes of each request: recvfrom({n}) returns at most {n} bytes of a datagram, and the kernel throws the rest away. Requests can be 1000 bytes long: use recvfrom(65535).",
} as const;
