/**
 * The echo exercises' checks (tcp-echo, ipv6-echo, unix-echo, concurrent-echo): one echo
 * server, reached four ways. Check names are short phrases listed after ✓ or ✗.
 */
export const echo = {
  "echo.noIpv6": "this machine has no IPv6 loopback address (::1 gives {error}), so {exercise} cannot run here. '{doctor}' checks what loopback offers.",

  // Check names.
  "echo.check.short": "echoes a short message while the client stays connected",
  "echo.check.next": "serves the next client, and the next (one after another)",
  // {size} is like "256 KiB".
  "echo.check.big": "echoes {size} byte for byte, then closes",
  "echo.check.silent": "keeps serving after a client connects and leaves without sending",
  "echo.check.many": "serves {n} clients at the same time",
  "echo.check.slowReader": "keeps serving others while a client is slow to read",

  // The checker's clients, named in the details and in the live view.
  "echo.label.client": "client {n}",
  "echo.label.clientOf": "client {i} of {n}",
  "echo.label.big": "big client",
  "echo.label.silent": "silent client",
  "echo.label.next": "next client",
  "echo.label.slow": "slow client",
  "echo.label.other": "other client {n}",

  // These complete "Your program exited with code 1 …".
  "echo.when.afterPrevious": "after serving the previous client",
  "echo.when.big": "while the checker sent {size}",
  "echo.when.clientConnected": "when a client connected",
  "echo.when.afterSilent": "after a client connected and left without sending",
  "echo.when.rightAfter": "right after that",
  "echo.when.connected": "while {n, plural, one {# client was} other {# clients were}} connected",
  "echo.when.slowFull": "while a client was not reading its echo",

  "echo.servedOne": "It served one client and ended: a server accepts clients in a loop (accept, serve, close, accept again).",
  // The story of the program's exit comes between these two.
  "echo.silent.left": "A client connected and closed without sending anything.",
  "echo.silent.help": "recv() returning b'' (an empty result) is how a server learns that the client has gone: end that client's loop there, close its socket, and keep the server running.",
  // What went wrong with the next client follows on the next line.
  "echo.silent.then": "A client connected and closed without sending anything. Then:",

  // concurrent-echo: ten clients at once. {which} lists the clients' numbers ("3, 4, 5").
  "echo.many.gotEcho": "{good} of {n} clients got their echo.",
  "echo.many.someWrong": "{n} clients connected and stayed connected; each sent one line. Within {time}, {good} of {n} got their echo; {waiting, plural, one {# client} other {# clients}} ({which}) got a wrong one or none.",
  "echo.many.someNothing": "{n} clients connected and stayed connected; each sent one line. Within {time}, {good} of {n} got their echo; {waiting, plural, one {# client} other {# clients}} ({which}) got nothing.",
  "echo.many.oneAtATime": "All of them could connect (the kernel completes connections into the listen backlog before accept() is called), but your program serves one client at a time: while it is busy with a client that is still connected, the others wait.",
  // concurrent-echo: a client that sends more than the buffers hold and does not read. {size} is like "5.3 MiB".
  "echo.slow.context": "A slow client sent {size} and did not read its echo, so the buffers between it and your server filled up.",
  "echo.slow.queues": "The kernel's table shows {sendQ} bytes in your server's Send-Q to the slow client (its send buffer is full) and {recvQ} bytes it has not read.",
  "echo.slow.blocked": "Your server is stuck sending to the slow client: a blocking send() or sendall() waits until that client reads, and in a single loop every other client waits with it. Make the sockets non-blocking and send only when select() reports a socket writable, keeping the unsent bytes until then; or serve each client in its own thread.",
  "echo.slow.fullBuffer": "When a client reads slowly its send buffer fills up. On a non-blocking socket send() then fails with EAGAIN (BlockingIOError in Python), and sendall() cannot wait: keep the unsent bytes, and send them when select() reports the socket writable (EVENT_WRITE).",
  // The slow client's echo, at the end; the next sentence follows on the same line.
  "echo.slow.readBack": "Then the slow client read, expecting all it had sent ({size}):",
  // Completes "slow client: …" in stream.echo.noClose.
  "echo.slow.sentAll": "sent everything and closed its side",
  // {end} is one of stream.end.*.
  "echo.slow.short": "it got {got} of {expected} bytes back, {end}.",
  "echo.slow.dropped": "Your server dropped this client's bytes (or the client) while its send buffer was full. A full buffer is not an error: on a non-blocking socket send() fails with EAGAIN (BlockingIOError), and the bytes must wait in your program until select() reports the socket writable.",
  "echo.many.howToServe": "Serve each client in its own thread, or multiplex them with selectors/asyncio (Python); in Node.js each connection gets its own 'data' events.",
} as const;
