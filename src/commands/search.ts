import { exactEntry, loadGlossary } from "../lessons/glossary.js";
import { queryWords, searchSteps } from "../lessons/search.js";
import { renderSearch } from "../render/words.js";
import { t } from "../text/catalog.js";
import { escapeTerminal } from "../text/escape.js";
import { UsageError, UserError } from "../util/errors.js";
import { shellQuote, tutor } from "../util/invocation.js";
import { colourEnabled, makeStyle, readingWidth } from "../util/style.js";
import { wrap } from "../text/wrap.js";
import { parseCommandArgs } from "./args.js";
import { loadContext } from "./context.js";
import { commandHelp } from "./registry.js";
import { listOf } from "../text/list.js";

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("search", argv, {});
  if (values.help) {
    process.stdout.write(commandHelp("search", t("help.search.text"), [t("help.search.example", { command: tutor("search time wait") })]));
    return 0;
  }
  const query = positionals.join(" ").trim();
  if (queryWords(query).length === 0) throw new UsageError(t("words.searchWhich", { example: tutor("search backlog") }), "search");
  const { lessons } = loadContext();
  const opts = { width: readingWidth(), colour: colourEnabled() };
  const s = makeStyle(opts.colour);
  const shown = escapeTerminal(query);
  const hits = searchSteps(lessons, query);
  // The glossary's entry for the whole query, or for one of its words.
  const glossary = loadGlossary();
  const terms = [...new Set([exactEntry(glossary, query), ...queryWords(query).map((w) => exactEntry(glossary, w))].filter((e) => e !== undefined).map((e) => e.term))];
  if (hits.length === 0 && terms.length === 0) throw new UserError(t("words.searchNothing", { query: shown }));
  const out: string[] = [];
  // The command on a line of its own: a command broken over two lines would not run as pasted.
  if (terms.length) out.push(wrap(t("words.searchGlossary", { terms: listOf(terms.map((x) => escapeTerminal(x))) }), opts.width), `  ${tutor(`glossary ${escapeTerminal(shellQuote(terms[0]!))}`)}`, "");
  if (hits.length) {
    out.push(s.bold(wrap(t("words.searchTitle", { query: shown }), opts.width)), "", renderSearch(hits, opts), "", t("words.searchOpen"), `  ${tutor("lesson <lesson>")}`);
  }
  process.stdout.write(out.join("\n") + "\n");
  return 0;
}
