import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { DemoEvent } from "../demo/events.js";
import type { DemoRuntime, DemoSpec } from "../demo/spec.js";
import { initialState, reduce, type DemoState } from "../demo/state.js";
import { readTracerEvents } from "../demo/tracer-events.js";
import { nodePreload, pythonTracer } from "../demo/tracer-files.js";
import { escapeTerminal } from "../text/escape.js";
import type { ExerciseInfo } from "../exercises/catalog.js";
import { t } from "../text/catalog.js";
import { readSocketTable } from "../kernel/table.js";
import { PlumbingRule, TablePoller } from "../demo/table-poller.js";
import type { SocketRow } from "../kernel/types.js";
import type { LiveRun, LiveSource } from "../demo/live-source.js";
import { checkerModuleName } from "../exercises/checker-modules.js";
import { loadChecker } from "./checkers.js";
import { runVerify } from "./harness.js";
import { LoopbackPeer } from "./peer.js";
import { LearnerProgram, type LaunchCommand, type Launcher } from "./program.js";
import { ReportingPeer } from "./reporting-peer.js";
import type { HarnessEvent, VerifyReport } from "./types.js";
import { sandboxIfAvailable, type RunSandbox } from "../sandbox/namespace.js";
import { childPids } from "../kernel/owners.js";
import { whenProgramKnown } from "../sandbox/program-pid.js";

/**
 * `verify <exercise> <file> --live`: the same checks, in the live view. The
 * learner's program runs traced like a demo (left pane: its source, every socket
 * call it makes, its output); the checker's side (right pane) reports its own
 * calls through a ReportingPeer and each check as it starts and ends; the kernel
 * table shows both. The checks run at full speed: they have deadlines.
 */
// The two processes' names: shown on their panes, and the `proc` of their events.
export const YOUR_PROGRAM = t("verify.live.yourProgram");
export const CHECKER = t("verify.live.checker");
/** The traffic of `verify --live`: one seed, the one that cuts at the telling places (see begin()). */
export const LIVE_SEEDS: readonly number[] = [3];

export interface VerifyLiveOptions {
  exercise: ExerciseInfo;
  command: LaunchCommand;
  /** The learner's file, absolute. */
  file: string;
  runtime: DemoRuntime;
  /** The interpreter to trace with: Python's real executable, or this Node. */
  interpreter: string;
  /** Each finished run's report (the command prints the last one and records progress). */
  onReport: (report: VerifyReport) => void;
}

/** Which runtime traces a file, or why it cannot be traced. */
export function liveRuntimeFor(file: string): DemoRuntime | undefined {
  const ext = path.extname(file).toLowerCase();
  if (ext === ".py") return "python";
  if (ext === ".js" || ext === ".mjs" || ext === ".cjs") return "node";
  return undefined;
}

export function verifySource(opts: VerifyLiveOptions): LiveSource {
  return {
    title: t("verify.live.title", { exercise: opts.exercise.id, file: escapeTerminal(path.basename(opts.file)) }),
    interactive: false,
    steppable: false,
    restartLabel: t("live.restart.check"),
    showsAddress: true,
    waitingFor: (proc) => (proc === YOUR_PROGRAM ? t("live.waiting.checker") : undefined),
    // A failed check stays on screen, however much the program prints after it.
    focus: { what: t("verify.live.focus"), output: [{ process: CHECKER, text: "✗ " }] },
    start: async ({ onEvent }) => {
      const run = new VerifyLiveRun(opts, onEvent);
      await run.begin();
      return run;
    },
  };
}

/**
 * The checker has no program to show: its pane shows what the checks do, from the
 * task text ("## What the checks do"), in place of source.
 */
