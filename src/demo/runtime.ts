import { findPython, MIN_PYTHON, type PythonInfo } from "../util/python.js";
import type { DemoRuntime } from "./spec.js";
import { t } from "../text/catalog.js";
import { escapeTerminal } from "../text/escape.js";

// Found in util/: the fallback's subreaper (sandbox/) runs on the same interpreter.
export { findPython, MIN_PYTHON, resetPythonCache, type PythonInfo } from "../util/python.js";

export interface RuntimeChoice {
  runtime: DemoRuntime;
  python?: PythonInfo;
  /** Said to the learner when the choice is not what they asked for. */
  note?: string;
}

/** Why there is no Python to run, in words for the learner: "python3 3.8 or newer was not found on PATH". */
export function noPythonReason(env: NodeJS.ProcessEnv = process.env): string {
  const min = MIN_PYTHON.join(".");
  if (env.SOCKET_TUTOR_PYTHON) return t("demo.runtime.badOverride", { value: escapeTerminal(env.SOCKET_TUTOR_PYTHON), min });
  return t("demo.runtime.notFound", { min });
}

/**
 * Python when python3 >= 3.8 is present (the BSD calls one to one), else Node, which is always there.
 * A Python run asked for (the learner's saved choice) but not possible says so in `note`; a
 * caller for whom the request was explicit (`--runtime python`) should refuse instead.
 */
export async function chooseRuntime(requested?: DemoRuntime, env: NodeJS.ProcessEnv = process.env): Promise<RuntimeChoice> {
  if (requested === "node") return { runtime: "node" };
  const python = await findPython(env);
  if (python) return { runtime: "python", python };
  if (requested === "python") return { runtime: "node", note: t("demo.runtime.fallback", { why: noPythonReason(env) }) };
  return { runtime: "node" };
}
