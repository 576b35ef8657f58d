import path from "node:path";
import { loadExercises } from "../exercises/catalog.js";
import { learnerFileName, requireExercise } from "../exercises/files.js";
import { formatProblem } from "../lessons/load.js";
import { writeStarters } from "../exercises/starters.js";
import { exerciseStatus, loadProgress } from "../progress/store.js";
import { renderMarkdown } from "../render/markdown.js";
import { colourEnabled, makeStyle, readingWidth, wrap } from "../util/style.js";
import { parseCommandArgs } from "./args.js";
import { helpText } from "./context.js";

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("exercise", argv, {});
  if (values.help) {
    process.stdout.write(
      helpText("exercise [<exercise>]", "Show an exercise's task and write its starter files (Python and JavaScript) into ./socket-tutor-exercises/<exercise>/.", [
        "Files that already exist are never overwritten: your work is safe to run this again.",
        "Without <exercise>, lists the exercises.",
        "Then: socket-tutor verify <exercise> <file>; socket-tutor hint <exercise>; socket-tutor solution <exercise>.",
      ]),
    );
    return 0;
  }
  if (!positionals[0]) {
    process.stdout.write(listExercises());
    return 0;
  }
  const ex = requireExercise(positionals[0], "exercise");
  // Written before the task is shown: if the folder cannot be written, the learner sees why at once.
  const { written, kept, dir, missing } = writeStarters(ex, process.cwd());
  const width = readingWidth();
  const colour = colourEnabled();
  const s = makeStyle(colour);
  process.stdout.write(`${await renderMarkdown(`# ${ex.title}\n\n${ex.task}`, { width, colour })}\n\n`);
  const rel = path.relative(process.cwd(), dir) || ".";
  for (const f of written) process.stdout.write(`${s.green("wrote")} ${path.join(rel, f)}\n`);
  for (const f of kept) process.stdout.write(`${s.yellow("kept")}  ${path.join(rel, f)} ${s.dim("(it already exists; not overwritten)")}\n`);
  for (const m of missing) {
    const problem = formatProblem({ file: m.dir, line: 0, message: `${m.what} (${m.name}) is missing, so ${learnerFileName(ex, m)} was not written` });
    process.stderr.write(`socket-tutor: ${problem}\n`);
  }
  const first = [...written, ...kept][0] ?? `${ex.id}.py`;
  process.stdout.write(
    "\n" +
      wrap(`Next: edit one of them (the TODOs say what goes where), then check it:\n  cd ${rel}\n  socket-tutor verify ${ex.id} ${first}\nHints one at a time: socket-tutor hint ${ex.id}`, width, "  ") +
      "\n",
  );
  // The tutor's own files are incomplete: a failure, though the starters that exist were written.
  return missing.length > 0 ? 1 : 0;
}

function listExercises(): string {
  const { exercises, problems } = loadExercises();
  for (const p of problems) process.stderr.write(`socket-tutor: ${formatProblem(p)}\n`);
  const { progress, notice } = loadProgress();
  if (notice) process.stderr.write(`socket-tutor: ${notice}\n`);
  const s = makeStyle(colourEnabled());
  const w = Math.max(...exercises.map((e) => e.id.length));
  const lines = exercises.map((e) => {
    const st = exerciseStatus(progress, e.id);
    const word = st === "done" ? s.green("passed") : st === "in progress" ? s.yellow("tried") : s.dim("new");
    return `  ${e.id.padEnd(w)}  ${e.summary} ${s.dim("·")} ${word}`;
  });
  return ["Exercises:", ...lines, "", "Start one: socket-tutor exercise <exercise>"].join("\n") + "\n";
}
