import { createInterface } from "node:readline/promises";
import path from "node:path";
import { requireExercise, SOLUTION_HEADER, solutionFiles } from "../exercises/files.js";
import { loadProgress, updateProgress } from "../progress/store.js";
import { colourEnabled, makeStyle } from "../util/style.js";
import { parseCommandArgs } from "./args.js";
import { commandHelp } from "./registry.js";
import { UserError } from "../util/errors.js";
import { t } from "../text/catalog.js";
import { escapeTerminal } from "../text/escape.js";
import { shellQuote, tutor } from "../util/invocation.js";

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("solution", argv, { yes: { type: "boolean", short: "y" } });
  if (values.help) {
    process.stdout.write(
      commandHelp("solution", t("help.solution.text"), [t("help.solution.yes")]),
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
        throw new UserError(t("exercise.solution.notPassed", { id: ex.id, command: tutor(`solution ${ex.id} --yes`) }));
      }
      yes = await confirm(t("exercise.solution.ask", { id: ex.id, hint: tutor(`hint ${ex.id}`) }));
      if (!yes) {
        process.stdout.write(t("exercise.solution.notShown", { command: tutor(`hint ${ex.id}`) }) + "\n");
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
  if (files.length === 0) throw new UserError(t("exercise.solution.none", { id: ex.id }));
  for (const f of files) {
    const header = t(SOLUTION_HEADER[f.language], { id: ex.id, file: f.name });
    process.stdout.write(`${s.bold(s.cyan(header))}\n${f.text.replace(/\s*$/, "")}\n\n`);
  }
  const command = tutor(`verify ${ex.id} ${escapeTerminal(shellQuote(path.join(ex.dir, files[0]!.name)))}`);
  process.stdout.write(s.dim(t("exercise.solution.check", { command })) + "\n");
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
