import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "../util/errors.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * node:util parseArgs, with its errors turned into usage errors the learner can read
 * ("unknown option '--foo'") instead of a TypeError with a code.
 */
export function parseCommandArgs<O extends Options>(command: string, argv: string[], options: O, allowPositionals = true) {
  try {
    return parseArgs({ args: argv, options: { help: { type: "boolean", short: "h" }, ...options }, allowPositionals, strict: true });
  } catch (err) {
    const msg = (err as Error).message.replace(/\. To specify a positional argument.*$/s, "").replace(/^Unknown option/, "unknown option");
    throw new UsageError(msg, command);
  }
}
