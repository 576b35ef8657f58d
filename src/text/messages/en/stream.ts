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

  "stream.resetWhy": "A reset (RST) is what the kernel sends when a program closes a socket that still has unread bytes waiting in its receive buffer: your program closed the connection before reading everything the client sent.",
  "stream.echo.nothing": "{label}: {sent}, waited {time} for the echo, got nothing.",
  // {cpu} is a sentence saying the program spins (check.cpu.spinning).
  "stream.echo.spinning": "{cpu} Probably a loop that does not stop when recv() returns b'' (the client closed).",
  "stream.echo.noAnswer": "The connection was accepted by the kernel, but your program did not send anything back: is it calling accept() and then recv()/send() on the new socket?",
  "stream.echo.closedNoEcho": "{label}: {sent}; the connection closed without any echo.",
  "stream.echo.resetNoEcho": "{label}: {sent}; the connection was reset ({code}) without any echo.",
  // {end} is one of stream.end.*.
  "stream.echo.prefix": "{label}: {sent}; got {got} of {expected, plural, one {# byte} other {# bytes}} back, {end}.",
  "stream.echo.singleRecv": "Your server probably calls recv() once per connection. A stream socket is a byte stream: one recv() returns whatever has arrived so far, not the whole message. Loop: recv, send it all back, until recv returns b''.",
  "stream.echo.stoppedSending": "Your server stopped sending: is it still reading? (A server that sends without reading can block when the client's buffers fill.)",
  // Where the bytes differ follows on the next lines.
  "stream.echo.different": "{label}: {sent}; the echo is different from what was sent:",
  "stream.echo.noClose": "{label}: {sent}; got the whole echo back, but your program did not close the connection within {time} after the client closed its side.",
  "stream.echo.noCloseHelp": "When recv() returns b'' the client has finished: close that connection (and go back to accept()).",
  "stream.echo.late": "{label}: {sent}, waited {time} for the echo, got nothing; after the client closed its side, {n, plural, one {# byte} other {# bytes}} came back: {bytes}.",
  "stream.echo.lateHelp": "An echo server sends back what it receives as it arrives: loop recv() then sendall() on each piece, rather than collecting everything until the client closes.",
} as const;
