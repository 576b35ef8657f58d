/** What every bench section reports, and how: one row per figure, medians beside a baseline. */
export interface BenchRow {
  name: string;
  medianMs: number;
  peakRssMb?: number;
  baselineName?: string;
  baselineMs?: number;
  note?: string;
  /** What medianMs measures when it is not milliseconds ("%" of a core). */
  unit?: string;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
