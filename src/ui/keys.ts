import readline from "node:readline";

/**
 * inquirer (node:readline) and blessed each attach their own keypress decoder to
 * stdin; once both have run, every key arrives twice. Node's decoder is installed
 * once, and blessed is told stdin is already decoded (it checks `_keypressDecoder`),
 * so both listen to the same single stream of keypress events.
 */
let shared = false;
export function shareKeypressDecoder(stdin: NodeJS.ReadStream = process.stdin): void {
  if (shared) return;
  shared = true;
  readline.emitKeypressEvents(stdin);
  const marked = stdin as NodeJS.ReadStream & { _keypressDecoder?: unknown };
  marked._keypressDecoder ??= true;
}
