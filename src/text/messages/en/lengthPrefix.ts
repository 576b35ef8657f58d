/**
 * The length-prefix exercise's checks: messages framed by a 4-byte big-endian length.
 * b'…' excerpts are data. {message} is lengthPrefix.message ("message 2 (0 bytes)");
 * {end} says how a read ended ("then the connection closed"); {time} is a duration.
 */
export const lengthPrefix = {
  "lengthPrefix.label.client": "The client",
  "lengthPrefix.label.big": "The big client",
  "lengthPrefix.label.clientOf": "client {i} of {n}",

  // Check names.
  "lengthPrefix.check.pieces": "replies to four messages sent together, in whatever pieces they arrive",
  "lengthPrefix.check.big": "replies to a 1 MiB message, drops a partial one at the end, then closes",
  "lengthPrefix.check.tooLong": "closes on a length above 1 048 576, after replying to the earlier message",
  "lengthPrefix.check.atOnce": "serves 5 clients at the same time",

  // Names one message of those sent: "message 2 (0 bytes)".
  "lengthPrefix.message": "message {n} ({size, plural, one {# byte} other {# bytes}})",
  // {how} completes "sent …" (stream.sent.*): "sent 334 bytes in 7 pieces …".
  "lengthPrefix.sent": "{label} sent {n} messages with payloads of {sizes} bytes, each after its 4-byte length: it {how}.",
  "lengthPrefix.sentBig": "{label} sent one message of 1 048 576 bytes (the largest allowed), then the first 7 bytes of another (a length of 10 and 3 bytes), then closed its side: it {how}.",
  "lengthPrefix.sentTooLong": "{label} sent a message, then the length {limit} (one above the limit) and some bytes: it {how}.",

  "lengthPrefix.noneRight": "No correct reply came back.",
  "lengthPrefix.someRight": "The replies to {k, plural, one {the first message} other {the first # messages}} of {n} were right.",
  // {bytes} is what came after every expected reply.
  "lengthPrefix.extra": "All {n} replies were right, but then more came: {bytes}. Send exactly one reply per message.",
  "lengthPrefix.replyLittleEndian": "The reply to {message} starts with {bytes}: that is the length {n} written little-endian (lowest byte first). Read as big-endian, as the protocol says, it means {be}.",
  "lengthPrefix.help.byteOrder": "The protocol uses network byte order, which is big-endian: the most significant byte first. In Python use struct.pack(\"!I\", n) and struct.unpack(\"!I\", header) (\"I\" alone uses your machine's order, little-endian on most PCs); in Node use readUInt32BE and writeUInt32BE; in C use htonl() and ntohl().",
  "lengthPrefix.reversedText": "The reply to {message} reverses its characters, not its bytes: your program decoded the bytes as text first. A multi-byte character reversed byte by byte is no longer text, and that is what the protocol asks for.",
  "lengthPrefix.help.bytes": "Treat the payload as bytes: reverse the bytes themselves (payload[::-1] on bytes in Python, Buffer.from(payload).reverse() in Node). Do not decode it.",
  "lengthPrefix.partReply": "The reply to {message} has only {got} bytes: your server replied to the part of the message that one recv() returned.",
  // {says} is the length the reply's own prefix announces; {n} the right one.
  "lengthPrefix.replyLength": "The reply to {message} announces {says} bytes, but that message had {n}.",
  "lengthPrefix.replyCut": "The reply to {message} has the right length, but only {got} of its {n} bytes came, {end}.",
  "lengthPrefix.wrongReply": "The reply to {message} is wrong: expected {expected}, got {got}.",
  // Follows lengthPrefix.nothingFor, after it.
  "lengthPrefix.partialFrame": " Only the start of a reply came: {bytes}.",
  "lengthPrefix.nothingFor": "No reply came for {message}, {end}.",
  "lengthPrefix.glued": "Messages {prev} and {next} arrived together, in piece {piece}: one recv() read the end of one and the start of the next. Your server replied to the first and lost the rest of what that recv() returned.",
  "lengthPrefix.headerSplit": "The 4-byte length of {message} arrived in pieces: one recv() returned fewer than 4 bytes of it.",
  "lengthPrefix.help.recvExactly": "One recv() returns whatever has arrived: part of a message, or several. Read exactly 4 bytes for the length, then exactly that many bytes for the payload (a recv_exactly() loop), and keep any bytes left over for the next message.",
  "lengthPrefix.maybeLittleEndian": "Its length prefix was {bytes}, that is {n} read big-endian. Read little-endian it is {le}: a server that reads the length in the wrong byte order waits for {le} bytes, or closes because that is over the limit.",

  "lengthPrefix.noClose": "The reply to the big message was right, but the connection stayed open for {time} after the client closed its side.",
  "lengthPrefix.help.eof": "When recv() returns b'' (Node: the 'end' event), the client has finished: reply to every complete message, drop a partial one, and close the connection.",
  "lengthPrefix.repliedPartial": "The reply to the big message was right, but then your server replied to the partial message as well: {bytes}.",
  "lengthPrefix.help.partial": "A message is complete only when all the bytes its length announces have arrived. At the end of the stream, drop the bytes of a message that is not complete.",

  "lengthPrefix.tooLongOpen": "The reply to the first message was right, but then the connection stayed open for {time}: your server is probably waiting for all {n} bytes.",
  "lengthPrefix.help.limit": "Check the length before reading the payload: above 1 048 576, close the connection without a reply. A server that believes any length can be made to wait, or to use gigabytes of memory, by one bad client.",
  "lengthPrefix.tooLongNoReply": "Your server sent nothing back, {end}: the reply to the first message, which was within the limit, is missing.",
  "lengthPrefix.help.repliesFirst": "Reply to each message as soon as it is complete, before you look at the next one: the first message was valid and needs its reply even though the next one is too long.",
  "lengthPrefix.tooLongReplied": "The reply to the first message was right, but then your server replied to the message that is too long: {bytes}.",
} as const;
