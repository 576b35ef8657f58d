import type { ExerciseChecker } from "./types.js";

/** One checker module per exercise, loaded only when that exercise is verified. */
const LOADERS: Record<string, () => Promise<{ checker: ExerciseChecker }>> = {
  "tcp-echo": () => import("./exercises/tcp-echo.js"),
  "tcp-client": () => import("./exercises/tcp-client.js"),
  "udp-upper": () => import("./exercises/udp-upper.js"),
  "chat-bye": () => import("./exercises/chat-bye.js"),
  "ipv6-echo": () => import("./exercises/ipv6-echo.js"),
  "unix-echo": () => import("./exercises/unix-echo.js"),
  "concurrent-echo": () => import("./exercises/concurrent-echo.js"),
  "udp-kv": () => import("./exercises/udp-kv.js"),
  "udp-retry": () => import("./exercises/udp-retry.js"),
  proxy: () => import("./exercises/proxy.js"),
};

export const CHECKER_IDS = Object.keys(LOADERS);

export async function loadChecker(id: string): Promise<ExerciseChecker | undefined> {
  const load = LOADERS[id];
  return load ? (await load()).checker : undefined;
}
