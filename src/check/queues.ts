import { procNetDir } from "../sandbox/run-network.js";
import { connectionQueues, listeningOn, procAvailable, type ConnectionQueues, type Wanted } from "./procnet.js";

/**
 * The kernel's view of one loopback TCP connection the checker holds: both ends'
 * Recv-Q and Send-Q, their state, and whether a process still holds the far end.
 * The transport paces its pieces by it; a connection's end tells a reset from an
 * orderly close by it (Node reports a reset on read as an ordinary end of stream).
 */

/** Whether each tables folder (/proc/net, or a run's private network's) can be read, asked once. */
const procTables = new Map<string, boolean>();

function portOf(endpoint: string | undefined): number | undefined {
  if (!endpoint) return undefined;
  const m = /:(\d+)$/.exec(endpoint);
  return m ? Number(m[1]) : undefined;
}

export class QueueProbe {
  /**
   * The tables folders that have shown one of the checker's connections: only then does a
   * connection missing from one mean something (a sandbox may fake /proc/net/tcp, empty).
   */
  private static showsConnections = new Set<string>();
  /** Where each connection's ends were found, for the next probe of the same connection (a check makes several). */
  private static found = new Map<string, ("tcp" | "tcp6")[]>();
  private tables: ("tcp" | "tcp6")[];

  private constructor(
    readonly ourPort: number,
    readonly theirPort: number,
    v6: boolean,
    /**
     * Where this connection's tables are, taken when the probe is made (inside the run): the
     * probe is read later from socket events, which need not run in the run's context.
     */
    private readonly dir: string,
  ) {
    // An IPv6 end is in tcp6; an IPv4 one in tcp, or in tcp6 as ::ffff:… when a dual-stack server accepted it.
    this.tables = QueueProbe.found.get(this.key) ?? (v6 ? ["tcp6", "tcp"] : ["tcp", "tcp6"]);
  }

  private get key(): string {
    return `${this.dir}:${this.ourPort}:${this.theirPort}`;
  }

  /** A probe for the TCP connection between two endpoints ("127.0.0.1:40000", "[::1]:8000"), or undefined where none can be read. */
  static between(local: string | undefined, remote: string | undefined): QueueProbe | undefined {
    const ours = portOf(local);
    const theirs = portOf(remote);
    if (ours === undefined || theirs === undefined) return undefined;
    // Asked once per folder: reading the tcp table to find out costs as much as a probe.
    const dir = procNetDir();
    if (!procTables.has(dir)) procTables.set(dir, procAvailable(dir));
    return procTables.get(dir) ? new QueueProbe(ours, theirs, local?.startsWith("[") === true, dir) : undefined;
  }

  static for(conn: { local?: string; remote?: string }): QueueProbe | undefined {
    return QueueProbe.between(conn.local, conn.remote);
  }

  /**
   * Does the table show real sockets? Known once it has shown one of the checker's
   * connections; asked otherwise: is the listener of this connection (the program's, or the
   * checker's own server) in it?
   */
  tableIsReal(): boolean {
    if (!QueueProbe.showsConnections.has(this.dir) && listeningOn([this.ourPort, this.theirPort], this.dir)) QueueProbe.showsConnections.add(this.dir);
    return QueueProbe.showsConnections.has(this.dir);
  }

  /** The ends' queues; `wanted` says which end is needed (the table is read only until it is found). */
  read(wanted: Wanted = "both"): ConnectionQueues | undefined {
    const q = connectionQueues(this.ourPort, this.theirPort, this.tables, wanted, this.dir);
    if (q?.ours || q?.theirs) QueueProbe.showsConnections.add(this.dir);
    // Both ends found: from now on read only the tables they are in (each read costs a walk of the kernel's table).
    if (q?.ours && q.theirs) {
      this.tables = q.tables;
      if (QueueProbe.found.size > 1000) QueueProbe.found.clear();
      QueueProbe.found.set(this.key, q.tables);
    }
    return q;
  }
}
