// tcp-client: send MESSAGE, print the whole answer.
// The task, hints and checks: {{tutor}} start, then this exercise in the menu.
// Check it from this folder: {{tutor}} verify tcp-client tcp-client.mjs
import net from "node:net";

const HOST = process.env.HOST; // the checker's server listens here
const PORT = Number(process.env.PORT);
const MESSAGE = process.env.MESSAGE; // send exactly these bytes

// TODO: connect: net.connect(PORT, HOST, () => { /* connected: send MESSAGE */ })   (lesson 7, The client's calls)
// TODO: on "data": write each piece to stdout as it comes, as bytes: process.stdout.write(chunk)
//   (chunk is a Buffer; do not turn it into a string first: a piece may end in the middle of a character)
// TODO: on "error": print the error and set process.exitCode = 1
// The server closes the connection when it has sent everything; Node then exits by itself.
