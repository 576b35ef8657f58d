import { createInterface } from "node:readline/promises";
import path from "node:path";
import { requireExercise, solutionFiles } from "../exercises/files.js";
import { loadProgress, updateProgress } from "../progress/store.js";
import { colourEnabled, makeStyle } from "../util/style.js";
import { parseCommandArgs } from "./args.js";
import { helpText } from "./context.js";
import { UserError } from "./errors.js";

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("solution", argv, { yes: { type: "boolean", short: "y" } });
  if (values.help) {
    process.stdout.write(
      helpText("solution <exercise> [--yes]", "Show the reference solutions (Python and JavaScript) of an exercise.", [
        "Once you have passed the exercise they are shown at once. Before that, you are asked first;",
        "--yes answers for you (needed without a terminal).",
      ]),
    );
    return 0;
  }
  const ex = requireExercise(positionals[0], "solution");
  const s = makeStyle(colourEnabled());
  const loaded = loadProgress();
  if (loaded.notice) process.stderr.write(`socket-tutor: ${loaded.notice}\n`);
  const state = loaded.progress.exercises[ex.id];
  const open = state?.passed === true || state?.solutionUnlocked === true;
  if (!open) {
    let yes = values.yes === true;
    if (!yes) {
      if (!process.stdin.isTTY || !process.stdout.isTTY) {
        throw new UserError(`you have not passed '${ex.id}' yet, so its solutions are not shown without asking. To see them anyway: socket-tutor solution ${ex.id} --yes`);
      }
      yes = await confirm(`You have not passed ${ex.id} yet. Reading the solution now takes away the puzzle; a hint may be enough (socket-tutor hint ${ex.id}). Show the solutions? [y/N] `);
      if (!yes) {
        process.stdout.write(`Not shown. A hint: socket-tutor hint ${ex.id}\n`);
        return 0;
      }
    }
    const { notice } = updateProgress((p) => {
      const e = (p.exercises[ex.id] ??= { passed: false, attempts: 0, hintsShown: 0 });
      e.solutionUnlocked = true;
    });
    if (notice) process.stderr.write(`socket-tutor: ${notice}\n`);
  }
  const files = solutionFiles(ex);
  if (files.length === 0) throw new UserError(`the exercise '${ex.id}' has no reference solutions (this is a bug in socket-tutor)`);
  for (const f of files) {
    const label = f.language === "python" ? "Python" : "JavaScript";
    process.stdout.write(`${s.bold(s.cyan(`── ${ex.id}: ${f.name} (${label}) ──`))}\n${f.text.replace(/\s*$/, "")}\n\n`);
  }
  process.stdout.write(s.dim(`Run one through the checks: socket-tutor verify ${ex.id} ${path.join(ex.dir, files[0]!.name)}\n`));
  return 0;
}

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await rl.question(question);
    return /^y(es)?$/i.test(answer.trim());
  } catch {
    return false;
  } finally {
    rl.close();
  }
}
