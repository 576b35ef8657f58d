import type { JsonSchema } from "../lessons/json-schema.js";
import { DEMO_ENV_NAMES } from "./spec.js";

/**
 * demo.json, defined once. validateDemo (load.ts) takes its field lists, allowed values
 * and ranges from here, and schemas/demo.schema.json is this definition written out
 * (`npm run schemas`; a test fails when the published file differs). The meaning of each
 * field is in spec.ts.
 *
 * A new field is one entry in the `properties` of its object below: the loader then
 * knows it (no "unknown field"), the schema publishes it; a check beyond its type
 * (a process name that must exist, a file beside the demo) goes into validateDemo.
 */

/** What the loader calls a non-empty string: one that is not only spaces. */
const text = (description: string): JsonSchema => ({ type: "string", pattern: "\\S", description });
const ms = (min: number, max: number, description: string): JsonSchema => ({ type: "number", minimum: min, maximum: max, description });
const runtime: JsonSchema = { enum: ["python", "node"], description: "Only for this runtime." };
const noNul: JsonSchema = { type: "string", pattern: "^[^\\u0000]*$" };

export const MAX_DELAY_MS = 120_000;

export const DEMO_ID: JsonSchema = { type: "string", pattern: "^[a-z0-9]+(-[a-z0-9]+)*$", description: "Kebab-case, unique across lessons, and the demo folder's name." };
export const DEMO_PORT: JsonSchema = { type: "integer", minimum: 1, maximum: 65535, description: "The port the lesson names (8000 in the classic article); another is picked if busy." };
export const DEMO_PORTS: JsonSchema = { type: "integer", minimum: 1, maximum: 4, description: "How many ports in a row the demo uses, from its port: 2 for a relay on PORT in front of a server on PORT+1. Default 1." };
export const DEMO_TRANSPORT: JsonSchema = { enum: ["tcp", "udp", "both"], description: "Which transport the port must be free for." };
export const DEMO_FAMILY: JsonSchema = { enum: ["inet", "inet6", "unix"], description: "inet (127.0.0.1), inet6 (::1) or unix (a path in a private temporary folder). Default inet." };
export const DEMO_TIMEOUT: JsonSchema = ms(500, MAX_DELAY_MS, "A --plain run ends after this long even if processes are still running. Default 10 s.");
export const DEMO_SIDE: JsonSchema = { enum: ["left", "right"], description: "Which side of the screen: servers left, clients right." };
export const DEMO_PHASE: JsonSchema = { enum: ["start", "end"], description: "When the call counts: as it starts, or (default) once it has returned." };
export const DEMO_DELAY: JsonSchema = ms(0, MAX_DELAY_MS, "Milliseconds to wait on top.");
export const DEMO_TABLE_ROWS: JsonSchema = { type: "integer", minimum: 1, maximum: 40, description: "How many table rows the moment has, so the layout is sized for it from the start." };

/** A process's `after`: another process's call. */
export const DEMO_AFTER: JsonSchema = {
  type: "object",
  description: "Start once another process has reached a call, e.g. { \"process\": \"server\", \"call\": \"listen\" }; \"call\": \"exit\" waits for it to exit.",
  properties: { process: text("The process waited for (another of this demo's)."), call: { type: "string", minLength: 1, description: "A socket call's name, or exit." }, phase: DEMO_PHASE },
  required: ["process", "call"],
  additionalProperties: false,
};

/** An input line's `after`: a call of this process unless another is named. */
export const DEMO_INPUT_AFTER: JsonSchema = {
  type: "object",
  description: "Send the line once this call (of `process`, default this one) reaches `phase`.",
  properties: { process: text("The process whose call is waited for (default: this one)."), call: { type: "string", minLength: 1, description: "A socket call's name." }, phase: DEMO_PHASE },
  required: ["call"],
  additionalProperties: false,
};

export const DEMO_INPUT_LINE: JsonSchema = {
  type: "object",
  description: "One line typed on the process's stdin in free-running and --plain runs.",
  properties: { text: { type: "string", pattern: "^[^\\n]*$", description: "The line, without its newline." }, delayMs: DEMO_DELAY, after: DEMO_INPUT_AFTER },
  required: ["text"],
  additionalProperties: false,
};

export const DEMO_PROCESS: JsonSchema = {
  type: "object",
  properties: {
    name: text("Shown on the pane and in events: server, client, client 2. Unique within the demo."),
    side: DEMO_SIDE,
    python: { type: "string", pattern: "\\.py$", description: "The Python program, beside demo.json or in a sibling demo of the same lesson (../many-clients/client.py)." },
    node: { type: "string", pattern: "\\.(mjs|cjs|js)$", description: "The JavaScript program, as for python." },
    args: { type: "array", items: noNul, description: "Extra command-line arguments." },
    env: {
      type: "object",
      description: "Extra environment: only the program's own data (HOST, PORT and SOCKET_PATH are set by the tutor).",
      propertyNames: { enum: DEMO_ENV_NAMES },
      additionalProperties: noNul,
    },
    after: DEMO_AFTER,
    delayMs: ms(0, MAX_DELAY_MS, "Wait this long after `after` (or after launch) before starting."),
    input: { type: "array", items: DEMO_INPUT_LINE, description: "Lines typed on stdin in free-running and --plain runs." },
    expectFailure: { type: "boolean", description: "The process should fail (connect refused exits non-zero): not shown as a crash." },
    unprivileged: { type: "boolean", description: "When the tutor runs as root, run this process as an unprivileged user." },
    keepsRunning: { type: "boolean", description: "A server that never exits by itself: the demo is done when the others have exited." },
  },
  required: ["name", "side", "python", "node"],
  additionalProperties: false,
};

