/**
 * The exercise checker's shared words: the harness, readiness (is the learner's server
 * listening?), the diagnoses every exercise uses, byte excerpts and sizes, the lessons a
 * failure points to, and the results of the checker's own socket calls in the live view.
 * "Your program" is always the learner's program. b'…' is a Python bytes literal: data,
 * shown as is. Call names (recv(), bind()), constants (AF_INET, SOCK_STREAM), environment
 * variables (HOST, PORT, SOCKET_PATH, MESSAGE) and errno names (ECONNRESET) stay as they are.
 */
export const check = {
  // Durations: {n} is already rounded ("850", "2.5").
  "check.time.ms": "{n} ms",
  "check.time.s": "{n} s",

  // Bytes and sizes. {shown} is a b'…' excerpt.
  "check.bytes.nothing": "b'' (nothing)",
  "check.bytes.cut": "{shown}… ({n, plural, one {# byte} other {# bytes}})",
  // An exact size with the round size a learner would say: "262144 bytes (256 KiB)".
  "check.size.kib": "{n, plural, one {# byte ({kib} KiB)} other {# bytes ({kib} KiB)}}",
  // How received bytes differ from the expected ones. {expected} and {got} are sizes ("1400 bytes"), {bytes} an excerpt.
  "check.diff.identical": "identical",
  "check.diff.missing": "got the first {got} of {expected} (everything up to there was right); missing from byte {at} on: {bytes}",
  "check.diff.extra": "got all {expected} expected, then {more, plural, one {# byte} other {# bytes}} more: {bytes}",
  "check.diff.differs": "got {got}, expected {expected}; first difference at byte {at}:",
  // The two words in front of two excerpts, one above the other (padded to the same width).
  "check.diff.expectedWord": "expected",
  "check.diff.gotWord": "got",
  "check.diff.replacement": "(0xef 0xbf 0xbd is U+FFFD, the replacement character: your program turned the bytes into text and back; echo the bytes as they are)",

  // How the learner's program ended. These complete "Your program …".
  "check.exit.killed": "was killed by {signal}",
  "check.exit.code": "exited with code {code}",
  // {exit} is one of the two above; {when} completes the sentence, e.g. "during this check".
  "check.exit.story": "Your program {exit} {when}.",
  // Completes "Your program exited with code 1 …".
  "check.when.duringCheck": "during this check",

  // The last lines of the program's stderr follow these headings.
  "check.stderr.none": "It printed nothing on stderr.",
  "check.stderr.heading": "Its stderr:",
  "check.stderr.headingLast": "Its stderr (last {n} lines):",

  // What a known error in the program's stderr usually means. {see} points to a lesson ("see lesson 3, …").
  "check.crash.notSetUnix": "{name} is not set for this exercise: it uses SOCKET_PATH (a Unix socket), not HOST and PORT.",
  "check.crash.notSet": "{name} is not set for this exercise: this exercise does not use it.",
  "check.crash.inUse": "The address is already in use: another program holds that port (an earlier run of yours still going?). Bind PORT from the environment: the checker picks a free one.",
  "check.crash.family": "The socket's address family does not match the address: an AF_INET socket takes IPv4 addresses like 127.0.0.1, AF_INET6 takes IPv6 ones like ::1 ({see}).",
  "check.crash.notLocal": "That address does not belong to this machine: bind HOST, which the checker sets to a loopback address.",
  "check.crash.refused": "Connection refused: nothing listens where your program connected. Connect to HOST and PORT from the environment ({see}).",
  "check.crash.input": "Your program read from its input: the checker gives it none (stdin is empty). Take everything from the environment instead.",
  "check.crash.unicode": "The bytes were not valid UTF-8 text: work with bytes, do not decode them (the checker sends any byte values).",
  "check.crash.eagain": "BlockingIOError (EAGAIN, 'Resource temporarily unavailable'): a non-blocking socket's send buffer was full, because a client reads slowly. sendall() cannot wait on a non-blocking socket: keep the unsent bytes and send() them when select() reports the socket writable ({see}).",
  "check.crash.reset": "The peer closed or reset the connection and your program did not expect it: a server must survive one client going away ({see}).",
  "check.cpu.spinning": "It used {used} s of CPU in {wall} s, and it is running rather than waiting: it is spinning in a loop.",

  // The harness.
  "check.deadline": "This check did not finish within {time} and was stopped.",
  "check.cancelled": "cancelled",
  "check.setupFailed": "the checker could not set up {exercise} on this machine: {error}",
  // A check that did not run, and why.
  "check.notRun": "not run: {reason}",
  "check.stop.earlierFailed": "an earlier check failed",
  "check.stop.exitedEarlier": "your program {exit} during an earlier check",
  // A failed run on a slow machine: {factor} is like "2.5".
  "check.slow.forced": "SOCKET_TUTOR_TIME_SCALE is {value}, so every check waited {factor} times as long as usual before giving up.",
  "check.slow.busy": "This machine is busy (load {load} on {cpus} CPUs), so every check waited {factor} times as long as usual before giving up.",
  // The first check of a server exercise; {address} is HOST:PORT or SOCKET_PATH.
  "check.name.startsListening": "starts and listens on {address}",
  // The learner's program could not be started at all (shown as if it printed it).
  "check.program.couldNotStart": "socket-tutor: could not start {command}: {error}",
  "check.program.notFound": "command not found",
  // The end of a long output line that was cut.
  "check.output.moreBytes": "… ({n, plural, one {# more byte} other {# more bytes}})",

  // The lesson a failure points to: "see lesson 8, The chat: recv returns part of a message".
  "check.see": "see {lesson}",
  "check.lessonRef": "lesson {order}, {title}",
  "check.lessonRefTopic": "{lesson}: {topic}",
  // Lesson titles, used when the lesson's own file cannot be read (the lesson's title wins otherwise).
  "check.lessonTitle.whatIsASocket": "What a socket is",
  "check.lessonTitle.addressing": "Addressing a process",
  "check.lessonTitle.addressFamilies": "Address families",
  "check.lessonTitle.socketTypes": "Socket types",
  "check.lessonTitle.serverCalls": "The server's calls",
  "check.lessonTitle.listenBacklog": "listen and the backlog",
  "check.lessonTitle.clientCalls": "The client's calls",
  "check.lessonTitle.chat": "The chat",
  "check.lessonTitle.udp": "UDP",
  "check.lessonTitle.closing": "Closing",
  "check.lessonTitle.manyClients": "Many clients",
  // The part of a lesson to read. Some are only call names: keep those as they are.
  "check.topic.serverCalls": "socket, bind, listen",
  "check.topic.udpServerCalls": "socket, bind, recvfrom",
  "check.topic.clientCalls": "socket, connect",
  "check.topic.acceptLoop": "accept in a loop",
  "check.topic.acceptNewSocket": "accept returns a new socket",
  "check.topic.recvPart": "recv returns part of a message",
  "check.topic.recvPartOrSeveral": "recv returns part of a message, or several at once",
  "check.topic.recvEof": "recv returns b'' when the peer has closed",
  "check.topic.eofRecv": "EOF: recv returns b''",
  "check.topic.recvLoop": "recv in a loop",
  "check.topic.sendall": "send and sendall",
  "check.topic.oneAtATime": "one at a time vs threads vs select",
  "check.topic.selectRules": "Three rules for a select server",
  "check.topic.recvfromSender": "recvfrom tells you who sent it",
  "check.topic.manyPeers": "one socket serving many peers",
  "check.topic.boundaries": "boundaries kept",

  // Sockets as the kernel lists them. {type} is stream, dgram or seqpacket.
  "check.socket.unix": "a Unix {type} socket{listening, select, yes { (listening)} other {}}",
  "check.socket.unixAt": "a Unix {type} socket at {path}{listening, select, yes { (listening)} other {}}",
  "check.socket.tcpListening": "TCP {local} (listening)",
  // {sockets} is a list of the above, joined by "; ".
  "check.sockets": "Its sockets: {sockets}.",

  // Is the server ready? {where} is the address the checker expects; {time} a duration.
  "check.ready.portHelp": "In Python: int(os.environ[\"PORT\"]); in JavaScript: Number(process.env.PORT).",
  "check.ready.exitedBeforeListening": "Your program {exit} after {time}, before it was listening on {where}.",
  "check.ready.exitedBeforeBound": "Your program {exit} after {time}, before it was bound on {where}.",
  "check.ready.endedCleanly": "It ended without an error: did it reach bind() and listen()? A server must keep running and serve clients in a loop.",
  "check.ready.nothingListening": "Nothing was listening on {where} after {time}; your program is still running.",
  "check.ready.nothingBound": "Nothing was bound on {where} after {time}; your program is still running.",
  "check.ready.noSocket": "It has no socket open at all: is it stuck before socket() and bind()?",
  "check.ready.busy": "It used {cpu} s of CPU: busy in a loop.",
  "check.ready.idle": "It is mostly idle: waiting for something (a sleep? reading input, which the checker does not give?).",
  "check.ready.likelyUnix": "Is it binding SOCKET_PATH from the environment, with an AF_UNIX SOCK_STREAM socket, and calling listen()?",
  // {portHelp} is check.ready.portHelp.
  "check.ready.likelyTcp": "Likely causes: it does not read PORT from the environment (so it listens on another port), or it listens on another address family than HOST (HOST is {host}). {portHelp}",
  "check.ready.likelyUdp": "Likely causes: it does not read PORT from the environment (so it listens on another port), or it listens on another address family than HOST ({host}). {portHelp}",
  "check.ready.everyInterface": "Your server binds {address} (every network interface), so other machines on your network can reach it too. It passes, but bind HOST (loopback) while you are learning.",
  // A passed first check: {socket} describes what the program bound.
  "check.ready.listeningAfter": "listening after {time}: {socket}",
  "check.ready.boundAfter": "bound after {time}: {socket}",

  // unix-echo: what is at SOCKET_PATH when it is not a socket. check.path.bindCreates follows each.
  "check.path.directory": "SOCKET_PATH ({path}) is a directory (a folder). Your program created it (os.makedirs? mkdir?), so there was nothing the checker could connect to.",
  "check.path.file": "SOCKET_PATH ({path}) is a regular file, not a socket. Your program created it, so there was nothing the checker could connect to.",
  "check.path.link": "SOCKET_PATH ({path}) is a symbolic link, not a socket. Your program created it, so there was nothing the checker could connect to.",
  "check.path.fifo": "SOCKET_PATH ({path}) is a named pipe (FIFO), not a socket. Your program created it, so there was nothing the checker could connect to.",
  "check.path.other": "SOCKET_PATH ({path}) is not a socket. Your program created it, so there was nothing the checker could connect to.",
  "check.path.bindCreates": "bind() creates the socket file itself: create nothing at that path, bind an AF_UNIX SOCK_STREAM socket to it and call listen() ({see}).",

  // What the program bound, compared with what the exercise asks for. {at} is an address:port.
  "check.bound.tcpNotUnix": "Your program is listening on TCP {at}, but this exercise needs an AF_UNIX stream socket bound to SOCKET_PATH ({path}). Create it with socket(AF_UNIX, SOCK_STREAM) and bind the path ({see}).",
  "check.bound.otherPath": "Your program bound a Unix socket at {bound}, but SOCKET_PATH is {path}: bind the path from the environment.",
  "check.bound.notStream": "Your program bound {path} as a {type} socket; this exercise needs SOCK_STREAM ({see}).",
  "check.bound.unixNotListening": "Your program bound {path} but has not called listen() on it.",
  "check.bound.otherPortTcp": "Your program is listening on {at}, but the checker asked for PORT={port}. Are you reading PORT from the environment? {portHelp}",
  "check.bound.otherPortUdp": "Your program is bound on {at}, but the checker asked for PORT={port}. Are you reading PORT from the environment? {portHelp}",
  // {family} and {hostFamily} are IPv4 or IPv6; check.bound.useInet or useInet6 follows.
  "check.bound.otherFamilyTcp": "Your program listens on {at} ({family}), but HOST is {host} ({hostFamily}).",
  "check.bound.otherFamilyUdp": "Your program is bound on {at} ({family}), but HOST is {host} ({hostFamily}).",
  "check.bound.useInet": "Bind HOST from the environment with an AF_INET socket ({see}).",
  "check.bound.useInet6": "An AF_INET socket only takes IPv4 addresses: create the socket with AF_INET6 and bind (HOST, PORT) ({see}).",
  "check.bound.otherHostTcp": "Your program listens on {at}, but HOST is {host}: bind HOST from the environment.",
  "check.bound.otherHostUdp": "Your program is bound on {at}, but HOST is {host}: bind HOST from the environment.",
  "check.bound.udpNotTcp": "Your program has a UDP socket bound to {at}, but this exercise needs a TCP server: SOCK_STREAM, then listen() and accept() ({see}).",
  "check.bound.tcpNotUdp": "Your program is listening on TCP {at}, but this exercise needs a UDP socket: SOCK_DGRAM, bind, then recvfrom/sendto — no listen() or accept() ({see}).",
  "check.bound.tcpNotListening": "Your program bound a TCP socket to {at} but has not called listen() on it ({see}).",
  // {proto} is TCP or UDP.
  "check.bound.connecting": "Your program is trying to connect to {at} (SYN_SENT): this exercise needs a {proto} server that waits for the checker.",
  "check.bound.unixNotInet": "Your program bound a Unix socket at {path}; this exercise needs {proto} on {where}.",

  // verify --live: the results of the checker's own calls, shown after "→" beside the call (recv(1024) → 5 bytes b'hello').
  "check.call.ok": "ok",
  "check.call.okPort": "ok, port {port}",
  "check.call.noAnswer": "no answer in time",
  "check.call.nothingWithin": "nothing within {ms} ms",
  "check.call.peer": "peer {address}",
  "check.call.finSent": "ok: FIN sent, still reading",
  // {data} is a b'…' excerpt; {code} an errno name.
  "check.call.bytes": "{n, plural, one {# byte} other {# bytes}} {data}",
  "check.call.bytesFrom": "{n, plural, one {# byte} other {# bytes}} {data} from {from}",
  "check.call.bytesThenError": "{n, plural, one {# byte} other {# bytes}}, then {code}",
  "check.call.bytesThenClosed": "{n, plural, one {# byte} other {# bytes}} {data}, then b'' (closed)",
  "check.call.bytesThenNothing": "{n, plural, one {# byte} other {# bytes}} {data}, then nothing more for a while",
  "check.call.closed": "0 bytes b'' (the peer closed its side)",
  // The arguments of recv() as the checker calls it: read until the end, or for a while.
  "check.call.untilEof": "until b''",
  "check.call.forMs": "for {ms} ms",
} as const;
