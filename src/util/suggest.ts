import { t } from "../text/catalog.js";
import { escapeTerminal } from "../text/escape.js";
import { oneOf } from "../text/list.js";

/** Edit distance, for "did you mean" suggestions on unknown commands and ids. */
export function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/**
 * The valid names closest to what was typed: substring matches first (so "socket"
 * finds "what-is-a-socket"), then anything within a third of its length in edits.
 */
export function closest(input: string, candidates: readonly string[], max = 3): string[] {
  const needle = input.toLowerCase();
  const scored = candidates.map((c) => {
    const hay = c.toLowerCase();
    const contains = needle.length >= 3 && (hay.includes(needle) || needle.includes(hay));
    return { c, d: contains ? 0 : editDistance(needle, hay) };
  });
  const limit = Math.max(2, Math.ceil(needle.length / 3));
  return scored
    .filter((s) => s.d <= limit)
    .sort((x, y) => x.d - y.d || x.c.localeCompare(y.c))
    .slice(0, max)
    .map((s) => s.c);
}

export function didYouMean(input: string, candidates: readonly string[]): string {
  const near = closest(input, candidates);
  return near.length ? t("cli.didYouMean", { names: oneOf(near.map((n) => `'${escapeTerminal(n)}'`)) }) : "";
}
