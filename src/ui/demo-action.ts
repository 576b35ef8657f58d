import type { Lesson } from "../lessons/types.js";
import type { Runtime } from "../progress/store.js";
import type { ActionProvider } from "./lesson-runner.js";
import type { LiveViewExit } from "./live-view.js";
import { PromptCancelled } from "./prompts.js";
import { t } from "../text/catalog.js";

/**
 * Opens a demo in the full-screen live view, in the learner's runtime when it is
 * available here. Everything heavy (the engine, blessed) loads only now.
 */
export async function openLiveDemo(demoId: string, preferred: Runtime | undefined, opts: { mode?: "step" | "run" } = {}): Promise<LiveViewExit> {
  // One import at a time: concurrent dynamic imports of overlapping module graphs
  // have failed on Node 20 with "request for './runtime.js' is not in cache".
  const { runLiveView } = await import("./live-view.js");
  const { findDemo } = await import("../demo/launcher.js");
  const { findPython } = await import("../demo/runtime.js");
  const { straceAvailable } = await import("../kernel/strace.js");
  const demo = findDemo(demoId);
  if (!demo) throw new Error(t("demo.noDemo", { id: demoId }));
  const python = await findPython();
  const runtime = preferred === "node" || !python ? "node" : "python";
  // A chat is typed, not stepped: interactive demos start running (r switches to step mode).
  const mode = opts.mode ?? (demo.spec.interactive ? "run" : "step");
  return runLiveView(demo, { runtime, mode, pythonAvailable: python !== undefined, syscallsAvailable: straceAvailable() });
}

/** In a lesson, a demo block becomes "Run the live demo" in the step's prompt. */
export function demoActions(getRuntime: () => Runtime | undefined): ActionProvider {
  return (_lesson: Lesson, block) => {
    if (block.kind !== "demo") return undefined;
    return {
      label: t("lesson.demo.run", { demo: block.demo }),
      description: t("lesson.demo.runDescription"),
      block,
      run: async () => {
        const exit = await openLiveDemo(block.demo, getRuntime());
        if (exit === "interrupt") throw new PromptCancelled();
      },
    };
  };
}
