import type { Lesson } from "../lessons/types.js";
import type { Runtime } from "../progress/store.js";
import type { ActionProvider } from "./lesson-runner.js";
import type { LiveViewExit } from "./live-view.js";
import { PromptCancelled } from "./prompts.js";

/**
 * Opens a demo in the full-screen live view, in the learner's runtime when it is
 * available here. Everything heavy (the engine, blessed) loads only now.
 */
export async function openLiveDemo(demoId: string, preferred: Runtime | undefined, opts: { mode?: "step" | "run" } = {}): Promise<LiveViewExit> {
  const [{ findDemo }, { findPython }, { straceAvailable }, { runLiveView }] = await Promise.all([
    import("../demo/launcher.js"),
    import("../demo/runtime.js"),
    import("../kernel/strace.js"),
    import("./live-view.js"),
  ]);
  const demo = findDemo(demoId);
  if (!demo) throw new Error(`no demo '${demoId}'`);
  const [python, strace] = await Promise.all([findPython(), straceAvailable()]);
  const runtime = preferred === "node" || !python ? "node" : "python";
  return runLiveView(demo, { runtime, mode: opts.mode ?? "step", pythonAvailable: python !== undefined, syscallsAvailable: strace });
}

/** In a lesson, a demo block becomes "Run the live demo" in the step's prompt. */
export function demoActions(getRuntime: () => Runtime | undefined): ActionProvider {
  return (_lesson: Lesson, block) => {
    if (block.kind !== "demo") return undefined;
    return {
      label: `▶ Run the live demo: ${block.demo}`,
      description: "Real processes, step by step: space runs the next call, q comes back here.",
      block,
      run: async () => {
        const exit = await openLiveDemo(block.demo, getRuntime());
        if (exit === "interrupt") throw new PromptCancelled();
      },
    };
  };
}
