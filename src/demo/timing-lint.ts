/**
 * Which timing APIs a demo program may use: those the tracers make follow the demo
 * clock (socket_tutor_trace.py, preload.ts). Anything else that waits or reads a
 * clock would see the learner's pauses again: a 5 s timeout that runs out while the
 * learner reads, a "connect() took 13 s" that counts the reading. The tests run this
 * over every demo program (test/demo/timing-lint.test.ts), so a new demo cannot bring
 * the problem back. A line scanner, not a parser: a demo program is short and plain.
 */
import type { DemoRuntime } from "./spec.js";

export interface TimingProblem {
  line: number;
  /** The API as written ("time.time", "Date.now"). */
  api: string;
}

/** What the Python tracer makes follow the demo clock. */
export const PYTHON_SUPPORTED = {
  time: ["sleep", "monotonic", "perf_counter", "monotonic_ns", "perf_counter_ns"],
  select: ["select"],
  /** Socket timeouts: settimeout(), create_connection(timeout=), setdefaulttimeout(); selectors' select(timeout). */
  socket: ["settimeout", "setdefaulttimeout", "create_connection"],
} as const;

/** What the Node preload makes follow the demo clock. */
export const NODE_SUPPORTED = {
  globals: ["setTimeout", "setInterval", "clearTimeout", "clearInterval", "setImmediate", "clearImmediate"],
  "node:timers": ["setTimeout", "setInterval", "clearTimeout", "clearInterval", "setImmediate", "clearImmediate"],
  "node:timers/promises": ["setTimeout"],
  performance: ["now"],
  Atomics: ["wait"],
} as const;

