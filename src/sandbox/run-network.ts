/**
 * Which network a verify run's kernel readings belong to. The checker reads the
 * socket tables in many places (readiness, queues, diagnoses); in a private network
 * they are /proc/<holder>/net/*, not /proc/net/*. The run sets it once around its
 * checks (AsyncLocalStorage keeps it per run, so two runs in one process stay apart),
 * and every reading asks here.
 */
import { AsyncLocalStorage } from "node:async_hooks";

const current = new AsyncLocalStorage<string>();

/** Runs `fn` with the socket tables read from `procNet` (a folder like /proc/1234/net). */
export function withRunNetwork<T>(procNet: string, fn: () => T): T {
  return current.run(procNet, fn);
}

/** The folder of the socket tables for the run in progress: its private network's, or /proc/net. */
export function procNetDir(): string {
  return current.getStore() ?? "/proc/net";
}
