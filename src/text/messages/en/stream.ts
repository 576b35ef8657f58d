/**
 * The checker's talk with a stream server (TCP or Unix), shared by the echo exercises
 * and chat-bye: connecting, and explaining a short, broken or missing echo.
 * {label} names the checker's client ("client 1", "big client"); {sent} says what it
 * sent (stream.sent.*); {time} is a duration; b'…' excerpts are data.
 */
export const stream = {
  // Why a check did not run (after "not run: ").
  "stream.notRunning": "your program is no longer running",
  "stream.notStarted": "your program was not started",
  // These complete "Your program exited with code 1 …".
  "stream.when.connected": "when the checker connected",
  "stream.when.exchange": "during this exchange",

  // The story of the program's exit follows on the next line.
  "stream.connect.failed": "{label}: could not connect to {where} ({error}).",
  "stream.connect.backlog": "{label}: connecting to {where} took more than {time}: the listen backlog is full, so your program has stopped calling accept().",
  "stream.connect.closed": "{label}: could not connect to {where} ({error}) although your program is still running: did it close its listening socket?",

  // How a read ended: these complete a sentence ("got 5 of 10 bytes back, then the connection closed").
  "stream.end.closed": "then the connection closed",
  "stream.end.reset": "then the connection was reset ({code})",
  "stream.end.failed": "then the connection failed ({code})",
  "stream.end.nothing": "then nothing more for {time}",

  // What the checker sent; these complete "client 1: …". {amount} is stream.sent.amount or a size.
  "stream.sent.amount": "{n, plural, one {# byte} other {# bytes}} {bytes}",
  "stream.sent.plain": "sent {amount}",
  "stream.sent.closed": "sent {amount} and closed its side",
  "stream.sent.failed": "sent {amount} (sending failed: {code})",
  // The program closed the connection after reading k pieces: the checker did not send the rest.
  "stream.sent.stopped": "was sending {amount}, but your program closed the connection after reading {k, plural, one {the first piece} other {the first # pieces}}, so the rest was not sent",
  // {amount} as above, {pieces} one of stream.plan.*: "5 bytes b'hello' in 2 pieces: b'he', b'llo'".
  "stream.sent.inPieces": "{amount} {pieces}",

  // How the checker cut what it sent into pieces (each piece is one write); these complete "sent 12 bytes …".
  "stream.plan.one": "in one piece",
  "stream.plan.list": "in {n} pieces: {pieces}",
  // {sizes} is a list of numbers: "1, 1, 1, 131072".
  "stream.plan.sizes": "in {n} pieces of {sizes} bytes",
  // Follows a list of pieces, after a comma.
  "stream.plan.paced": "each sent once your program had read the one before",
  // A list of pieces, then how they were paced ("in 3 pieces: …, each sent once your program had read the one before").
  "stream.plan.withPaced": "{list}, {paced}",
  // Follows the above, after a semicolon. {char} is the character itself, {bytes} its bytes (b'\xc3\xa9').
  "stream.plan.charCut": "piece {piece} ends inside the {n}-byte character {char} ({bytes})",

  "stream.resetWhy": "A reset (RST) is what the kernel sends when a program closes a socket that still has unread bytes waiting in its receive buffer: your program closed the connection before reading everything the client sent.",
  "stream.echo.nothing": "{label}: {sent}, waited {time} for the echo, got nothing.",
  // {cpu} is a sentence saying the program spins (check.cpu.spinning).
  "stream.echo.spinning": "{cpu} Probably a loop that does not stop when recv() returns b'' (the client closed).",
  "stream.echo.noAnswer": "The connection was accepted by the kernel, but your program did not send anything back: is it calling accept() and then recv()/send() on the new socket?",
  "stream.echo.closedNoEcho": "{label}: {sent}; the connection closed without any echo.",
  "stream.echo.resetNoEcho": "{label}: {sent}; the connection was reset ({code}) without any echo.",
  // {end} is one of stream.end.*.
  "stream.echo.prefix": "{label}: {sent}; got {got} of {expected, plural, one {# byte} other {# bytes}} back, {end}.",
  // The next line says why.
  "stream.echo.closedAfterFirst": "{label}: the echo of the first message came back, and the client stayed connected to send another, but your server had already closed the connection.",
  // {sent} says what the client sent this time.
  "stream.echo.closedAfterFirstSent": "{label}: the echo of the first message came back, and the client stayed connected; then it {sent}, and the connection ended: your server had closed it.",
  "stream.echo.firstPieces": "{k, plural, one {Your server sent back only the first piece} other {Your server sent back only the first # pieces}} of the {n}, as if that were the whole message, and then closed the connection.",
  "stream.echo.wholeMessage": "One recv() returns whatever has arrived so far: part of a message, or several at once. Loop: recv, send it all back, until recv returns b''.",
  "stream.echo.stoppedReading": "The connection ended while the client was still sending: your server stopped reading partway (after {got} bytes had come back) and closed. Keep calling recv() until it returns b''.",
  // {missing} is a number of bytes, {time} a duration.
  "stream.echo.closedOnEnd": "The client had sent everything and closed its side; {time} later your server closed the connection as well, with the last {missing, plural, one {# byte} other {# bytes}} never sent back. It closed in an orderly way (a FIN, not a reset), so it had read everything: it closed as soon as it saw the client's end, before it had sent back all it had read.",
  "stream.echo.closedOnEndUntimed": "Your server closed the connection in an orderly way (a FIN, not a reset) after the client closed its side, with the last {missing, plural, one {# byte} other {# bytes}} never sent back: it closed as soon as it saw the client's end, before it had sent back all it had read.",
  "stream.echo.closedOnEndHelp": "When recv() returns b'', bytes you have read may still be on their way out (in your own buffer, in a pipe to another process, in another thread): send all of them first, then close.",
  "stream.echo.readButSilent": "It closed in an orderly way (a FIN, not a reset) once the client had closed its side, so it had read what the client sent, but it sent none of it back.",
  "stream.echo.splitChar": "Piece {piece} ended inside a multi-byte UTF-8 character, and your program turned each piece into text by itself: half a character cannot be decoded, so it became U+FFFD. Keep the bytes as bytes.",
  "stream.echo.singleRecv": "Your server probably calls recv() once per connection. A stream socket is a byte stream: one recv() returns whatever has arrived so far, not the whole message. Loop: recv, send it all back, until recv returns b''.",
  "stream.echo.stoppedSending": "Your server stopped sending: is it still reading? (A server that sends without reading can block when the client's buffers fill.)",
  // Where the bytes differ follows on the next lines.
  "stream.echo.different": "{label}: {sent}; the echo is different from what was sent:",
  "stream.echo.noClose": "{label}: {sent}; got the whole echo back, but your program did not close the connection within {time} after the client closed its side.",
  "stream.echo.noCloseHelp": "When recv() returns b'' the client has finished: close that connection (and go back to accept()).",
  "stream.echo.late": "{label}: {sent}, waited {time} for the echo, got nothing; after the client closed its side, {n, plural, one {# byte} other {# bytes}} came back: {bytes}.",
  "stream.echo.lateHelp": "An echo server sends back what it receives as it arrives: loop recv() then sendall() on each piece, rather than collecting everything until the client closes.",
} as const;
