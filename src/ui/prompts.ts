import type { Styler } from "../util/style.js";
import { colourEnabled, makeStyle, terminalWidth } from "../util/style.js";
import { wrap } from "../text/wrap.js";
import { styleText } from "node:util";
import { t } from "../text/catalog.js";

/** Ctrl-C in a prompt. Callers decide whether that leaves a lesson or the tutor. */
export class PromptCancelled extends Error {
  constructor() {
    super("cancelled");
    this.name = "PromptCancelled";
  }
}

export interface Choice<T> {
  name: string;
  value: T;
  description?: string;
}

export type MenuItem<T> = Choice<T> | { separator: string };

type InquirerModule = typeof import("inquirer");
let inquirerModule: InquirerModule | undefined;
async function inquirer(): Promise<InquirerModule> {
  inquirerModule ??= await import("inquirer");
  return inquirerModule;
}

/** The words of inquirer's key line ("↑↓ navigate • ⏎ select"), in the learner's language; a word it adds later stays as it is. */
function keyWord(action: string): string {
  if (action === "navigate") return t("menu.keys.navigate");
  if (action === "select") return t("menu.keys.select");
  return action;
}

/** inquirer colours with node:util styleText, which on Node 20 ignores NO_COLOR: give it a plain theme. */
function theme(colour: boolean, highlight: (text: string) => string): Record<string, unknown> {
  const s = makeStyle(colour);
  // The same styles inquirer's own key line uses (bold key, dim word), with the word translated.
  const colourTip = (keys: [string, string][]): string => keys.map(([k, a]) => `${styleText("bold", k)} ${styleText("dim", keyWord(a))}`).join(styleText("dim", " • "));
  if (colour) return { style: { highlight: (text: string) => s.cyan(highlight(text)), keysHelpTip: colourTip } };
  const plain = (t: string): string => t;
  return {
    prefix: { idle: "?", done: ">" },
    style: {
      answer: plain,
      message: plain,
      error: (t: string) => `> ${t}`,
      defaultAnswer: (t: string) => `(${t})`,
      help: plain,
      highlight,
      key: (t: string) => `<${t}>`,
      disabled: plain,
      description: plain,
      keysHelpTip: (keys: [string, string][]) => keys.map(([k, a]) => `${k} ${keyWord(a)}`).join(" • "),
    },
  };
}

/** The terminal was resized while the prompt waited: the caller redraws its screen and asks again. */
export class PromptResized extends Error {
  constructor(readonly active: unknown) {
    super("resized");
    this.name = "PromptResized";
  }
}

/** The caller's signal stopped the prompt (a watched file changed, say). */
export class PromptAborted extends Error {
  constructor() {
    super("aborted");
    this.name = "PromptAborted";
  }
}

export interface SelectOptions<T> {
  default?: T;
  pageSize?: number;
  /** Stops the prompt: it throws PromptAborted. */
  signal?: AbortSignal;
  /**
   * On a resize, throw PromptResized (with the choice under the cursor) so the caller
   * redraws what is above the prompt at the new width. Otherwise the prompt alone is
   * drawn again, at the new width.
   */
  resizeThrows?: boolean;
}

/**
 * One line of a choice, wrapped to the terminal so that no word is cut in two (inquirer
 * breaks lines at the last column, in the middle of a word): the first line follows the
 * cursor mark ("❯ "), the next ones are indented under it.
 */
function fitName(name: string, cols: number): string {
  return wrap(name, Math.max(10, cols - 2)).split("\n").join("\n  ");
}

/**
 * A list to choose from. Names and descriptions are wrapped at word boundaries for the
 * terminal's width, the answered prompt is cleared (the caller says what was chosen, in
 * its own words), and a resize draws it again at the new width.
 */
export async function select<T>(message: string, items: MenuItem<T>[], opts: SelectOptions<T> = {}): Promise<T> {
  const mod = await inquirer();
  const colour = colourEnabled();
  let fallback = opts.default;
  for (;;) {
    const cols = terminalWidth();
    const shown = items.map((item) => ("separator" in item ? item : { ...item, name: fitName(item.name, cols), ...(item.description ? { description: wrap(item.description, cols) } : {}) }));
    const choices = shown.map((item) => ("separator" in item ? new mod.default.Separator(item.separator) : item));
    // The choice under the cursor, followed through the theme's highlight (inquirer keeps it to itself).
    let active: T | undefined = fallback;
    const highlight = (text: string): string => {
      const hit = shown.find((c): c is Choice<T> => !("separator" in c) && text.endsWith(c.name));
      if (hit) active = hit.value;
      return text;
    };
    const controller = new AbortController();
    let resized = false;
    const onResize = (): void => {
      resized = true;
      controller.abort();
    };
    process.stdout.on("resize", onResize);
    const signal = opts.signal ? AbortSignal.any([opts.signal, controller.signal]) : controller.signal;
    try {
      const prompt = mod.default.createPromptModule({ signal, clearPromptOnDone: true } as Parameters<typeof mod.default.createPromptModule>[0]);
      const answers = (await prompt([
        {
          type: "select",
          name: "value",
          message: wrap(message, Math.max(10, cols - 2)),
          choices,
          loop: false,
          ...(opts.pageSize ? { pageSize: opts.pageSize } : {}),
          ...(fallback !== undefined ? { default: fallback } : {}),
          theme: theme(colour, highlight),
        },
      ])) as { value: T };
      return answers.value;
    } catch (err) {
      if (err instanceof Error && err.name === "ExitPromptError") throw new PromptCancelled();
      if (err instanceof Error && err.name === "AbortPromptError") {
        if (opts.signal?.aborted) throw new PromptAborted();
        if (resized) {
          if (opts.resizeThrows) throw new PromptResized(active);
          fallback = active;
          continue;
        }
        throw new PromptCancelled();
      }
      throw err;
    } finally {
      process.stdout.off("resize", onResize);
    }
  }
}

/**
 * A list filtered as the learner types (inquirer's search prompt): `source` gets what
 * has been typed and returns the choices to show.
 */
export async function searchSelect<T>(message: string, source: (typed: string) => Choice<T>[], opts: { pageSize?: number } = {}): Promise<T> {
  const mod = await inquirer();
  const cols = terminalWidth();
  const fit = (items: Choice<T>[]): Choice<T>[] => items.map((c) => ({ ...c, name: fitName(c.name, cols), ...(c.description ? { description: wrap(c.description, cols) } : {}) }));
  try {
    const prompt = mod.default.createPromptModule({ clearPromptOnDone: true } as Parameters<typeof mod.default.createPromptModule>[0]);
    const answers = (await prompt([
      {
        type: "search",
        name: "value",
        message: wrap(message, Math.max(10, cols - 2)),
        source: async (typed: string | undefined) => fit(source(typed ?? "")),
        ...(opts.pageSize ? { pageSize: opts.pageSize } : {}),
        theme: theme(colourEnabled(), (t) => t),
      },
    ])) as { value: T };
    return answers.value;
  } catch (err) {
    if (err instanceof Error && (err.name === "ExitPromptError" || err.name === "AbortPromptError")) throw new PromptCancelled();
    throw err;
  }
}

export function styler(): Styler {
  return makeStyle(colourEnabled());
}

/** Clears the screen for the next step; scrollback is left alone so the learner can scroll up. */
export function clearScreen(): void {
  if (process.stdout.isTTY) process.stdout.write("\x1b[H\x1b[2J");
}
