/**
 * A traced call's result in the learner's language. The tracers (Python, Node) run
 * inside the learner's process and write their results in English ("ok, all 7 bytes
 * sent", "5 bytes b'hello' from ('127.0.0.1', 5000)"); the engine keeps that text as
 * it came (demos' focus rules match it), and the views say it through the catalog.
 * Only the tracers' own phrasings are recognised, anchored; the data inside them
 * (b'…' excerpts, addresses) is passed through untouched, and anything else is shown
 * as it is.
 */
import { t, type MessageKey } from "../text/catalog.js";

type NoteKey = Extract<MessageKey, `demo.note.${string}`>;

type Rule = [RegExp, (m: RegExpExecArray) => string];

/**
 * "5 bytes b'hello'" (Python's _data, Node's showData): a count and the bytes as a
 * literal, whole (its quotes matched, escapes skipped: the bytes may hold " from "),
 * then "..." when cut.
 */
const DATA = String.raw`(\d+) bytes? (b'(?:[^'\\]|\\.)*'(?:\.\.\.)?|b"(?:[^"\\]|\\.)*"(?:\.\.\.)?)`;

const num = (s: string | undefined): number => Number(s);

const RULES: readonly Rule[] = [
  [/^ok$/, () => t("demo.result.ok")],
  [/^ok, all (\d+) bytes sent$/, (m) => t("demo.result.allSent", { n: num(m[1]) })],
  [/^(\d+) of (\d+) bytes sent$/, (m) => t("demo.result.someSent", { n: num(m[1]), total: num(m[2]) })],
  [/^(\d+) bytes sent$/, (m) => t("demo.result.sent", { n: num(m[1]) })],
  [/^(\d+) bytes handed to the kernel$/, (m) => t("demo.result.toKernel", { n: num(m[1]) })],
  [/^(\d+) bytes, (\d+) waiting in Node's buffer$/, (m) => t("demo.result.nodeBuffer", { n: num(m[1]), waiting: num(m[2]) })],
  [/^(\d+) bytes handed to Node, then the FIN$/, (m) => t("demo.result.thenFin", { n: num(m[1]) })],
  [/^(\d+) bytes queued for sendto\(\)$/, (m) => t("demo.result.queued", { n: num(m[1]) })],
  [/^0 bytes \(the peer closed its side\)$/, () => t("demo.result.peerClosed")],
  [new RegExp(`^${DATA} \\(the peer closed its side\\)$`, "s"), (m) => t("demo.result.dataPeerClosed", { n: num(m[1]), data: m[2]! })],
  [new RegExp(`^${DATA} from (\\(.*\\)|'.*'|\\S+)$`, "s"), (m) => t("demo.result.dataFrom", { n: num(m[1]), data: m[2]!, from: m[3]! })],
  [new RegExp(`^${DATA}$`, "s"), (m) => t("demo.result.data", { n: num(m[1]), data: m[2]! })],
  [/^fd (\d+|\?), peer (.*)$/s, (m) => t("demo.result.accepted", { fd: m[1]!, peer: m[2]! })],
  [/^timed out, nothing ready$/, () => t("demo.result.nothingReady")],
  [/^ready: (.*)$/s, (m) => t("demo.result.ready", { fds: m[1]! })],
  [/^0 \(no error\)$/, () => t("demo.result.noError")],
];

export function resultWords(result: string): string {
  for (const [re, say] of RULES) {
    const m = re.exec(result);
    if (m) return say(m);
  }
  return result;
}

/** The Node tracer's notes, each said whole (they are fixed sentences). */
const NOTES: ReadonlyMap<string, NoteKey> = new Map<string, NoteKey>([
  ["Node's server.listen() does socket()+bind()+listen() in one call (and libuv sets SO_REUSEADDR)", "demo.note.listenInOne"],
  ["libuv accepted this connection as soon as it arrived; Node hands it to your 'connection' handler", "demo.note.acceptedByLibuv"],
  ["stops listening; Node waits for open connections to end before 'close'", "demo.note.stopsListening"],
  ["Node creates the socket and connects in one call: socket()+connect()", "demo.note.connectInOne"],
  ["libuv read these bytes as soon as they arrived; Node hands them to your 'data' handler", "demo.note.readByLibuv"],
  ["Node writes with write(2), the same as send() without flags", "demo.note.writeIsSend"],
  ["socket.end() sends what is queued, then shutdown(SHUT_WR): a FIN to the peer", "demo.note.endSendsFin"],
  ["socket.end(data) writes the data, then shuts down: shutdown(SHUT_WR), a FIN to the peer", "demo.note.endWithData"],
  ["Node closes the socket's fd", "demo.note.closesFd"],
  ["dgram's bind() creates the socket and binds it: socket()+bind()", "demo.note.dgramBind"],
  ["a UDP connect() only fixes the peer address; no packet is sent", "demo.note.udpConnect"],
  ["libuv received this datagram as soon as it arrived; Node hands it to your 'message' handler", "demo.note.messageByLibuv"],
  ]);

/** A traced call's note in the learner's language; one the tutor does not know is shown as it is. */
export function noteWords(note: string): string {
  const key = NOTES.get(note);
  return key ? t(key) : note;
}
