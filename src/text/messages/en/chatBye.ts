/**
 * The chat-bye exercise's checks: a chat server with line framing; one client (the
 * checker) stays connected through all checks. b'…' excerpts are data (\n in them is
 * a newline byte; in a message it is written \\n). {time} is a duration.
 */
export const chatBye = {
  // The checker's client, in the live view.
  "chatBye.label": "the client",

  // Check names.
  "chatBye.check.lines": "answers two lines, in whatever pieces they arrive",
  "chatBye.check.split": "answers a line that arrives in two pieces, and only once it is whole",
  "chatBye.check.crlf": "answers a line that ends in \\r\\n, without the \\r",
  "chatBye.check.bye": "answers bye with bye, then closes the connection",
  "chatBye.check.exit": "exits with status 0 after bye",
  "chatBye.check.leaves": "exits with status 0 when the client leaves without bye",

  // {sent} is one of chatBye.sent.*, which complete "The client …".
  "chatBye.clientSent": "The client {sent}.",
  // {bytes} is what was sent; {pieces} how it was cut (stream.plan.*).
  "chatBye.sent.onePiece": "sent {bytes} in one piece",
  "chatBye.sent.pieces": "sent {bytes} {pieces}",
  "chatBye.sent.split": "sent b'spl', paused until your server had read it, then sent b'it\\n'",
  // {sent} is one of the above; this is a whole sentence.
  "chatBye.sent.leaving": "The client {sent}, read its echo, and closed the connection without saying bye.",
  // {expected} and {got} are excerpts; {end} says how the read ended ("then the connection closed").
  "chatBye.gotNothing": "It waited {time} for {expected} and got nothing.",
  "chatBye.gotNothingThen": "It waited {time} for {expected} and got nothing ({end}).",
  "chatBye.gotOther": "Expected {expected}, got {got} ({end}).",
  "chatBye.gotOtherComplete": "Expected {expected}, got {got}.",

  "chatBye.help.wholeRecv": "Your server answered the whole recv() as if it were one line. One recv() can return several lines at once: split what arrives at each \\n, answer every complete line, and keep the rest for the next recv().",
  "chatBye.early": "The client sent b'spl' (no newline yet) and paused; your server already answered {got}.",
  "chatBye.help.early": "A line is complete only when its \\n arrives. Keep the bytes received so far in a buffer, and answer when the newline comes (the rest of this line, b'it\\n', was about to be sent).",
  // {line} is the wrong answer, as an excerpt.
  "chatBye.help.pieceAnswered": "Your server answered a piece as if it were a line ({line}): a line is complete only when its \\n arrives. Keep what arrives in a buffer, and answer each complete line.",
  "chatBye.help.lostStart": "Your server answered {line}: the start of that line, which came in an earlier piece, was lost. Keep partial lines in a buffer between recv() calls.",
  "chatBye.help.crKept": "Your server kept the \\r: a line ends at \\n, and a \\r just before it belongs to the line end (b'hi\\r\\n' is the line b'hi'). Drop it before answering.",
  "chatBye.help.lostPiece": "Your server answered only the second piece: the first one (b'spl') was lost. Keep partial lines in a buffer between recv() calls.",

  "chatBye.byeStaysOpen": "The client sent b'bye\\n' and got b'bye\\n', but the connection stayed open for {time}: after answering bye, close the connection.",
  "chatBye.byeWrong": "The client {sent}; expected b'bye\\n' and then the connection closing; got {got}, {end}.",
  "chatBye.help.byePieces": "bye arrived in pieces: compare whole lines (collected up to their \\n) with b'bye', not each recv() with b'bye\\n'.",
  "chatBye.help.byeEchoed": "Your server answered bye like any other line: compare the line (without its \\n) with b'bye' first.",

  "chatBye.stillRunning": "Your program was still running {time} after the client said bye. The chat ends on bye: close the connection and the listening socket, and exit with status 0 (Python: return from main or sys.exit(0); Node.js: server.close(), or process.exit(0)).",
  // {exit} completes "Your program …" ("exited with code 1").
  "chatBye.exitStatus": "Your program {exit}, not with status 0.",
  "chatBye.leftStillRunning": "{time} later your program was still running. recv() returning b'' means the client has left: the chat is over. Close the connection and the listening socket, and exit with status 0.",
  // {exit} completes "Your program …".
  "chatBye.leftExitStatus": "Then your program {exit}, not with status 0: a client that leaves ends the chat normally.",
} as const;
