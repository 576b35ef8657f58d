/** The messages between the tutor and the socket helper in a run's namespaces (socket-helper.ts). */
export type BrokerRequest =
  | { op: "connect"; id: number; host?: string; port?: number; path?: string; timeoutMs: number }
  | { op: "listen"; id: number; host: string; port?: number }
  | { op: "unlisten"; id: number; server: number }
  | { op: "udp"; id: number; host: string; family: 4 | 6 };

export type BrokerReply =
  | { id: number; ok: true; local: string; localPort: number }
  | { id: number; ok: false; code: string; message: string }
  /** A connection accepted by the server that request `server` opened; the socket comes with it. */
  | { id: 0; accepted: number };