export function checkerSource(task: string): string[] {
  const lines = task.split("\n");
  const start = lines.findIndex((l) => /^#+\s*What the checks do/i.test(l));
  const out = [`# ${t("verify.live.checkerIntro")}`];
  if (start < 0) return [...out, `# ${t("verify.live.checksInOutput")}`];
  for (const l of lines.slice(start + 1)) {
    if (/^#+\s/.test(l)) break;
    if (l.trim()) out.push(l.trim());
  }
  return out;
}

class VerifyLiveRun implements LiveRun {
  state: DemoState;
  host = "127.0.0.1";
  port?: number;
  socketPath?: string;
  private readonly controller = new AbortController();
  private readonly peer: ReportingPeer;
  private readonly learnerPids = new Set<number>();
  private running?: Promise<void>;
  /** The unnamed Unix sockets behind the traced program's stdio and tracer pipes. */
  private readonly plumbing: PlumbingRule;
  private readonly table: TablePoller;
  private box?: RunSandbox;

  /**
   * The learner's programs by the pids their sockets show: in a private network the
   * process started is nsenter, and the program its child.
   */
  private learnerPrograms(): number[] {
    return [...this.learnerPids].flatMap((pid) => [pid, ...childPids(pid)]);
  }

  constructor(
    private readonly opts: VerifyLiveOptions,
    private readonly onEvent: (ev: DemoEvent) => void,
  ) {
    const base = escapeTerminal(path.basename(opts.file));
    const spec: DemoSpec = {
      id: `verify-${opts.exercise.id}`,
      title: t("verify.live.specTitle", { exercise: opts.exercise.id }),
      summary: opts.exercise.summary,
      processes: [
        { name: YOUR_PROGRAM, side: "left", python: base, node: base, keepsRunning: true },
        { name: CHECKER, side: "right", python: t("verify.live.whatChecksDo"), node: t("verify.live.whatChecksDo") },
      ],
    };
    let source: string[] = [];
    try {
      source = readFileSync(opts.file, "utf8").split("\n");
    } catch {
      // the checks will say the file is gone
    }
    this.state = initialState({ spec, runtime: opts.runtime, mode: "run", sources: { [YOUR_PROGRAM]: source, [CHECKER]: checkerSource(opts.exercise.task) } });
    this.peer = new ReportingPeer(new LoopbackPeer(), (ev) => this.publish(ev), CHECKER);
    this.plumbing = new PlumbingRule(opts.runtime);
    this.table = new TablePoller({
      intervalMs: 150,
      read: () => {
        const filter = { pids: () => [...this.learnerPrograms(), process.pid], ports: this.port ? [this.port] : [], paths: this.socketPath ? [this.socketPath] : [], children: false };
        const box = this.box;
        return box ? readSocketTable(filter, { netns: { procNet: box.procNet, wrap: (cmd, args) => box.wrap(cmd, args) } }) : readSocketTable(filter);
      },
      select: (rows) => this.ourRows(rows),
      publish: (snapshot) => this.publish({ type: "table", snapshot, t: snapshot.t }),
    });
  }

  private publish(ev: DemoEvent): void {
    this.state = reduce(this.state, ev);
    if (ev.type === "call" && ev.proc === YOUR_PROGRAM) this.plumbing.noteCall(ev);
    if (ev.type === "call" || ev.type === "output") this.table.busy();
    this.onEvent(ev);
  }

  /** A line in the checker's pane; it may quote the learner's program (a command line, a detail), so it is escaped. */
  private say(text: string, stream: "stdout" | "stderr" = "stdout"): void {
    const safe = escapeTerminal(text.replace(/\n$/, ""));
    this.publish({ type: "output", proc: CHECKER, stream, text: safe + "\n", t: Date.now() });
  }

  /** The learner's program, started through the tracer; its events go to the left pane. */
  private readonly launcher: Launcher = (command, env, onOutput, limits, wrap) => {
    const program = this.opts.runtime === "python" ? [pythonTracer(), ...command.args] : ["--import", pathToFileURL(nodePreload()).href, ...command.args];
    const p = new LearnerProgram(command, env, onOutput, limits, {
      file: this.opts.interpreter,
      args: program,
      env: { SOCKET_TUTOR_TRACE_MODE: "run", PYTHONUNBUFFERED: "1", PYTHONDONTWRITEBYTECODE: "1" },
      // The tracer runs inside the learner's program, which can forge these events: they
      // go to the view only. The checks see the program through ProgramView, which has
      // no events, and judge it by real sockets and the kernel's table alone.
      onEvents: (stream) => readTracerEvents(stream, YOUR_PROGRAM, (ev) => this.publish(ev), (n) => this.tooManyEvents(n)),
    }, wrap);
    if (p.pid > 0) {
      this.learnerPids.add(p.pid);
      this.plumbing.addPid(p.pid);
      const announce = (pid: number): void => this.publish({ type: "spawn", proc: YOUR_PROGRAM, pid, t: Date.now(), runtime: this.opts.runtime, file: escapeTerminal(path.basename(this.opts.file)) });
      // In a private network the pane names the program (nsenter's child), the pid its calls and sockets show.
      if (!wrap) announce(p.pid);
      else {
        whenProgramKnown(p.pid, () => p.exit() !== undefined, announce);
      }
      void this.reportExit(p);
    }
    return p;
  };

  private droppedEvents = 0;

  /** Said once per run: the view is missing some of the program's calls (the checks are not). */
  private tooManyEvents(n: number): void {
    if (this.droppedEvents === 0) {
      this.publish({ type: "note", level: "warn", text: t("verify.live.tooManyEvents"), t: Date.now() });
    }
    this.droppedEvents += n;
  }

  private async reportExit(p: LearnerProgram): Promise<void> {
    for (;;) {
      const exit = await p.waitExit(1000);
      if (exit) {
        this.publish({ type: "exit", proc: YOUR_PROGRAM, pid: p.pid, code: exit.code, signal: exit.signal, stopped: exit.signal === "SIGKILL" || exit.signal === "SIGTERM", t: Date.now() });
        return;
      }
      if (this.controller.signal.aborted && p.exit()) return;
    }
  }

  private harness(e: HarnessEvent): void {
    switch (e.kind) {
      case "start":
        if (e.env.PORT) this.port = Number(e.env.PORT);
        if (e.env.HOST) this.host = e.env.HOST;
        if (e.env.SOCKET_PATH) this.socketPath = e.env.SOCKET_PATH;
        this.say(t("verify.live.starting", { command: e.command.display, variables: Object.entries(e.env).map(([k, v]) => `${k}=${v}`).join(" ") }));
        return;
      case "check-start":
        this.say(`▶ ${t("verify.live.checkOf", { index: e.index + 1, total: e.total, name: e.name })}`);
        return;
      case "check-done": {
        const r = e.result;
        if (r.passed) this.say(`✓ ${r.name}`);
        // One line (it wraps): the view keeps the failing check in sight (the source's focus) while later output goes on.
        else this.say(`✗ ${[r.name, ...r.detail.split("\n").slice(0, 4).map((l) => l.trim()).filter(Boolean)].join(" · ")}`, "stderr");
        return;
      }
      case "output":
        this.publish({ type: "output", proc: YOUR_PROGRAM, stream: e.line.stream, text: e.line.text + "\n", t: Date.now() });
        return;
    }
  }

  async begin(): Promise<void> {
    const checker = await loadChecker(this.opts.exercise.id);
    if (!checker) throw new Error(t("verify.noChecker", { exercise: escapeTerminal(this.opts.exercise.id), module: checkerModuleName(escapeTerminal(this.opts.exercise.id)) }));
    this.publish({ type: "status", status: "running", t: Date.now() });
    this.publish({ type: "spawn", proc: CHECKER, pid: process.pid, t: Date.now() });
    // The run's private network, made here so the table below reads it too.
    this.box = await sandboxIfAvailable();
    this.table.start();
    this.running = runVerify(checker, {
      command: this.opts.command,
      sandbox: this.box ?? false,
      // One seed, the one that cuts at the telling places (inside a character, beside a line
      // end): every call of every piece is shown, and five seeds' worth would bury the one
      // that fails. Plain verify still sends them all.
      seeds: LIVE_SEEDS,
      peer: this.peer,
      launcher: this.launcher,
      onEvent: (e) => this.harness(e),
      signal: this.controller.signal,
    }).then(
      (report) => {
        if (report.cancelled) return;
        const failed = report.checks.filter((c) => !c.passed).length;
        const total = report.checks.length;
        this.say(report.passed ? t("verify.passed", { total }) : t("verify.live.notYet", { passed: total - failed, total }));
        this.finish(report.passed, report.passed ? undefined : t("verify.live.failed", { failed, total }));
        this.opts.onReport(report);
      },
      (err: unknown) => {
        this.say(t("verify.live.couldNotRun", { message: (err as Error).message }), "stderr");
        this.finish(false, (err as Error).message);
      },
    );
  }

  private finish(ok: boolean, reason?: string): void {
    // The checker is the tutor itself: it does not exit, its last output line says how it went.
    // The table's last word is a fresh reading taken after the checks (an in-flight one may predate them).
    void this.table.final().finally(() => {
      this.publish({ type: "status", status: "done", ok, ...(reason ? { reason } : {}), t: Date.now() });
    });
  }

  /** The learner's sockets, the checker's (found by the addresses it used), and what is left of their connections. */
  private ourRows(rows: SocketRow[]): SocketRow[] {
    const ours = this.peer.endpoints;
    return rows.filter((r) => {
      if (r.pid !== undefined && this.learnerPids.has(r.pid)) return !this.plumbing.isPlumbing(r);
      if (r.pid === process.pid) return ours.has(r.local) || (r.proto === "unix" && r.remote !== "" && r.remote === this.socketPath);
      return ours.has(r.local) || ours.has(r.remote);
    });
  }

  continue(): boolean {
    return false;
  }

  setMode(): void {
    // the checks have deadlines: always full speed
  }

  sendInput(): boolean {
    return false;
  }

  async stop(): Promise<void> {
    this.controller.abort();
    this.table.stop();
    await this.running;
    this.box?.stop();
    if (this.state.status !== "done") this.publish({ type: "status", status: "stopped", t: Date.now() });
  }
}
