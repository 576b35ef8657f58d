import { parseArgs, type ParseArgsConfig } from "node:util";
import { t } from "../text/catalog.js";
import { escapeTerminal } from "../text/escape.js";
import { UsageError } from "../util/errors.js";
import { findCommand } from "./registry.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * node:util parseArgs, with its errors turned into usage errors the learner can read
 * ("unknown option '--foo'") instead of a TypeError with a code. Every command takes
 * as many plain arguments as the registry says, and more is the same usage error for
 * all of them (`hint` adds how to pass arguments to a program when one is given).
 */
export function parseCommandArgs<O extends Options>(command: string, argv: string[], options: O, extraHint?: () => string) {
  const parse = () => parseArgs({ args: argv, options: { help: { type: "boolean", short: "h" }, ...options }, allowPositionals: true, strict: true });
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse();
  } catch (err) {
    const msg = (err as Error).message.replace(/\. To specify a positional argument.*$/s, "").replace(/^Unknown option/, "unknown option");
    throw new UsageError(escapeTerminal(msg), command);
  }
  const info = findCommand(command);
  const max = info?.maxArgs ?? Infinity;
  if ((parsed.values as { help?: boolean }).help !== true && parsed.positionals.length > max) {
    const extra = parsed.positionals.slice(max).map((a) => `'${escapeTerminal(a)}'`).join(" ");
    const message = max === 0 ? t("cli.noArgs", { extra, command }) : t("cli.tooManyArgs", { extra, usage: info!.syntax[0]! });
    throw new UsageError(extraHint ? `${message} ${extraHint()}` : message, command);
  }
  return parsed;
}
