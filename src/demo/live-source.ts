/**
 * What a live view shows and drives, produced by the engine: a demo's session, or
 * `verify --live`'s checker (check/live.ts). The view renders `state` and calls
 * these methods; it knows nothing else of where the run comes from.
 */
import { startDemo, type DemoEvent, type LoadedDemo } from "./launcher.js";
import type { DemoFocus, DemoRuntime } from "./spec.js";
import type { DemoMode, DemoState } from "./state.js";
import { t } from "../text/catalog.js";

/** What the view needs of a run: a demo's DemoSession, or the checker testing a learner's program. */
export interface LiveRun {
  readonly state: DemoState;
  readonly host: string;
  readonly port?: number;
  readonly socketPath?: string;
  continue(proc?: string, seq?: number): boolean;
  setMode(mode: DemoMode): void;
  sendInput(proc: string, text: string): boolean;
  stop(): Promise<void>;
}

/** What the view shows and can start: a demo, or `verify --live`. */
export interface LiveSource {
  title: string;
  interactive: boolean;
  /** Step mode and slow motion; off where a checker's deadlines would not survive a pause. */
  steppable: boolean;
  /**
   * Why step mode is off, when it is for another reason than a checker's deadlines (a
   * program under strace, which cannot be held): what a step key says, and the help's line.
   */
  noStepping?: { say: string; help: string };
  /** The header's word for what runs the programs, when it is not the runtime's name ("strace"). */
  runtimeLabel?: string;
  /** What R does: "restart" a demo, "check again". */
  restartLabel: string;
  /** Whether the title shows the run's address (a demo that binds nothing has none worth showing). */
  showsAddress: boolean;
  /** Why a process has not started yet, for its pane. */
  waitingFor(proc: string): string | undefined;
  start(opts: { runtime: DemoRuntime; mode: DemoMode; syscalls: boolean; onEvent: (ev: DemoEvent) => void }): Promise<LiveRun>;
  /** What the lesson points at in this run (a demo's `focus`): shown first and kept in view. */
  focus?: DemoFocus;
}

/** A demo as a live source: each start is a new DemoSession. */
export function demoSource(demo: LoadedDemo, port?: number): LiveSource {
  return {
    title: demo.spec.title,
    interactive: demo.spec.interactive === true,
    steppable: true,
    restartLabel: t("live.restart.demo"),
    showsAddress: demo.spec.port !== undefined || demo.spec.family === "unix",
    ...(demo.spec.focus ? { focus: demo.spec.focus } : {}),
    waitingFor(proc) {
      const after = demo.spec.processes.find((s) => s.name === proc)?.after;
      return after ? t("live.waiting.after", { process: after.process, call: after.call }) : undefined;
    },
    start: ({ runtime, mode, syscalls, onEvent }) =>
      startDemo(demo, { runtime, mode, syscalls, autoInput: demo.spec.interactive !== true, timeoutMs: null, ...(port !== undefined ? { port } : {}), onEvent }),
  };
}
