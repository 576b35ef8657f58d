import { allNames, findEntry, loadGlossary } from "../lessons/glossary.js";
import { renderEntry, renderGlossaryList } from "../render/words.js";
import { t } from "../text/catalog.js";
import { escapeTerminal } from "../text/escape.js";
import { UserError } from "../util/errors.js";
import { tutor } from "../util/invocation.js";
import { colourEnabled, readingWidth } from "../util/style.js";
import { didYouMean } from "../util/suggest.js";
import { parseCommandArgs } from "./args.js";
import { loadContext } from "./context.js";
import { commandHelp } from "./registry.js";

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("glossary", argv, {});
  if (values.help) {
    process.stdout.write(commandHelp("glossary", t("help.glossary.text"), [t("help.glossary.example", { command: tutor("glossary TIME_WAIT") })]));
    return 0;
  }
  const { lessons } = loadContext();
  const glossary = loadGlossary();
  if (glossary.entries.length === 0) throw new UserError(t("words.noGlossary", { file: escapeTerminal(glossary.file) }));
  const opts = { width: readingWidth(), colour: colourEnabled() };
  // "accept queue" typed without quotes arrives as two arguments.
  const word = positionals.join(" ").trim();
  if (!word) {
    process.stdout.write(`${t("words.listTitle", { n: glossary.entries.length })}\n${renderGlossaryList(glossary.entries, opts)}\n\n${t("words.listMore", { command: tutor("glossary <word>") })}\n`);
    return 0;
  }
  const entry = findEntry(glossary, word);
  if (!entry) {
    const shown = escapeTerminal(word);
    throw new UserError(t("words.noEntry", { word: shown, suggestion: didYouMean(word, allNames(glossary)), command: tutor(`search ${shellWord(word)}`) }));
  }
  process.stdout.write((await renderEntry(entry, lessons, opts)) + "\n");
  return 0;
}

/** The learner's word, safe to print inside a command they may paste. */
function shellWord(word: string): string {
  return /^[\w.-]+$/.test(word) ? word : `'${escapeTerminal(word).replace(/'/g, "'\\''")}'`;
}
