import os from "node:os";
import { t } from "../text/catalog.js";

/**
 * How much longer to wait than the nominal times (2 s for an echo, 5 s to listen).
 * A correct program answers as soon as it gets the CPU, so generous waits cost a
 * passing run nothing; on a machine with far more runnable processes than CPUs
 * they keep a slow-to-be-scheduled program from failing. SOCKET_TUTOR_TIME_SCALE
 * sets the factor by hand (1 to 10). `why` is the note a failed run shows: why it waited longer.
 */
export function autoTimeScale(env: NodeJS.ProcessEnv = process.env): { factor: number; why?: string } {
  const forced = Number(env.SOCKET_TUTOR_TIME_SCALE);
  if (env.SOCKET_TUTOR_TIME_SCALE && Number.isFinite(forced) && forced >= 1) {
    const factor = Math.min(forced, 10);
    return { factor, why: t("check.slow.forced", { value: String(forced), factor: factor.toFixed(1) }) };
  }
  const cpus = Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
  const load = os.loadavg()[0] ?? 0;
  const perCpu = load / cpus;
  if (perCpu <= 1.5) return { factor: 1 };
  const factor = Math.min(4, Math.round(perCpu / 1.5 * 10) / 10);
  return { factor, why: t("check.slow.busy", { load: load.toFixed(1), cpus, factor: factor.toFixed(1) }) };
}