const focusList = (description: string, properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema => ({
  type: "array",
  description,
  items: { type: "object", properties, required, additionalProperties: false, minProperties: 1 },
});

/** reach: "run", "end", or the calls to hold at. */
const REACH: JsonSchema = {
  anyOf: [
    { enum: ["run", "end"] },
    { type: "object", properties: { hold: { type: "object", additionalProperties: text("The call to stay paused before."), description: "Leave each named process paused before this call." } }, additionalProperties: false },
  ],
};

export const DEMO_FOCUS: JsonSchema = {
  type: "object",
  description: "What the lesson's steps point at: the live view shows it first and keeps it in view.",
  properties: {
    what: text("One or two sentences: what to look at (shown first in the help)."),
    rows: focusList("Table rows that matter, in order.", { state: text("A TCP state, e.g. SYN_SENT."), proto: text("tcp, udp, tcp6, ..."), owner: text("A process name, queue (in an accept queue) or none."), runtime }),
    calls: focusList("Calls that matter, kept in view in their pane.", { process: text("The process."), call: text("The call's name."), errno: text("Its errno, when that is the point."), result: text("A part of its result."), runtime }, ["process", "call"]),
    output: focusList("Output lines that matter.", { process: text("The process."), text: text("Text the program prints."), runtime }, ["process", "text"]),
    tableRows: DEMO_TABLE_ROWS,
    reach: { anyOf: [...REACH.anyOf!, { type: "object", properties: { python: REACH, node: REACH }, additionalProperties: false }], description: "How the moment is reached: run, end, or { hold: { process: call } }; one for both runtimes or one each." },
  },
  required: ["what"],
  additionalProperties: false,
};

/** One thing that must have happened by the end of a run (src/demo/spec.ts DemoExpectation). */
export const DEMO_EXPECTATION: JsonSchema = {
  type: "object",
  properties: {
    process: text("The demo process this is about."),
    output: text("Text one of its output lines contains."),
    notOutput: text("Text none of its output lines contains."),
    call: text("A call of its that finished (with errno: failed with it; else succeeded)."),
    errno: text("The errno the call failed with."),
    result: text("Text the call's result contains."),
    count: { type: "integer", minimum: 1, description: "At least this many such calls (default 1)." },
    before: { type: "object", properties: { process: text("Another process."), call: text("Its call.") }, required: ["process", "call"], additionalProperties: false, description: "The first such call finished before this one did (or it never did)." },
    oneAtATime: text("A call name: its calls on different connections never interleave."),
    runtime: { enum: ["python", "node"], description: "Only for this runtime." },
    timer: { enum: ["syn-retransmission", "time-wait"], description: "The kernel timer this depends on (a long hold may change it)." },
    scripted: { type: "boolean", description: "Follows from the lines the demo types: not checked when the learner types." },
  },
  required: ["process"],
  additionalProperties: false,
};

/** The lesson's claim about a demo and what shows it happened: the verdict checks it. */
export const DEMO_OUTCOME: JsonSchema = {
  type: "object",
  properties: {
    what: text("One sentence, the lesson's claim: \"Both clients got both of their replies.\""),
    expect: { type: "array", minItems: 1, items: DEMO_EXPECTATION, description: "What must have happened by the end, all of it." },
  },
  required: ["what", "expect"],
  additionalProperties: false,
};

export const DEMO_SCHEMA: JsonSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://github.com/socket-tutor/socket-tutor/schemas/demo.schema.json",
  title: "socket-tutor demo.json",
  description: "A live demo: lessons/<lesson>/demos/<id>/demo.json beside the programs it runs. Generated from src/demo/demo-schema.ts (npm run schemas).",
  type: "object",
  properties: {
    id: DEMO_ID,
    title: text("The demo's title."),
    summary: text("One or two sentences: what the demo shows."),
    port: DEMO_PORT,
    ports: DEMO_PORTS,
    transport: DEMO_TRANSPORT,
    family: DEMO_FAMILY,
    processes: { type: "array", minItems: 1, items: DEMO_PROCESS, description: "The programs the demo starts." },
    interactive: { type: "boolean", description: "The learner types into the panes (the chat)." },
    notes: { type: "object", properties: { python: text("Shown in the view for Python."), node: text("Shown in the view for Node.js.") }, additionalProperties: false, description: "A note shown for one runtime." },
    timeoutMs: DEMO_TIMEOUT,
    focus: DEMO_FOCUS,
    outcome: DEMO_OUTCOME,
    noPrivateNetwork: text("Why this demo runs on the machine's own loopback instead of a private network."),
    privateNetworkOnly: text("Why this demo runs only in a private network of its own (it binds ::, every interface): where none can be made, it refuses to run, saying this."),
  },
  required: ["id", "title", "summary", "processes"],
  additionalProperties: false,
};
