/**
 * Where each box of the live view goes, for a terminal size. Pure, so the compact
 * and too-small cases are tested without a terminal.
 */
import { t } from "../../text/catalog.js";

export interface Rect {
  top: number;
  left: number;
  width: number;
  height: number;
}

export interface Geometry {
  title: Rect;
  left: Rect;
  right: Rect;
  /** In the compact layout only one of the two is shown (toggled with `t`); the wire (`w`) takes the timeline's box. */
  table?: Rect;
  timeline?: Rect;
  status: Rect;
  compact: boolean;
}

export const MIN_LIVE_COLUMNS = 60;
export const MIN_LIVE_ROWS = 20;

export type BottomChoice = "table" | "timeline" | "wire";

/**
 * The boxes for a terminal size. The sizes depend on the terminal, the notes and
 * the demo (how many table rows its moment has), never on how many rows the table
 * has right now: the layout does not jump while a run goes on.
 */
export function liveLayout(cols: number, rows: number, opts: { noteLines: number; bottom: BottomChoice; tableRows: number; oneSide?: boolean }): Geometry | { tooSmall: string } {
  if (cols < MIN_LIVE_COLUMNS || rows < MIN_LIVE_ROWS) {
    return {
      tooSmall: t("live.tooSmall", { cols, rows, minCols: MIN_LIVE_COLUMNS, minRows: MIN_LIVE_ROWS }),
    };
  }
  const titleH = 1 + Math.min(3, opts.noteLines);
  const statusH = 1;
  const rest = rows - titleH - statusH;
  // A demo with one process only (no clients) gives it the whole width.
  const half = opts.oneSide ? cols : Math.floor(cols / 2);
  const title: Rect = { top: 0, left: 0, width: cols, height: titleH };
  const status: Rect = { top: rows - 1, left: 0, width: cols, height: statusH };
  // The table needs its header, the rows of the demo's moment and a legend line,
  // inside a border; the panes keep at least MIN_PANE rows (3 of source, 4 of calls,
  // 2 of output at 80x24), the timeline gets what is left (6 to 12).
  const MIN_PANE = 12;
  const wantTable = Math.max(6, Math.min(14, opts.tableRows + 4));
  const room = rest - 16 - wantTable;
  if (room >= 6 && cols >= 100) {
    const timelineH = Math.min(12, room);
    const paneH = rest - wantTable - timelineH;
    return {
      title,
      left: { top: titleH, left: 0, width: half, height: paneH },
      right: { top: titleH, left: half, width: cols - half, height: paneH },
      table: { top: titleH + paneH, left: 0, width: cols, height: wantTable },
      timeline: { top: titleH + paneH + wantTable, left: 0, width: cols, height: timelineH },
      status,
      compact: false,
    };
  }
  // Compact: one bottom box, the table or the timeline (tabs), as tall as the demo's
  // moment needs while the panes keep MIN_PANE rows; at least 6.
  const bottomH = Math.max(6, Math.min(wantTable, rest - MIN_PANE, Math.round(rest * 0.45)));
  const paneH = rest - bottomH;
  const bottom: Rect = { top: titleH + paneH, left: 0, width: cols, height: bottomH };
  return {
    title,
    left: { top: titleH, left: 0, width: half, height: paneH },
    right: { top: titleH, left: half, width: cols - half, height: paneH },
    ...(opts.bottom === "table" ? { table: bottom } : { timeline: bottom }),
    status,
    compact: true,
  };
}
