/**
 * What the live view needs of the terminal: whether blessed can drive it at all,
 * and drawing that reads on every common TERM and on dark and light themes.
 */
import type { TagStyle } from "./paint.js";

/**
 * Why the full-screen view cannot run on this terminal, or undefined when it can.
 * TERM=dumb (Emacs shells, some CI logs) and an unset TERM have no cursor
 * movement: blessed's screen would come out as garbage there.
 */
export function liveTerminalProblem(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const term = env.TERM?.trim();
  if (!term || term === "dumb" || term === "unknown") return term || "unset";
  return undefined;
}

/** The learner's choice of contrast: SOCKET_TUTOR_CONTRAST=high draws nothing dim and every colour bold. */
export function liveTerminalStyle(colour: boolean, env: NodeJS.ProcessEnv = process.env): TagStyle {
  return { colour, highContrast: env.SOCKET_TUTOR_CONTRAST?.toLowerCase() === "high" };
}

/**
 * blessed writes the dim tone as blink (SGR 5, it has no dim flag); this turns
 * each blink parameter into dim (SGR 2) and each blink-off (25) into normal
 * intensity (22), leaving 256-colour parameters (38;5;n, 48;5;n) alone. Dim is the
 * terminal's own attribute: it reads on dark and light themes alike, where a fixed
 * grey is black on some terminals and invisible on others.
 */
export function rewriteDimSgr(text: string): string {
  if (!text.includes("\x1b[")) return text;
  return text.replace(/\x1b\[([\d;]*)m/g, (whole, params: string) => {
    if (!params.includes("5")) return whole;
    const parts = params.split(";");
    for (let i = 0; i < parts.length; i++) {
      if ((parts[i] === "38" || parts[i] === "48") && parts[i + 1] === "5") {
        i += 2;
        continue;
      }
      if ((parts[i] === "38" || parts[i] === "48") && parts[i + 1] === "2") {
        i += 4;
        continue;
      }
      if (parts[i] === "5") parts[i] = "2";
      else if (parts[i] === "25") parts[i] = "22";
    }
    return `\x1b[${parts.join(";")}m`;
  });
}
