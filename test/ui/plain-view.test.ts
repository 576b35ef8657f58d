import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { DemoEvent } from "../../src/demo/events.js";
import type { DemoSession } from "../../src/demo/session.js";
import type { DemoSpec } from "../../src/demo/spec.js";
import { initialState, reduce, type DemoState } from "../../src/demo/state.js";
import type { SocketRow } from "../../src/kernel/types.js";
import { PlainView } from "../../src/ui/plain-view.js";
import { makeStyle } from "../../src/util/style.js";

const spec: DemoSpec = {
  id: "t",
  title: "Test demo",
  summary: "s",
  processes: [
    { name: "server", side: "left", python: "server.py", node: "server.mjs" },
    { name: "client", side: "right", python: "client.py", node: "client.mjs" },
  ],
};

/** A PlainView over a hand-made session: the state is what the events make of it. */
function viewOf(): { view: PlainView; out: string[]; apply(ev: DemoEvent): void } {
  const session = { demo: { spec }, runtime: "python", mode: "run", port: 8000, state: initialState({ spec, runtime: "python", mode: "run", sources: {} }) as DemoState };
  const out: string[] = [];
  const view = new PlainView(session as unknown as DemoSession, { write: (t) => out.push(t), style: makeStyle(false), width: 100 });
  return {
    view,
    out,
    apply(ev) {
      session.state = reduce(session.state, ev);
      view.onEvent(ev);
    },
  };
}

const listen = (p: Partial<SocketRow> = {}): SocketRow => ({ proto: "tcp", local: "127.0.0.1:8000", remote: "0.0.0.0:*", state: "LISTEN", recvQ: 3, sendQ: 5, inode: 1, ...p });
const table = (rows: SocketRow[], t: number, source = "/proc/net + ss"): DemoEvent => ({ type: "table", snapshot: { t, rows, source }, t });

describe("the plain demo view", () => {
  it("the verdict is the last thing printed: a table arriving after it prints nothing", () => {
    const v = viewOf();
    v.apply(table([listen()], 1));
    v.apply({ type: "status", status: "done", ok: true, t: 2 });
    v.view.summary();
    const printed = v.out.join("");
    assert.match(printed, /The demo ran as designed(\.|: .+)\n$/);
    v.apply(table([], 3));
    v.apply({ type: "note", text: "late", level: "info", t: 4 });
    assert.equal(v.out.join(""), printed, "nothing after the verdict");
  });

  it("without ss a listener's backlog is '?' with a line saying why, during the run and in the final table", () => {
    const v = viewOf();
    const reason = "/proc/net does not show it and ss is not installed";
    v.apply({ type: "table", snapshot: { t: 1, rows: [listen({ sendQ: 0, unknown: ["sendQ"] })], source: "/proc/net", unknownReason: reason }, t: 1 });
    v.apply({ type: "status", status: "done", ok: true, t: 2 });
    v.view.summary();
    const printed = v.out.join("");
    assert.doesNotMatch(printed, /accept queue 3\/0/);
    assert.equal(printed.match(/accept queue 3\/\?/g)?.length, 2, printed);
    assert.equal(printed.match(new RegExp(`\\? = not known here: ${reason}`, "g"))?.length, 2, printed);
    // With ss, the numbers and no such line.
    const w = viewOf();
    w.apply(table([listen()], 1));
    assert.match(w.out.join(""), /accept queue 3\/5/);
    assert.doesNotMatch(w.out.join(""), /not known/);
  });
});
