import type { SocketRow } from "../kernel/types.js";

/**
 * Which rows of the kernel's table belong to this run. Rows no process owns (TIME_WAIT,
 * queued connections) are found by port, so they include what earlier runs on the same
 * port left behind: one is kept only when both its ends belong to this run, seen in this
 * run's calls or in rows it owns.
 */
export class RunRows {
  private readonly endpoints = new Set<string>();

  /** A new run (a restart): what the last one saw does not count. */
  clear(): void {
    this.endpoints.clear();
  }

  select(rows: SocketRow[], calls: Iterable<{ local?: string; peer?: string }>): SocketRow[] {
    for (const r of rows) {
      if (r.pid === undefined || r.proto === "unix") continue;
      this.endpoints.add(r.local);
      if (r.remote) this.endpoints.add(r.remote);
    }
    for (const c of calls) {
      if (c.local) this.endpoints.add(c.local);
      if (c.peer) this.endpoints.add(c.peer);
    }
    return rows.filter((r) => r.pid !== undefined || r.proto === "unix" || (this.seen(r.local) && (this.seen(r.remote) || /:\*$/.test(r.remote))));
  }

  private seen(endpoint: string): boolean {
    if (this.endpoints.has(endpoint)) return true;
    // Calls name IPv4 peers as "127.0.0.1:8000"; the kernel may print a mapped "[::ffff:127.0.0.1]:8000".
    const mapped = /^\[::ffff:([\d.]+)\]:(\d+)$/.exec(endpoint);
    return mapped !== null && this.endpoints.has(`${mapped[1]}:${mapped[2]}`);
  }
}
