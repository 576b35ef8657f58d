/**
 * The proxy exercise's checks: the learner writes a TCP relay; the checker is the
 * clients and the upstream server. b'…' excerpts are data; {time} is a duration;
 * {upstream} is address:port; sizes like {up} are "512 KiB".
 */
export const proxy = {
  // The checker's connections: "client 1", and the upstream server.
  "proxy.client": "client {n}",
  "proxy.upstream": "the checker's upstream server",

  // Check names.
  "proxy.check.starts": "starts and listens on HOST:PORT",
  "proxy.check.bothWays": "relays a request to the upstream and its answer back, byte for byte",
  "proxy.check.speaksFirst": "relays an upstream that speaks first",
  "proxy.check.halfClose": "passes the client's EOF on as a half-close, then relays the answer",
  "proxy.check.big": "1 MiB each way at the same time",
  "proxy.check.many": "10 clients at once, each with its own upstream connection within 2 s",
  "proxy.check.refused": "closes the client's connection when the upstream refuses",

  // These complete "Your program exited with code 1 …".
  "proxy.when.connected": "after a client connected",
  "proxy.when.refused": "after its connection to the upstream was refused",

  // {direction} in the messages below.
  "proxy.dir.toUpstream": "from the client to the upstream",
  "proxy.dir.toClient": "from the upstream to the client",

  "proxy.noUpstream": "{label} connected to your proxy, but no connection reached the upstream {upstream} within {time}.",
  "proxy.help.connect": "For each client your proxy accepts, connect to UPSTREAM_HOST:UPSTREAM_PORT (read both from the environment) and relay between the two connections.",
  // {end} completes the sentence: "then the connection closed", "then nothing for 2 s".
  "proxy.notRelayed": "The checker sent {n} bytes {direction}, {sent}; {got} of them came out, {end}.",
  "proxy.help.blockedSend": "A blocking send() or sendall() inside a select() loop does this too: while it waits for one side to take bytes, nothing moves the other way. Keep the unsent bytes of each direction and send them when select() reports the socket writable, or use one thread per direction.",
  "proxy.help.oneDirection": "Your proxy seems to relay one direction at a time: it waits for one side while the other side's bytes wait for it. Relay both directions at once: two threads (one per direction), select() on both sockets, or in Node.js client.pipe(upstream) and upstream.pipe(client).",
  "proxy.greeting": "The upstream sent its greeting as soon as your proxy connected, before the client had sent anything.",
  "proxy.noFin": "The client sent its request and then shut down its side (EOF). The upstream got the request, but no EOF within {time}: it cannot know the request is complete.",
  "proxy.noFinBack": "The upstream sent its answer and then shut down its side; the client got the answer, but no EOF within {time}.",
  "proxy.help.shutdown": "When recv() on one connection returns b'' (EOF), call shutdown(SHUT_WR) on the other connection (in Node.js: end()), and keep relaying the other direction.",
  "proxy.closedBoth": "After the client's EOF the upstream answered, but the client got {got} of its {n} bytes, {end}.",
  "proxy.help.oneSide": "Your proxy closed both directions when the client's side ended. EOF ends one direction only: pass it on with shutdown(SHUT_WR) (Node.js: end()) and keep relaying the other way until it ends too; then close both.",
  "proxy.big.stopped": "Both ends sent 1 MiB at the same time, each at most {window} ahead of what it had received. Nothing moved for {time}: the upstream had received {up} of {total}, the client {down} of {total}.",
  // {buffer} is a size (64 KiB): the TCP buffers of every socket in this run's private network.
  "proxy.big.stoppedSmall": "Both ends sent 1 MiB at the same time, through small socket buffers ({buffer} each), and the upstream read only once it had sent all of its own, as a simple server does. Nothing moved for {time}: the upstream had received {up} of {total}, the client {down} of {total}.",
  "proxy.big.corrupt": "The bytes {direction} are not the bytes sent:",
  // {end} is how a connection ended: eof, reset.
  "proxy.big.ended": "A connection ended before the exchange was done ({end}).",
  "proxy.fewUpstream": "10 clients connected to your proxy at once; within {time}, {n} of {total} connections reached the upstream {upstream}.",
  "proxy.help.oneAtATime": "Your proxy serves one client at a time: the others wait until it is done. Serve each client on its own (a thread per client, or select() over all the sockets; Node.js does this for you).",
  "proxy.help.some": "Connect to the upstream as soon as you accept each client, not after the earlier clients are done.",
  "proxy.mixed": "Each of 10 clients sent its own line; the upstream connections got {got}. Each client's bytes must go to its own upstream connection.",
  "proxy.wrongAnswer": "Client {n} got {got}, not the answer its upstream connection sent.",
  "proxy.diedOnRefused": "A client connected while nothing listened on the upstream's port: your proxy's connect() was refused, and your proxy ended. One failed connection must not end the server: handle the error for that client only.",
  "proxy.refusedOpen": "A client connected while nothing listened on the upstream's port, so your proxy's connect() was refused; the client's connection was still open after {time}. Close the client's connection when the upstream cannot be reached.",
} as const;
