/**
 * The lines a demo types into its processes (demo.json `input`): each is typed when the
 * program asks for it (Python reports input() as a call), after a named call, or after
 * a delay on the demo clock (Node reports no input() call). One feed per process.
 */
import type { ClockTimer } from "./clock.js";
import type { CallEvent } from "./events.js";
import type { DemoInputLine, DemoProcessSpec, DemoRuntime } from "./spec.js";

/** What typing needs from the run: its clock, a real timer, and the pipe to a process's stdin. */
export interface TypingHost {
  runtime: DemoRuntime;
  onClock(ms: number, fn: () => void): ClockTimer;
  cancel(timer: ClockTimer | undefined): void;
  later(ms: number, fn: () => void): void;
  /** Types the line (false: the process cannot take it now). */
  send(proc: string, text: string): boolean;
}

interface Feed {
  proc: string;
  lines: DemoInputLine[];
  next: number;
  armed: boolean;
  timer?: ClockTimer;
}

export class ScriptedInput {
  private readonly feeds: Feed[];

  constructor(
    processes: readonly DemoProcessSpec[],
    private readonly host: TypingHost,
  ) {
    this.feeds = processes.filter((p) => p.input?.length).map((p) => ({ proc: p.name, lines: p.input!, next: 0, armed: false }));
  }

  /** The process has started: its first line waits for its moment. */
  started(proc: string): void {
    for (const f of this.feeds) if (f.proc === proc) this.arm(f);
  }

  /** A call happened: a line waiting for it (or for the program's input()) is typed. */
  onCall(ev: CallEvent): void {
    for (const f of this.feeds) this.feedOnCall(f, ev);
  }

  private arm(f: Feed): void {
    const line = f.lines[f.next];
    f.armed = line !== undefined;
    this.host.cancel(f.timer);
    if (!line || line.after) return;
    // Python reports input() as a call, so the line is typed when the program asks
    // for it; Node does not, so it waits a moment. Early lines only wait in the pipe.
    const python = this.host.runtime === "python";
    const wait = python ? 2000 : line.delayMs ?? 300;
    f.timer = this.host.onClock(wait, () => this.type(f, python ? line.delayMs ?? 0 : 0));
  }

  private feedOnCall(f: Feed, ev: CallEvent): void {
    const line = f.lines[f.next];
    if (!f.armed || !line) return;
    if (line.after) {
      const who = line.after.process ?? f.proc;
      if (ev.proc === who && ev.call === line.after.call && ev.phase === (line.after.phase ?? "end")) this.type(f, line.delayMs ?? 0);
    } else if (this.host.runtime === "python" && ev.proc === f.proc && ev.kind === "stdin" && ev.phase === "start") {
      this.type(f, line.delayMs ?? 0);
    }
  }

  private type(f: Feed, delayMs: number): void {
    if (!f.armed) return;
    f.armed = false;
    this.host.cancel(f.timer);
    const line = f.lines[f.next]!;
    const send = (): void => {
      if (this.host.send(f.proc, line.text)) {
        f.next++;
        this.arm(f);
      }
    };
    // The demo's own delay is on the demo clock; without one, a moment's real grace,
    // so the prompt the program just wrote reaches the tutor first.
    if (delayMs > 0) this.host.onClock(Math.max(delayMs, 20), send);
    else this.host.later(20, send);
  }
}