/** Python: modules and names whose clocks or waits the tracer does not cover. */
const PYTHON_RULES: Array<{ re: RegExp; api: (m: RegExpExecArray) => string | undefined }> = [
  // time.X for X outside the supported list (time.time, time.process_time, ...).
  { re: /\btime\.([A-Za-z_]\w*)/g, api: (m) => ((PYTHON_SUPPORTED.time as readonly string[]).includes(m[1]!) ? undefined : `time.${m[1]}`) },
  { re: /\bfrom\s+time\s+import\s+([^#\n]+)/g, api: (m) => m[1]!.split(",").map((n) => n.trim().split(/\s+/)[0]!).find((n) => !(PYTHON_SUPPORTED.time as readonly string[]).includes(n)) && `from time import ${m[1]!.trim()}` },
  { re: /\bdatetime\b/g, api: () => "datetime" },
  { re: /\basyncio\b/g, api: () => "asyncio" },
  { re: /\bsched\b/g, api: () => "sched" },
  { re: /\bsignal\.(alarm|setitimer|sigtimedwait)\b/g, api: (m) => `signal.${m[1]}` },
  { re: /\bselect\.(poll|epoll|kqueue|devpoll)\b/g, api: (m) => `select.${m[1]}` },
  { re: /\bthreading\.Timer\b/g, api: () => "threading.Timer" },
  // A wait with a timeout on a thread, event, condition, queue or process: threading's own clock.
  { re: /\.(wait|join|get|put|acquire)\(\s*(timeout\s*=|[\d.]+\s*[,)])/g, api: (m) => `.${m[1]}(timeout)` },
  // Processes the tutor does not trace, and a module imported under another name (its calls would go unseen here).
  { re: /\bsubprocess\b|\bmultiprocessing\b|\bconcurrent\.futures\b/g, api: (m) => m[0] },
  { re: /\bimport\s+time\s+as\s+\w+/g, api: (m) => m[0] },
];

/** Node: globals and modules whose clocks or waits the preload does not cover. */
const NODE_RULES: Array<{ re: RegExp; api: (m: RegExpExecArray) => string | undefined }> = [
  { re: /\bDate\b/g, api: () => "Date" },
  { re: /\bprocess\.(hrtime|uptime|cpuUsage)\b/g, api: (m) => `process.${m[1]}` },
  { re: /\bperformance\.([A-Za-z_]\w*)/g, api: (m) => ((NODE_SUPPORTED.performance as readonly string[]).includes(m[1]!) ? undefined : `performance.${m[1]}`) },
  { re: /\bAtomics\.([A-Za-z_]\w*)/g, api: (m) => (m[1] === "wait" || m[1] === "store" || m[1] === "load" || m[1] === "notify" ? undefined : `Atomics.${m[1]}`) },
  { re: /\bAbortSignal\.timeout\b/g, api: () => "AbortSignal.timeout" },
  { re: /\bscheduler\.(wait|yield)\b/g, api: (m) => `scheduler.${m[1]}` },
  { re: /\bsetInterval\b[^;\n]*\bfor\s+await\b|\bfor\s+await\b[^;\n]*\bsetInterval\b/g, api: () => "timers/promises setInterval" },
  // Modules with timers of their own (http's server timeouts, workers without the preload, child processes untraced).
  { re: /from\s+["'](node:)?(http|https|http2|tls|worker_threads|child_process|cluster)["']/g, api: (m) => `node:${m[2]}` },
  { re: /require\(\s*["'](node:)?(http|https|http2|tls|worker_threads|child_process|cluster)["']\s*\)/g, api: (m) => `node:${m[2]}` },
];

/** Names imported from node:timers or node:timers/promises must be supported ones. */
function nodeTimerImports(code: string): Array<{ index: number; api: string }> {
  const out: Array<{ index: number; api: string }> = [];
  const re = /import\s*\{([^}]*)\}\s*from\s*["'](node:)?(timers|timers\/promises)["']/g;
  for (let m = re.exec(code); m; m = re.exec(code)) {
    const mod = `node:${m[3]}` as "node:timers" | "node:timers/promises";
    for (const spec of m[1]!.split(",")) {
      const name = spec.trim().split(/\s+as\s+/)[0]!.trim();
      if (name && !(NODE_SUPPORTED[mod] as readonly string[]).includes(name)) out.push({ index: m.index, api: `${mod} ${name}` });
    }
  }
  return out;
}

/** The code without comments, keeping line breaks (so line numbers stay); strings are kept. */
function stripComments(code: string, runtime: DemoRuntime): string {
  if (runtime === "python") return code.replace(/#[^\n]*/g, (c) => (/["']/.test(c) ? c : ""));
  return code.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, " ")).replace(/(^|[^:"'`])\/\/[^\n]*/g, "$1");
}

function lineOf(code: string, index: number): number {
  let n = 1;
  for (let i = 0; i < index; i++) if (code.charCodeAt(i) === 10) n++;
  return n;
}

/** The timing APIs in a demo program that the demo clock does not cover (empty: none). */
export function timingProblems(source: string, runtime: DemoRuntime): TimingProblem[] {
  const code = stripComments(source, runtime);
  const out: TimingProblem[] = [];
  for (const rule of runtime === "python" ? PYTHON_RULES : NODE_RULES) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(code); m; m = rule.re.exec(code)) {
      const api = rule.api(m);
      if (api) out.push({ line: lineOf(code, m.index), api });
    }
  }
  if (runtime === "node") for (const p of nodeTimerImports(code)) out.push({ line: lineOf(code, p.index), api: p.api });
  // One problem per API and line ("from datetime import datetime" names it twice).
  const seen = new Set<string>();
  return out.filter((p) => !seen.has(`${p.line} ${p.api}`) && seen.add(`${p.line} ${p.api}`)).sort((a, b) => a.line - b.line);
}

/** Every use of a clock or a wait, covered or not (a program without any cannot depend on the pace it is stepped at). */
const ANY_TIMING: Record<DemoRuntime, RegExp> = {
  python: /\btime\.\w+|\bfrom\s+time\s+import\b|\bsettimeout\(|\bsetdefaulttimeout\(|\btimeout\s*=|\bselect\.select\(|\bselectors\b|\bdatetime\b|\basyncio\b|\bthreading\.Timer\b|\.(wait|join)\(\s*[\d.]/g,
  node: /\bset(Timeout|Interval|Immediate)\b|\bnode:timers\b|\bperformance\.\w+|\bAtomics\.wait|\bDate\b|\bprocess\.(hrtime|uptime)\b|\bAbortSignal\.timeout\b|\bscheduler\.wait\b/g,
};

export function timingUses(source: string, runtime: DemoRuntime): TimingProblem[] {
  const code = stripComments(source, runtime);
  const re = new RegExp(ANY_TIMING[runtime].source, "g");
  const out: TimingProblem[] = [];
  for (let m = re.exec(code); m; m = re.exec(code)) out.push({ line: lineOf(code, m.index), api: m[0] });
  return out;
}
