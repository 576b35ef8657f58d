/**
 * A demo is data: lessons/<lesson>/demos/<id>/demo.json plus the programs it runs,
 * in Python and in JavaScript, written as a learner would write them (no tracing
 * code: the tutor injects tracing at launch). Demo ids are unique across lessons.
 */
import type { Runtime } from "../util/runtime.js";

/** A demo's runtime: one of the two every demo exists in. */
export type DemoRuntime = Runtime;

/**
 * The variables a demo.json `env` may set: plain names that only the demo's own
 * program reads (os.environ["MESSAGE"], process.env.MESSAGE).
 *
 * An allow-list, not a deny-list, because the variables that change how a program
 * is loaded or run have no end: LD_PRELOAD, LD_LIBRARY_PATH and every LD_*, DYLD_*
 * (macOS), GLIBC_TUNABLES, GCONV_PATH, MALLOC_*, PYTHONPATH, PYTHONSTARTUP,
 * PYTHONHOME and every PYTHON*, NODE_OPTIONS, NODE_PATH, UV_*, PERL5LIB, PERL5OPT,
 * RUBYOPT, RUBYLIB, BASH_ENV, ENV, PATH, HOME, TMPDIR, SSL_CERT_FILE, OPENSSL_CONF...
 * and each new runtime adds more. Any of them would let a lesson run code other than
 * the program it shows, or break the tracer the tutor injects. A name added here must
 * be one that no loader, interpreter, shell or common library reads.
 */
export const DEMO_ENV_NAMES: readonly string[] = ["MESSAGE", "NAME", "COUNT", "CLIENTS", "ROUNDS", "SIZE", "DELAY_MS", "TIMEOUT_MS", "SEED"];

export interface DemoProcessSpec {
  /** Shown on the pane and in events: "server", "client", "client 2". Unique within the demo. */
  name: string;
  /** Which side of the screen: servers left, clients right. */
  side: "left" | "right";
  /** Program files beside demo.json, one per runtime. */
  python: string;
  node: string;
  /** Extra command-line arguments. */
  args?: string[];
  /**
   * Extra environment (HOST, PORT and SOCKET_PATH are always set by the tutor).
   * Only the names in DEMO_ENV_NAMES: the program's own data, nothing that changes how it is loaded.
   */
  env?: Record<string, string>;
  /**
   * Start once another process has reached a call, e.g. the client starts when the
   * server's listen() has returned: { "process": "server", "call": "listen" }.
   * `"call": "exit"` waits for that process to have exited (a restarted server).
   * Without it the process starts at once.
   */
  after?: { process: string; call: string; phase?: "start" | "end" };
  /** Wait this long after `after` (or after launch) before starting. */
  delayMs?: number;
  /**
   * Lines typed on this process's stdin in free-running and --plain runs, each sent
   * once the process blocks in a read of stdin... or after `delayMs` between lines.
   * In the interactive view the learner types instead.
   */
  input?: DemoInputLine[];
  /** The process should fail (connect-refused exits non-zero): not shown as a crash. */
  expectFailure?: boolean;
  /** When the tutor runs as root, run this process as an unprivileged user (raw-eperm). */
  unprivileged?: boolean;
  /**
   * A server that never exits by itself (an accept loop): the demo is done when the
   * other processes have exited, and the tutor then stops this one. Not a failure.
   */
  keepsRunning?: boolean;
  /**
   * Never in demo.json (the loader refuses a field it does not know): set by `socket-tutor
   * trace` for a program no tracer of the tutor's can run in (a C executable, any command).
   * It runs as this command line under strace, which reports its socket calls
   * (demo/strace-calls.ts); `source` is the file shown in its pane (the .c file), if any.
   */
  straced?: { argv: string[]; shown: string; source?: string };
}

/**
 * One line typed on a process's stdin in free-running runs. When it is sent:
 * - with `after`: once that call (of `process`, default this one) reaches `phase`
 *   (default "end"), counting only calls made after the previous line was sent;
 * - else, Python: when the program calls input() (the tracer reports it);
 *   Node: `delayMs` (default 300) after the previous line or the spawn.
 * `delayMs` is always waited on top, so a learner can read what happened.
 */
export interface DemoInputLine {
  text: string;
  delayMs?: number;
  after?: { process?: string; call: string; phase?: "start" | "end" };
}

