import type { Styler } from "../util/style.js";
import { colourEnabled, makeStyle } from "../util/style.js";

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

/** inquirer colours with node:util styleText, which on Node 20 ignores NO_COLOR: give it a plain theme. */
function theme(colour: boolean): Record<string, unknown> | undefined {
  if (colour) return undefined;
  const plain = (t: string): string => t;
  return {
    prefix: { idle: "?", done: ">" },
    style: {
      answer: plain,
      message: plain,
      error: (t: string) => `> ${t}`,
      defaultAnswer: (t: string) => `(${t})`,
      help: plain,
      highlight: plain,
      key: (t: string) => `<${t}>`,
      disabled: plain,
      description: plain,
      keysHelpTip: (keys: [string, string][]) => keys.map(([k, a]) => `${k} ${a}`).join(" • "),
    },
  };
}

export async function select<T>(message: string, items: MenuItem<T>[], opts: { default?: T; pageSize?: number } = {}): Promise<T> {
  const mod = await inquirer();
  const choices = items.map((item) => ("separator" in item ? new mod.default.Separator(item.separator) : item));
  const colour = colourEnabled();
  try {
    const answers = (await mod.default.prompt([
      {
        type: "select",
        name: "value",
        message,
        choices,
        loop: false,
        ...(opts.pageSize ? { pageSize: opts.pageSize } : {}),
        ...(opts.default !== undefined ? { default: opts.default } : {}),
        ...(theme(colour) ? { theme: theme(colour) } : {}),
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
