/**
 * A demo that runs only in a private network of its own (demo.json `privateNetworkOnly`):
 * one that binds `::`. Inside the run's network that address reaches only its own
 * loopback; on the machine's shared network it is every interface, and any computer
 * that can reach this one could connect. So where no private network can be made the
 * demo refuses to run, before any program starts, and says why.
 */
import { sandboxSupport } from "../sandbox/namespace.js";
import { t } from "../text/catalog.js";
import { escapeTerminal } from "../text/escape.js";
import type { DemoSpec } from "./spec.js";

/**
 * The refusal, or undefined when the demo may run: it does not need a private network,
 * or one can be made here. `sandbox` false: the run was asked to share the machine's
 * network (a test, an option), which such a demo cannot do either.
 */
export async function privateNetworkRefusal(spec: DemoSpec, sandbox = true, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  if (spec.privateNetworkOnly === undefined) return undefined;
  let reason: string;
  if (!sandbox) reason = t("demo.private.asked");
  else {
    const support = await sandboxSupport(env);
    if (support.available) return undefined;
    reason = support.reason ?? t("demo.private.unknown");
  }
  return refused(spec, reason);
}

/** The same refusal for a run that got no private network although one could be made a moment ago. */
export function noPrivateNetworkAfterAll(spec: DemoSpec): string {
  return refused(spec, t("demo.private.unknown"));
}

// The title and the reason are lesson text: escaped, as any lesson text in a message.
function refused(spec: DemoSpec, reason: string): string {
  return t("demo.private.refused", { title: escapeTerminal(spec.title), reason, why: escapeTerminal(spec.privateNetworkOnly ?? "") });
}
