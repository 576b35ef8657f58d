/**
 * The live demo engine's headless API: what the full-screen view, the plain view,
 * the `demo` command and the tests use. No terminal needed.
 *
 *   const demo = findDemo("tcp-step-by-step");            // or loadDemoFile(path); listDemos()
 *   const session = await startDemo(demo, { runtime: "python", mode: "step" });
 *   session.onEvent((ev: DemoEvent) => render(session.state));   // returns an unsubscribe
 *   session.continue("server");   // release server's paused call (no name: the one paused longest)
 *   session.setMode("run");       // "step" | "run" | "slow"
 *   session.sendInput("client", "hello");
 *   await session.restart();      // stop + start again (state resets: a status "starting" event)
 *   const final = await session.done();   // resolves at status "done" (final.ok) or "stopped"
 *   await session.stop();         // kills every process group, waits, removes the temp dir
 *
 * `session.state` (DemoState, src/demo/state.ts) is what views render: per process
 * its source, current line, pending calls, calls, bounded output and exit; the
 * kernel table; the timeline (call ids in time order) and arrows between calls.
 * It is `reduce(previous, event)`: each "event" listener sees the state including
 * that event. Other members: `runtime`, `mode`, `port`, `socketPath`, `host`,
 * `tempDir`, `pids()`.
 *
 * Modes: "step" pauses each process before each socket call (a `pending` event)
 * until continue(); "run" never pauses; "slow" pauses each call for `slowMs` and
 * then continues it by itself. Python pauses before every socket/select call;
 * Node pauses before the calls it makes and before handing a connection or data
 * to the program (libuv has already accepted/read by then; the event's note says so).
 *
 * The wire: in a private network (Linux), the run's packets are captured (capture/,
 * option `packets`, default on): PacketEvents (the kernel's time, on the calls' clock),
 * PacketGapEvents (packets counted, not reported one by one) and a WireEvent saying
 * whether there is a capture and, when not, why. `state.wire` (wire.ts) holds them
 * reduced: bounded packets with relative seq/ack, retransmissions, named endpoints.
 * For views: `wireTimeline(state)` (wire-view.ts) merges packets into the timeline in
 * causal order; `packetText`, `packetLabel`, `gapText` (wire-format.ts) word them.
 *
 * Processes die with the tutor: stop(), the demo's end, process exit, SIGINT,
 * SIGTERM, SIGHUP (registered with onCleanup) and kill -9 of the tutor (the
 * tracers exit when their control pipe closes; the private network's PID namespace, or on
 * the fallback the subreaper, ends what a program left running, and a program under strace).
 */
import type { DemoEvent } from "./events.js";
import type { LoadedDemo } from "./load.js";
import { chooseRuntime } from "./runtime.js";
import { DemoSession } from "./session.js";
import type { DemoRuntime } from "./spec.js";
import type { DemoMode, StateLimits } from "./state.js";

export interface StartOptions {
  /** Default: Python when python3 >= 3.8 is present, else Node. */
  runtime?: DemoRuntime;
  /** Default "run". */
  mode?: DemoMode;
  /** Slow motion: ms each call stays paused. Default 800. */
  slowMs?: number;
  /** Run each program under strace and emit SyscallEvents (Linux, strace installed). */
  syscalls?: boolean;
  /**
   * Use this port instead of the demo's own; 0 = any free port (tests running in parallel).
   * In a private network the demo's own port is always free, so 0 keeps the demo's own.
   */
  port?: number;
  /** Type the demo's scripted `input` lines. Default true; the interactive view passes false for interactive demos. */
  autoInput?: boolean;
  /**
   * End the run (status done, ok false) after this long. Default: the demo's
   * timeoutMs (10 s) in "run" mode; no deadline in "step" and "slow" modes, where
   * the learner sets the pace. Pass null for no deadline.
   */
  timeoutMs?: number | null;
  /** How often the kernel table is read while the demo runs. Default 150 ms. */
  tablePollMs?: number;
  limits?: Partial<StateLimits>;
  /** A private network and process tree for the run where Linux allows it. Default true. */
  sandbox?: boolean;
  /** Capture the run's packets (PacketEvents) where it has a private network. Default true. */
  packets?: boolean;
  /** Attached before launch, so it also sees the first events (status, notes about the port or user). */
  onEvent?: (ev: DemoEvent) => void;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

/** Starts a demo: resolves once its processes are being launched (events follow on the session). */
export async function startDemo(demo: LoadedDemo, options: StartOptions = {}): Promise<DemoSession> {
  const session = await createDemo(demo, options);
  await session.launch();
  return session;
}

/**
 * A session ready to launch (`await session.launch()`), for a view that must hold
 * the session before the first event (to print a header once the port is known).
 */
export async function createDemo(demo: LoadedDemo, options: StartOptions = {}): Promise<DemoSession> {
  const mode = options.mode ?? "run";
  const choice = await chooseRuntime(options.runtime);
  const timeoutMs = options.timeoutMs === null ? undefined : options.timeoutMs ?? (mode === "run" ? demo.spec.timeoutMs ?? DEFAULT_TIMEOUT_MS : undefined);
  const session = new DemoSession(demo, choice, {
    mode,
    slowMs: options.slowMs ?? 800,
    syscalls: options.syscalls === true,
    port: options.port,
    autoInput: options.autoInput ?? true,
    timeoutMs,
    tablePollMs: options.tablePollMs ?? 150,
    limits: options.limits,
    ...(options.sandbox !== undefined ? { sandbox: options.sandbox } : {}),
    ...(options.packets !== undefined ? { packets: options.packets } : {}),
  });
  if (options.onEvent) session.onEvent(options.onEvent);
  return session;
}

export { DemoSession } from "./session.js";
export { privateNetworkRefusal } from "./private-network.js";
export { findDemo, listDemos, loadDemoFile, demoIds, DemoSpecError, formatDemoProblem, type LoadedDemo, type DemoProblem } from "./load.js";
export type { DemoState, DemoMode, CallView, ProcView, OutputLine, Arrow } from "./state.js";
export type { DemoEvent, CallEvent } from "./events.js";
