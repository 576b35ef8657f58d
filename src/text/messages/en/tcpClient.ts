/**
 * The tcp-client exercise's checks: roles reversed, the checker is the server. It reads
 * MESSAGE, answers in pieces (cut by the run's seeds, even inside a character), and closes; the learner's client
 * must print the whole answer and exit 0. {time} is a duration; {size} and {printed} are
 * sizes ("162 bytes"); b'…' excerpts are data.
 */
export const tcpClient = {
  // The checker's server, in the live view.
  "tcpClient.label": "checker's server",

  // Check names.
  "tcpClient.check.connects": "connects to HOST:PORT",
  "tcpClient.check.sends": "sends MESSAGE",
  "tcpClient.check.reads": "reads the whole answer, in whatever pieces it comes, and prints it",
  "tcpClient.check.exits": "exits with status 0",

  "tcpClient.connectedAfter": "connected after {time}",
  // {exit} completes "Your program …" ("exited with code 1").
  "tcpClient.exitedBefore": "Your program {exit} after {time} without connecting to {where}.",
  "tcpClient.noConnection": "No connection to {where} within {time}; your program is still running.",
  "tcpClient.useEnv": "Connect to HOST and PORT from the environment: int(os.environ[\"PORT\"]) in Python, Number(process.env.PORT) in JavaScript.",
  "tcpClient.noSocket": "It has no socket open: is it stuck before connect()?",

  "tcpClient.message": "MESSAGE is {bytes} ({size}).",
  "tcpClient.sentNothing": "Your client connected, but the server waited {time} for MESSAGE and got nothing. Send MESSAGE right after connecting: this server answers only once it has all of it.",
  // {end} is how the connection ended: eof, reset or error.
  "tcpClient.closedWithoutSending": "Your client connected and then closed the connection ({end}) without sending anything.",
  "tcpClient.partialThenNothing": "The server got only the first {got} of its {size} (then nothing for {time}). send() may send only part of a buffer: use sendall() (Python); socket.write() in Node.js sends it all.",
  "tcpClient.partialThenClosed": "The server got only the first {got} of its {size} (then the connection closed). send() may send only part of a buffer: use sendall() (Python); socket.write() in Node.js sends it all.",
  // Where the bytes differ follows on the next lines.
  "tcpClient.differentBytes": "The server got different bytes:",
  // Completes "Your program exited with code 1 …".
  "tcpClient.when.serverClosed": "after the server closed the connection",
  "tcpClient.when.answer": "while the server sent its answer",

  "tcpClient.closedEarly": "(Your client closed the connection before the last piece, so the rest was not sent.)",
  "tcpClient.sentMore": "After MESSAGE your client also sent {bytes} ({n, plural, one {# byte} other {# bytes}}). This server ignores it, but a server that reads exactly one message would take it as the start of the next one.",
  "tcpClient.stillRunning": "The server sent its whole answer and closed the connection; {time} later your program was still running (it printed {printed}).",
  "tcpClient.help.eof": "recv() returns b'' (an empty result) when the server has closed: that is the end of the answer. Leave the loop there, close the socket and exit.",
  // {how} says how it was cut (stream.plan.*): "in 3 pieces of 60, 2 and 150 bytes (each sent once your program had read the one before)".
  "tcpClient.answerSent": "The server sent {size} {how}. Then it closed the connection. Your program printed {printed}.",
  "tcpClient.printedNothing": "It printed nothing on stdout. Print everything received, as bytes (Python: sys.stdout.buffer.write(data); Node.js: process.stdout.write(data)).",
  "tcpClient.firstPieces": "{k, plural, one {It printed only the first piece} other {It printed only the first # pieces}} of the {n}: your client stopped reading too early (one recv()?). One recv() returns what has arrived so far; the rest came later.",
  // {char} is the character itself, {bytes} its bytes (b'\xc3\xa9').
  "tcpClient.decodeFailed": "Piece {piece} ended inside the {n}-byte character {char} ({bytes}), and your program decoded each piece as text by itself: half a character is not valid UTF-8, so decode() raised UnicodeDecodeError.",
  "tcpClient.replaced": "Piece {piece} ended inside the {n}-byte character {char} ({bytes}), and your program turned each piece into text by itself: half a character cannot be decoded, so it became U+FFFD (the replacement character).",
  "tcpClient.help.bytes": "Print the bytes as they come, without decoding them: sys.stdout.buffer.write(piece) in Python; in Node.js process.stdout.write(chunk) with the Buffer itself.",
  "tcpClient.help.loop": "Loop: recv, print, until recv returns b'' (the server closed).",
  "tcpClient.extraNewlines": "The text is right, but with extra line breaks where the pieces arrived: print() adds a newline after each piece. Write the bytes as they come (sys.stdout.buffer.write in Python; process.stdout.write in Node.js).",
  "tcpClient.truncated": "(Your program printed more than 1 MiB; only the first MiB was compared.)",

  "tcpClient.stillRunningAtEnd": "Your program is still running.",
  "tcpClient.exited": "Your program {exit}.",
} as const;
