/**
 * The chat-room exercise's checks: a room of named members. {name}, {slow}, {talker} and
 * {listener} are member names (Ann, Bob…); b'…' excerpts are data; {end} says how a read
 * ended ("then the connection closed"); {how} completes "sent …" (stream.sent.*).
 */
export const chatRoom = {
  "chatRoom.label.newcomer": "a newcomer",

  // Check names.
  "chatRoom.check.join": "welcomes newcomers, takes their names, lists who is in the room and tells the others",
  "chatRoom.check.badNames": "refuses a name that is taken or not 1 to 16 letters and digits: an error line, then the close",
  "chatRoom.check.lines": "sends each line to every other member, never back to its sender, in whatever pieces it arrives",
  "chatRoom.check.ten": "holds 10 members at once",
  "chatRoom.check.leave": "tells the others when a member leaves or resets its connection, and goes on",
  "chatRoom.check.slow": "a member that stops reading does not hold up the others",

  // What just happened, the first line of a failure.
  "chatRoom.event.joined": "{name} connected, got the welcome, and sent its name: it {how}.",
  "chatRoom.event.said": "{name} {how}.",
  "chatRoom.event.left": "{name} closed its connection.",
  "chatRoom.event.reset": "{name} reset its connection (RST), as a client that crashes does.",
  "chatRoom.event.refused": "After the refused names, the members of the room should have heard nothing of them.",

  "chatRoom.noWelcome": "{name} connected and waited for {expected}; it got {got} ({end}).",
  "chatRoom.gotNothing": "{name} should have received {expected}, and got nothing ({end}).",
  "chatRoom.gotOther": "{name} should have received {expected}; it got {got}.",
  "chatRoom.echoed": "Then your server sent {name} its own line back: {got}.",
  "chatRoom.help.notSender": "A line goes to every other member, never back to the member who sent it. Skip the sender when you send it to the room.",
  "chatRoom.help.glued": "One recv() held two lines from {name}, and your server sent them on as one message: only the first got the [{name}] prefix. Split what arrives at each \\n and send every line on its own.",
  "chatRoom.help.piece": "Your server sent on a piece of {name}'s line as if it were the whole line (the line came in {pieces} pieces). Keep a buffer per member and send a line on only once its \\n has arrived.",

  // {why} is one of chatRoom.why.*.
  "chatRoom.sentName": "A newcomer got the welcome and sent the name {name}, which is not allowed: {why}.",
  "chatRoom.why.taken": "a member of the room has it already",
  "chatRoom.why.space": "it has a space",
  "chatRoom.why.dash": "it has a character that is not a letter or digit",
  "chatRoom.why.long": "it has 17 characters, more than 16",
  "chatRoom.noError": "Your server answered {got} ({end}): the answer to a name that is not allowed is a line that starts with error.",
  "chatRoom.errorNoClose": "The error line came, but the connection stayed open for {time}: after the error line, close the connection.",
  "chatRoom.help.names": "A name is 1 to 16 characters, each A-Z, a-z or 0-9, and no member of the room may have it already (names are case-sensitive: Ann and ann are two names). Otherwise send a line starting with error and close that connection; it never joins the room.",

  "chatRoom.slow.context": "{slow} stopped reading. Then {talker} sent {n} lines ({size}), which {listener} and {slow} should get.",
  "chatRoom.slow.stalled": "{listener} got only {got} of the {n} lines, then nothing for {time}.",
  "chatRoom.slow.listenerDropped": "{listener} got only {got} of the {n} lines, then your server closed its connection.",
  "chatRoom.slow.droppedReader": "{listener} was reading all the time (the talker never got more than 128 lines ahead of it): drop only a member that does not read, one whose pending output passes a limit of at least 64 KiB.",
  "chatRoom.slow.blocked": "Your server is probably waiting in send() to {slow}, whose buffers are full: one member that does not read holds up the whole room. Do not send to members one after another with a blocking send (and never while holding a lock the other members need). Give each member its own output buffer, send from it when its socket is writable (select/selectors, asyncio, or Node's write() and 'drain'), and drop a member whose buffer grows past a limit (at least 64 KiB), telling the others that it left.",
  "chatRoom.slow.keptLost": "Your server kept {slow} in the room, but when it read again it got only {got} of the {n} lines. A member that is kept must get every line, in order.",
} as const;
