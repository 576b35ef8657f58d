/**
 * The udp-upper exercise's checks: datagrams in, upper-cased datagrams out, each to its
 * sender. The checker is several UDP clients on their own ports. {time} is a duration;
 * b'…' excerpts are data; {from}, {server} are address:port.
 */
export const udpUpper = {
  // The checker's clients: {letter} is A, B, C…
  "udpUpper.client": "client {letter}",

  // Check names.
  "udpUpper.check.binds": "starts and binds a UDP socket on HOST:PORT",
  "udpUpper.check.upper": "answers a datagram with the same bytes in upper case",
  "udpUpper.check.senders": "replies to each sender's own address (two clients on different ports)",
  "udpUpper.check.boundaries": "keeps datagram boundaries: 3 datagrams sent back to back get 3 replies",
  "udpUpper.check.big": "a 1400-byte datagram comes back whole",
  "udpUpper.check.onlyLetters": "changes only the ASCII letters a-z (every other byte comes back as it was)",

  // These complete "Your program exited with code 1 …".
  "udpUpper.when.first": "after receiving the first datagram",
  "udpUpper.when.big": "after receiving a 1400-byte datagram",
  "udpUpper.when.nonAscii": "after receiving a datagram with non-ASCII bytes",

  "udpUpper.replyHow": "Answer with sendto(reply, addr) on the same socket, where addr is the address recvfrom() returned with this datagram (in Node.js: socket.send(reply, rinfo.port, rinfo.address)).",
  // What a client sent; the diagnoses below continue it as {sent}.
  "udpUpper.sent": "{client} sent a {n}-byte datagram {bytes} from {from}",
  "udpUpper.sentFromPort": "{client} sent {bytes} from port {port}",
  "udpUpper.noReply": "{sent}, waited {time} for the reply, got nothing.",
  "udpUpper.otherAddress": "A reply sent to any other address never reaches the client.",
  "udpUpper.wrongSource": "{sent}; the reply came from {from}, not from the server's address {server}.",
  "udpUpper.help.sameSocket": "Reply from the socket that received the datagram: a client that connect()s its UDP socket only accepts datagrams from the address it sent to.",
  // Where the bytes differ follows on the next lines.
  "udpUpper.notUpper": "{sent}; the reply is not the same bytes in ASCII upper case:",
  "udpUpper.truncated": "Only the first {n, plural, one {# byte} other {# bytes}} came back: the receive buffer was smaller than the datagram. recvfrom({n}) returns at most {n, plural, one {# byte} other {# bytes}} of a datagram, and the kernel discards the rest (unlike TCP, nothing is kept for the next call). Use a buffer of 65535 bytes.",
  "udpUpper.merged": "One reply held more than this datagram: answer each datagram on its own, with one sendto() per recvfrom(); UDP keeps the boundaries for you.",
  "udpUpper.onlyLetters": "Change only the bytes a–z (0x61–0x7a) to A–Z; every other byte must come back unchanged. Work on the bytes, not on decoded text: 'é'.upper() is 'É', a different byte, and some bytes are not valid text at all.",

  // Two clients at once; {b} and {c} are their ports.
  "udpUpper.twoClients": "Two clients on different ports ({b} and {c}) each sent one datagram.",
  "udpUpper.crossed": "{client} (port {port}) received the reply meant for the other client: your program sends replies to one remembered address instead of each datagram's sender.",
  "udpUpper.noReplyFor": "{client} (port {port}) sent {bytes} and got no reply within {time}.",

  // {sent} and {replies} are excerpts joined by ", ".
  "udpUpper.boundaries": "{client} sent 3 datagrams back to back: {sent}; within {time} it got {n, plural, =0 {0 replies} one {# reply: {replies}} other {# replies: {replies}}}.",
  "udpUpper.help.boundaries": "UDP keeps message boundaries: each recvfrom() returns exactly one datagram, and each deserves exactly one reply (sent back with one sendto()).",
} as const;
