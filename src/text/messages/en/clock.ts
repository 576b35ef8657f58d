/**
 * The demo clock (src/demo/clock.ts): it stops while a call waits for the learner's
 * key, so the programs' sleeps and timeouts see no time pass; the kernel's timers run on.
 */
export const clock = {
  // A note in a run that has a private network of its own (the backlog demo).
  "clock.note.synRetries": "In this run's private network the kernel retries a SYN every second for 2 minutes (net.ipv4.tcp_syn_retries and tcp_syn_linear_timeouts raised), so a client waiting for room in the queue still gets in after a long pause.",
} as const;
