import type { Peer, Target } from "./peer.js";
import type { ExitInfo, LaunchCommand, OutputLine, ProgramView } from "./program.js";

/** What a check found. `detail` says what was sent and what came back; `hint` points to a lesson. */
export type Outcome = { passed: true; detail?: string } | { passed: false; detail: string; hint?: string; stop?: boolean; hintId?: string; seed?: number };

export interface Check {
  name: string;
  /** The harness stops the check after this long, whatever it is waiting for. */
  deadlineMs: number;
  /** The program may end during this check (a client, the chat after bye): not a crash to report. */
  expectsExit?: boolean;
  /** The id (in the exercise's hints.md) of the hint for this check's failure; a failing outcome may name another. */
  hintId?: string;
  run(): Promise<Outcome>;
}

/** Thrown by a check that cannot run (the program is gone); it is reported as "not run". */
export class NotRun extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "NotRun";
  }
}

/** The checker itself cannot run here (no IPv6 loopback, no free port): not the learner's fault. */
export class SetupProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SetupProblem";
  }
}

/** The environment the contract promises the learner's program. */
export interface ProgramEnv {
  HOST?: string;
  PORT?: string;
  SOCKET_PATH?: string;
  MESSAGE?: string;
  /** udp-retry: the keys to retrieve, comma-separated. */
  KEYS?: string;
  /** proxy: the checker's own server, where each client connection is relayed to. */
  UPSTREAM_HOST?: string;
  UPSTREAM_PORT?: string;
}

export interface CheckContext {
  env: ProgramEnv;
  peer: Peer;
  /** Starts the learner's program with `env` (a client exercise may start it more than once). */
  launch(extraEnv?: ProgramEnv): ProgramView;
  /** The program started last, if any. */
  program(): ProgramView | undefined;
  /** How long to wait for the program to listen (5 s unless a test says otherwise). */
  readyTimeoutMs: number;
  /** Something worth knowing that is not a failure ("your server binds every interface"). */
  note(text: string): void;
  /**
   * A wait of `base` ms, stretched on a busy machine: a correct program that is
   * merely slow to be scheduled must not fail. Checks use it for every timeout.
   */
  ms(base: number): number;
  /** Resolves after ms (or at once if the run was cancelled). */
  sleep(ms: number): Promise<void>;
  /** Set when the run is being cancelled (watch mode saw a change, Ctrl-C). */
  signal: AbortSignal;
  /** "kernel": watch /proc/net for the socket (Linux); "probe": connect/datagram probes. */
  readiness: "kernel" | "probe";
  /** The seeds of this run (seeds.ts): each stream check sends its traffic once per seed. */
  seeds: readonly number[];
  /**
   * Writes kernel settings of the run's private network (/proc/sys/net/<name>, e.g.
   * "ipv4/tcp_rmem"): true when all were written. False (or absent) where the run has no
   * private network or the kernel refused: the check then takes its fallback. Sockets made
   * afterwards get the new values, the program's and the checker's alike.
   */
  netSettings?(settings: Readonly<Record<string, string>>): Promise<boolean>;
}

export interface ExerciseChecker {
  id: string;
  /** The environment for this run (free ports, a private socket path, a MESSAGE). */
  prepare(): Promise<{ env: ProgramEnv; target?: Target; cleanup?: () => void }>;
  /** The checks, in order, sharing state through their closure for this one run. */
  checks(ctx: CheckContext, target: Target | undefined): Check[];
}

export interface CheckResult {
  name: string;
  passed: boolean;
  /** "not run" checks are failed ones that never started. */
  skipped?: boolean;
  detail: string;
  hint?: string;
  /** Failed: the hint (hints.md id) that addresses it, given first by the next `hint`. */
  hintId?: string;
  /** The seed whose traffic failed this check: `verify … --seed N` sends the same again. */
  seed?: number;
  ms: number;
}

export interface VerifyReport {
  exercise: string;
  passed: boolean;
  checks: CheckResult[];
  /** The seeds every stream check ran with, in order. */
  seeds: number[];
  notes: string[];
  command: LaunchCommand;
  env: ProgramEnv;
  /** Process groups started (pids of their leaders), for tests that check nothing is left. */
  pids: number[];
  target?: Target;
  exits: (ExitInfo | undefined)[];
  hiddenOutputBytes: number;
  ms: number;
  cancelled: boolean;
}

export type HarnessEvent =
  | { kind: "start"; command: LaunchCommand; env: ProgramEnv }
  | { kind: "check-start"; name: string; index: number; total: number }
  | { kind: "check-done"; result: CheckResult; index: number; total: number }
  | { kind: "output"; line: OutputLine };
