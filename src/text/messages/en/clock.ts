/**
 * The demo clock (src/demo/clock.ts): it stops while a call waits for the learner's
 * key, so the programs' sleeps and timeouts see no time pass; the kernel's timers run on.
 */
export const clock = {
  // A duration: under a second in milliseconds, else seconds with one decimal.
  "clock.ms": "{n} ms",
  "clock.seconds": "{n} s",
  // After a call that took a while: {real} is how long it really took.
  "clock.took": "took {real}",
  // {demo} is the same call's time on the demo clock, which leaves the learner's pauses out.
  "clock.tookDemo": "took {real}, {demo} on the demo clock",
  // Under the plain view's header in step mode.
  "clock.plainStep": "The demo clock stops while a call waits for your Enter: the programs' sleeps, timeouts and clocks see no time pass. A call's \"took\" is its real time, then its time on the demo clock. The kernel's own timers (SYN retries, TIME_WAIT) do not stop.",
  // After a kernel-timer notice ({text} is the notice), the command that runs the demo again.
  "clock.runAgain": "{text} Run it again: {command}",
  // After a kernel-timer notice in the live view ({text}, one short sentence): R runs the demo again.
  "clock.pressR": "{text} R runs it again.",
  // Under a pane's call, in the live view: its real time, and its time on the demo clock.
  "clock.paneTook": "{real}",
  "clock.paneTookDemo": "{real} · demo {demo}",
  // The live view's help, under what the panes show.
  "clock.help": "A time after a call is how long it really took; \"demo\" is its time on the demo clock, which stops while any call waits for your key. The programs' sleeps, timeouts and clocks follow the demo clock, so reading at your own pace changes nothing they see. The kernel's own timers (SYN retries, TIME_WAIT) do not stop: when a long pause changed what one of them decided, the view says so.",
  // A note in a run that has a private network of its own (the backlog demo).
  "clock.note.synRetries": "In this run's private network the kernel retries a SYN every second for 2 minutes (net.ipv4.tcp_syn_retries and tcp_syn_linear_timeouts raised), so a client waiting for room in the queue still gets in after a long pause.",
} as const;
