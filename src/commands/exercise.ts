import path from "node:path";
import { loadExercises } from "../exercises/catalog.js";
import { learnerFileName, requireExercise } from "../exercises/files.js";
import { formatProblem } from "../lessons/load.js";
import { writeStarters } from "../exercises/starters.js";
import { exerciseStatus, loadProgress } from "../progress/store.js";
import { renderMarkdown } from "../render/markdown.js";
import { t } from "../text/catalog.js";
import { escapeTerminal } from "../text/escape.js";
import { displayWidth, padEnd } from "../text/width.js";
import { learnerCwd, shellQuote, tutor } from "../util/invocation.js";
import { expandTutor } from "../lessons/tokens.js";
import { colourEnabled, makeStyle, readingWidth, terminalWidth, type Styler } from "../util/style.js";
import { keepTogether, wrap } from "../text/wrap.js";
import { parseCommandArgs } from "./args.js";
import { commandHelp } from "./registry.js";

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("exercise", argv, {});
  if (values.help) {
    process.stdout.write(
      commandHelp("exercise", t("help.exercise.text"), [
        t("help.exercise.safe"),
        t("help.exercise.list"),
        t("help.exercise.then", { verify: tutor("verify <exercise> <file>"), hint: tutor("hint <exercise>"), solution: tutor("solution <exercise>") }),
      ]),
    );
    return 0;
  }
  if (!positionals[0]) {
    process.stdout.write(listExercises());
    return 0;
  }
  const ex = requireExercise(positionals[0], "exercise");
  // The learner's folder (INIT_CWD under `npm start`), never the tutor's own checkout.
  const cwd = learnerCwd();
  // Written before the task is shown: if the folder cannot be written, the learner sees why at once.
  const { written, kept, dir, missing } = writeStarters(ex, cwd);
  const width = readingWidth();
  const colour = colourEnabled();
  const s = makeStyle(colour);
  process.stdout.write(`${await renderMarkdown(`# ${ex.title}\n\n${expandTutor(ex.task)}`, { width, colour })}\n\n`);
  process.stdout.write(`${wrap(t("exercise.where", { folder: escapeTerminal(dir) }), width)}\n`);
  process.stdout.write(fileLines(written, kept, s));
  for (const m of missing) {
    const problem = formatProblem({ file: m.dir, line: 0, message: t("exercise.starterMissing", { what: m.what, name: m.name, file: learnerFileName(ex, m) }) });
    process.stderr.write(`socket-tutor: ${problem}\n`);
  }
  const first = [...written, ...kept][0] ?? `${ex.id}.py`;
  // From the folder the learner is in, without a `cd`: the command to run the tutor may be a path relative to here.
  const file = path.relative(cwd, path.join(dir, first));
  // The prose is wrapped, the commands are not: a command broken over two lines would not run as pasted.
  const next = [
    wrap(t("exercise.next.check"), width, "  "),
    `  ${tutor(`verify ${ex.id} ${escapeTerminal(shellQuote(file))}`)}`,
    wrap(t("exercise.next.watch"), width, "  "),
    t("exercise.next.hints", { command: tutor(`hint ${ex.id}`) }),
    wrap(t("exercise.next.inTutor", { command: keepTogether(tutor("start")) }), width),
  ];
  process.stdout.write("\n" + next.join("\n") + "\n");
  // The tutor's own files are incomplete: a failure, though the starters that exist were written.
  return missing.length > 0 ? 1 : 0;
}

function listExercises(): string {
  const { exercises, problems } = loadExercises();
  for (const p of problems) process.stderr.write(`socket-tutor: ${formatProblem(p)}\n`);
  const { progress, notice } = loadProgress();
  if (notice) process.stderr.write(`socket-tutor: ${notice}\n`);
  const s = makeStyle(colourEnabled());
  // The id column is as wide as the widest id, in terminal columns.
  const ids = exercises.map((e) => escapeTerminal(e.id));
  const w = Math.max(0, ...ids.map((id) => displayWidth(id)));
  const lines = exercises.map((e, i) => {
    const st = exerciseStatus(progress, e.id);
    const word = st === "done" ? s.green(t("list.passed")) : st === "in progress" ? s.yellow(t("list.tried")) : s.dim(t("list.new"));
    // Wrapped under the summaries' column: unwrapped, the terminal cut words at its edge.
    return wrap(`  ${padEnd(ids[i]!, w)}  ${e.summary} ${s.dim("·")} ${word}`, terminalWidth(), " ".repeat(w + 4));
  });
  return [t("exercise.list.title"), ...lines, "", t("exercise.list.start", { command: tutor("exercise <exercise>") })].join("\n") + "\n";
}

/** "wrote <file>" and "kept  <file> (…)": the two words padded to one width, so the names line up in any language. */
function fileLines(written: readonly string[], kept: readonly string[], s: Styler): string {
  const wrote = t("exercise.wrote");
  const keptWord = t("exercise.kept");
  const w = Math.max(displayWidth(wrote), displayWidth(keptWord));
  const shown = (f: string): string => escapeTerminal(f);
  const lines = [
    ...written.map((f) => `  ${padEnd(s.green(wrote), w)} ${shown(f)}`),
    ...kept.map((f) => `  ${padEnd(s.yellow(keptWord), w)} ${shown(f)} ${s.dim(t("exercise.keptWhy"))}`),
  ];
  return lines.map((l) => l + "\n").join("");
}
