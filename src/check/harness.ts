import path from "node:path";
import { t } from "../text/catalog.js";
import { BuildFailed, buildC, type Built } from "./compiler.js";
import { describeExit, exitDescribed, exitStory, seconds } from "./diagnose.js";
import { LoopbackPeer, type Peer } from "./peer.js";
import { procAvailable } from "./procnet.js";
import { sweepStaleDirs } from "./tempdirs.js";
import { autoTimeScale } from "./timing.js";
import { runSeeds } from "./seeds.js";
import { DEFAULT_LIMITS, spawnLauncher, type LaunchCommand, type Launcher, type OutputLimits, type ProgramView, type RunningProgram } from "./program.js";
import { NotRun, SetupProblem, type CheckContext, type CheckResult, type ExerciseChecker, type HarnessEvent, type Outcome, type ProgramEnv, type VerifyReport } from "./types.js";
import { sandboxIfAvailable, type RunSandbox } from "../sandbox/namespace.js";
import { withRunNetwork } from "../sandbox/run-network.js";
import { writeNetSettings } from "../sandbox/sysctl.js";
import { SocketBroker } from "../sandbox/socket-broker.js";
import { subreaperWrap } from "../sandbox/reaper.js";

/**
 * Runs one exercise's checks against the learner's program: prepare the
 * environment, run each check under its deadline, explain failures, and always
 * stop every process the run started before returning.
 */

export interface VerifyOptions {
  command: LaunchCommand;
  onEvent?: (e: HarnessEvent) => void;
  readyTimeoutMs?: number;
  readiness?: "kernel" | "probe";
  signal?: AbortSignal;
  /** A live view could pass a peer that reports every call… */
  peer?: Peer;
  /** …and a launcher that starts the learner's program traced. */
  launcher?: Launcher;
  limits?: OutputLimits;
  /** Multiplies every wait (default: from the machine's load, see timing.ts). */
  timeScale?: number;
  /** The environment the program inherits (default: the checker's own); the contract's names are replaced. */
  baseEnv?: NodeJS.ProcessEnv;
  /** The traffic's seeds (default: the fixed ones and a fresh one, see seeds.ts); `--seed N` gives [N]. */
  seeds?: readonly number[];
  /**
   * The run's private network and process tree: one the caller made (the live view reads
   * its table too), false for none, or (default) one made here where Linux allows it.
   */
  sandbox?: RunSandbox | false;
}

/** A private network for one verify run, where this machine allows it (see sandbox/namespace.ts). */
async function runSandbox(wanted: RunSandbox | false | undefined): Promise<{ box?: RunSandbox; own: boolean }> {
  if (wanted === false) return { own: false };
  if (wanted) return { box: wanted, own: false };
  const box = await sandboxIfAvailable();
  return box ? { box, own: true } : { own: false };
}

const CONTRACT_VARS = ["HOST", "PORT", "SOCKET_PATH", "MESSAGE", "KEYS", "UPSTREAM_HOST", "UPSTREAM_PORT"] as const;

/** The inherited environment, minus the contract's names (a shell's PORT=3000 must not leak in), plus ours. */
export function programEnvironment(env: ProgramEnv, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...base };
  for (const k of CONTRACT_VARS) delete out[k];
  for (const k of CONTRACT_VARS) if (env[k] !== undefined) out[k] = env[k];
  // Python buffers stdout in a pipe: without this a server's prints would never show.
  out.PYTHONUNBUFFERED = "1";
  return out;
}

function withDeadline(run: () => Promise<Outcome>, ms: number, signal: AbortSignal): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      resolve({ passed: false, detail: t("check.deadline", { time: seconds(ms) }), stop: true });
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve({ passed: false, detail: t("check.cancelled"), stop: true });
    };
    signal.addEventListener("abort", onAbort, { once: true });
    run().then(
      (o) => {
        clearTimeout(timer);
        signal.removeEventListener("abort", onAbort);
        resolve(o);
      },
      (err: unknown) => {
        clearTimeout(timer);
        signal.removeEventListener("abort", onAbort);
        reject(err);
      },
    );
  });
}