export interface DemoSpec {
  id: string;
  title: string;
  /** One or two sentences: what the demo shows. */
  summary: string;
  /** The port the lesson names (8000 in the classic article); another is picked if busy. */
  port?: number;
  /**
   * How many ports in a row the demo uses, from `port` (default 1): a relay on PORT in
   * front of its server on PORT+1 needs 2. The programs compute PORT+1 themselves; the
   * tutor only makes sure each one is free.
   */
  ports?: number;
  /** Which transport the port must be free for. */
  transport?: "tcp" | "udp" | "both";
  /** inet (127.0.0.1), inet6 (::1) or unix (a path in a private temp dir). Default inet. */
  family?: "inet" | "inet6" | "unix";
  processes: DemoProcessSpec[];
  /** The learner types into the panes (the chat). */
  interactive?: boolean;
  /** Shown in the view for one runtime, e.g. why Node cannot show the accept queue. */
  notes?: Partial<Record<DemoRuntime, string>>;
  /** A --plain run ends after this long even if processes are still running. Default 10 s. */
  timeoutMs?: number;
  /** What the lesson's steps point at in this demo: the live view shows it first, even on an 80x24 terminal. */
  focus?: DemoFocus;
  /**
   * What the lesson says happens in this demo, checked at the end of every run
   * (src/demo/outcome.ts): "ran as designed" means this happened, not only that the
   * processes exited as expected.
   */
  outcome?: DemoOutcome;
  /**
   * Why this demo runs on the machine's own loopback instead of a private network of
   * its own (sandbox/namespace.ts). A demo with an `unprivileged` process never gets one:
   * inside a private network a program is root of it, and the kernel's answer to an
   * ordinary user is the point.
   */
  noPrivateNetwork?: string;
  /**
   * Why this demo runs only in a private network of its own: it binds `::`, which on the
   * machine's shared network means every interface (other computers could connect).
   * Where no private network can be made (macOS, a container, SOCKET_TUTOR_SANDBOX=off),
   * the demo refuses to run and says this (private-network.ts); no program starts.
   */
  privateNetworkOnly?: string;
}

/**
 * The moment a lesson points at, named so the live view can keep it on screen
 * (rows first in the table, calls kept in view) and a test can check it is there.
 */
export interface DemoFocus {
  /** One or two sentences: what to look at (shown first in the help). */
  what: string;
  /**
   * Table rows that matter, in order: by state ("SYN_SENT"), protocol ("udp") and
   * owner ("queue": a connection waiting in an accept queue, no process yet;
   * "none": no process; else a process name).
   */
  rows?: Array<{ state?: string; proto?: string; owner?: string; runtime?: DemoRuntime }>;
  /**
   * Calls that matter: a process's call by its name ("connect"), with a part of its
   * result ("11 bytes") or its errno when that is the point; kept in view in its pane.
   */
  calls?: Array<{ process: string; call: string; errno?: string; result?: string; runtime?: DemoRuntime }>;
  /** Output lines that matter (text the program prints). */
  output?: Array<{ process: string; text: string; runtime?: DemoRuntime }>;
  /** How many table rows the moment has, so the layout is sized for it from the start (no jumping). */
  tableRows?: number;
  /**
   * How the moment is reached (the tests do it; the help tells the learner in `what`):
   * step every process, but leave each one in `hold` paused once it is paused before
   * the call named there ({ "server": "accept" }); "run": it happens while the demo
   * runs freely; "end": it is there when the demo has finished. One for both
   * runtimes, or one each.
   */
  reach?: DemoFocusReach | { python?: DemoFocusReach; node?: DemoFocusReach };
}

export type DemoFocusReach = { hold?: Record<string, string> } | "run" | "end";

/** A timer the kernel keeps, which the demo clock cannot stop (see DemoExpectation.timer). */
export type KernelTimer = "syn-retransmission" | "time-wait";
export const KERNEL_TIMERS: readonly KernelTimer[] = ["syn-retransmission", "time-wait"];

/** The lesson's claim about a demo, and what shows it happened. */
export interface DemoOutcome {
  /** One sentence, the lesson's claim: "Both clients got both of their replies." */
  what: string;
  /** What must have happened by the end, all of it (the other runtime's items are skipped). */
  expect: DemoExpectation[];
}

/**
 * One thing that must have happened, in one process: exactly one of `output`,
 * `notOutput`, `call` and `oneAtATime`.
 */
export interface DemoExpectation {
  process: string;
  /** Text one of its output lines contains. */
  output?: string;
  /** Text none of its output lines contains. */
  notOutput?: string;
  /**
   * A call of its that finished: with `errno`, one that failed with that errno; else
   * one that succeeded, and with `result`, one whose result contains that text.
   */
  call?: string;
  errno?: string;
  result?: string;
  /** At least this many such calls (default 1). */
  count?: number;
  /** The first such call finished before the first call named here finished (or that one never did). */
  before?: { process: string; call: string };
  /**
   * Its finished calls of this name, grouped by connection (peer), never interleave:
   * every call on one connection ends before the first on the next. A one-at-a-time
   * server, whatever order its clients arrived in (which a loaded machine may change).
   */
  oneAtATime?: string;
  runtime?: DemoRuntime;
  /**
   * It follows from the lines the demo types (processes' `input`): checked only when
   * the tutor typed them, not when the learner types (an interactive demo in the live view).
   */
  scripted?: boolean;
  /**
   * The kernel timer this depends on. When it fails after the learner held the demo
   * long enough for that timer to matter, the views name the timer and offer a rerun.
   */
  timer?: KernelTimer;
}