/**
 * Runs the checks; a source to build (a .c file) is built first, into a private folder
 * removed at the end, so the build's time counts against no deadline. A build that fails
 * is a SetupProblem whose message holds the compiler's first lines, escaped.
 */
export async function runVerify(checker: ExerciseChecker, opts: VerifyOptions): Promise<VerifyReport> {
  if (!opts.command.build) return runChecks(checker, opts);
  let built: Built;
  try {
    built = await buildC(opts.command.build, opts.signal);
  } catch (err) {
    if (err instanceof BuildFailed) throw new SetupProblem(err.message);
    throw err;
  }
  try {
    const report = await runChecks(checker, { ...opts, command: built.command });
    if (built.warnings) report.notes.unshift(t("verify.build.warnings", { file: path.basename(opts.command.build.source), output: built.warnings }));
    return report;
  } finally {
    built.remove();
  }
}

async function runChecks(checker: ExerciseChecker, opts: VerifyOptions): Promise<VerifyReport> {
  const started = Date.now();
  const emit = opts.onEvent ?? (() => undefined);
  const controller = new AbortController();
  const signal = opts.signal ? AbortSignal.any([opts.signal, controller.signal]) : controller.signal;
  const peer = opts.peer ?? new LoopbackPeer();
  const programs: RunningProgram[] = [];
  const launcher = opts.launcher ?? spawnLauncher;
  const notes: string[] = [];
  const results: CheckResult[] = [];
  // Folders left by a tutor that was killed (-9) before it could remove them.
  sweepStaleDirs();
  let prepared: Awaited<ReturnType<ExerciseChecker["prepare"]>>;
  try {
    prepared = await checker.prepare();
  } catch (err) {
    if (err instanceof SetupProblem) throw err;
    const e = err as NodeJS.ErrnoException;
    throw new SetupProblem(t("check.setupFailed", { exercise: checker.id, error: e.code ?? e.message }));
  }
  const { env, target, cleanup } = prepared;
  const fullEnv = programEnvironment(env, opts.baseEnv);
  // The learner's program, its children and the checker's sockets share a network of their own:
  // a program that double-forks or calls setsid() ends with the run, and its port is nobody else's.
  const sandbox = await runSandbox(opts.sandbox);
  const box = sandbox.box;
  // Without one (the fallback), a subreaper where Linux has one: escaped children still end with the run.
  const wrap = box ? (cmd: string, args: readonly string[]) => box.wrap(cmd, args) : await subreaperWrap(opts.baseEnv ?? process.env);
  const inNetwork = <T>(fn: () => T): T => (box ? withRunNetwork(box.procNet, fn) : fn());
  // Made inside the run's network context: the sockets it hands over, and every callback
  // of theirs, then read that network's tables (the context follows what is created in it).
  const broker = box ? inNetwork(() => new SocketBroker(box)) : undefined;
  if (broker) peer.useSockets?.(broker);

  const scale = opts.timeScale !== undefined ? { factor: opts.timeScale } : autoTimeScale();
  const ms = (base: number): number => Math.round(base * scale.factor);
  const seeds = opts.seeds?.length ? [...opts.seeds] : runSeeds();
  const ctx: CheckContext = {
    env,
    peer,
    seeds,
    ms,
    readyTimeoutMs: opts.readyTimeoutMs ?? ms(5000),
    readiness: opts.readiness ?? (inNetwork(procAvailable) ? "kernel" : "probe"),
    signal,
    note: (text) => {
      if (!notes.includes(text)) notes.push(text);
    },
    sleep: (ms) =>
      new Promise((resolve) => {
        if (signal.aborted) return resolve();
        const onAbort = (): void => {
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          signal.removeEventListener("abort", onAbort);
          resolve();
        }, ms);
        signal.addEventListener("abort", onAbort, { once: true });
      }),
    launch: (extra) => {
      // Announced at launch, not before: a client exercise learns its PORT only once the checker's server is up.
      emit({ kind: "start", command: opts.command, env: { ...env, ...extra } });
      const p = launcher(opts.command, extra ? programEnvironment({ ...env, ...extra }, opts.baseEnv) : fullEnv, (line) => emit({ kind: "output", line }), opts.limits ?? DEFAULT_LIMITS, wrap);
      programs.push(p);
      return p;
    },
    program: () => programs[programs.length - 1],
    netSettings: (settings) => (box ? writeNetSettings(box, settings) : Promise.resolve(false)),
  };

  const checks = checker.checks(ctx, target);
  let stopReason: string | undefined;
  // Every reading of the kernel's tables during the checks is of the run's own network.
  await inNetwork(async () => {
    try {
      for (const [index, check] of checks.entries()) {
        if (signal.aborted) break;
        if (stopReason) {
          const r: CheckResult = { name: check.name, passed: false, skipped: true, detail: t("check.notRun", { reason: stopReason }), ms: 0 };
          results.push(r);
          emit({ kind: "check-done", result: r, index, total: checks.length });
          continue;
        }
        emit({ kind: "check-start", name: check.name, index, total: checks.length });
        const program = ctx.program();
        const exitedBefore = program?.exit() !== undefined;
        const t0 = Date.now();
        let outcome: Outcome;
        let skipped = false;
        try {
          outcome = await withDeadline(() => check.run(), ms(check.deadlineMs), signal);
        } catch (err) {
          if (err instanceof NotRun) {
            outcome = { passed: false, detail: t("check.notRun", { reason: err.message }), stop: true };
            skipped = true;
          } else throw err;
        }
        if (signal.aborted) break;
        const result: CheckResult = { name: check.name, passed: outcome.passed, detail: outcome.detail ?? "", ms: Date.now() - t0 };
        if (skipped) result.skipped = true;
        if (!outcome.passed) {
          if (outcome.hint) result.hint = outcome.hint;
          const hintId = outcome.hintId ?? check.hintId;
          if (hintId) result.hintId = hintId;
          if (outcome.seed !== undefined) result.seed = outcome.seed;
          // A crash during the check is part of the story, even if the check did not see it.
          const now = ctx.program();
          // (Unless the check's own detail has told it already.)
          if (!check.expectsExit && now && now === program && !exitedBefore && now.exit() && !exitDescribed(now.exit()!)) {
            result.detail += `\n${exitStory(now, env, t("check.when.duringCheck"))}`;
          }
          if (outcome.stop) stopReason = t("check.stop.earlierFailed");
          else if (!check.expectsExit && now?.exit() && checks[index + 1] && !skipped) stopReason = t("check.stop.exitedEarlier", { exit: describeExit(now.exit()!) });
        }
        results.push(result);
        emit({ kind: "check-done", result, index, total: checks.length });
      }
    } finally {
      controller.abort();
      await Promise.all(programs.map((p) => p.stop()));
      peer.dispose();
      cleanup?.();
      broker?.dispose();
      if (sandbox.own) box?.stop();
    }
  });
  let hidden = 0;
  for (const p of programs) hidden += p.flushOutput().hiddenBytes;
  const cancelled = opts.signal?.aborted === true;
  const passed = !cancelled && results.length === checks.length && results.every((r) => r.passed);
  // Only worth saying when a failure came from waiting, not from a crash or wrong bytes.
  const waited = results.some((r) => !r.passed && !r.skipped && r.ms >= ms(1500));
  if (!passed && waited && scale.factor > 1 && scale.why) notes.push(scale.why);
  return {
    exercise: checker.id,
    passed,
    checks: results,
    seeds,
    notes,
    command: opts.command,
    env,
    pids: programs.map((p) => p.pid),
    ...(target ? { target } : {}),
    exits: programs.map((p) => p.exit()),
    hiddenOutputBytes: hidden,
    ms: Date.now() - started,
    cancelled,
  };
}

export type { ProgramView };
