/**
 * The verdict of a demo run against the lesson's outcome (demo.json `outcome`,
 * src/demo/outcome.ts), and the line that names a kernel timer a held pause let run out.
 * {process} and {other} are process names of the demo ("client 2"); {call} is a call
 * name as in code ("connect"); {text} and {result} are text the program prints or returns.
 */
export const outcome = {
  "outcome.noOutput": "{process} did not print '{text}'",
  "outcome.unwantedOutput": "{process} printed '{text}'",
  "outcome.noCall": "{process}'s {call}() never returned without an error",
  "outcome.noResult": "no {call}() of {process} returned '{result}'",
  "outcome.noErrno": "{process}'s {call}() never failed with {errno}",
  "outcome.tooFew": "{process} made {n, plural, =0 {no such {call}() call} one {only # such {call}() call} other {only # such {call}() calls}}, not {count}",
  "outcome.notBefore": "{process}'s {call}() did not return before {other}'s {otherCall}()",
  // {first} and {second} are two connections' far ends ("127.0.0.1:39640").
  "outcome.interleaved": "{process} served {first} and {second} at the same time: its {call}() calls on the two connections interleave",
  // The reason a run did not run as designed. {failure} is one of the lines above; {what}
  // is the lesson's claim, a sentence from demo.json without its final period.
  "outcome.reason": "{failure}{more, plural, =0 {} other { (and # more)}}. The lesson says: {what}",
  // The demo clock stops while a call waits for the learner's key; the kernel's timers do not.
  // The plain view's last line when the lesson's outcome was seen; {what} is the lesson's claim (a sentence).
  "outcome.ranAsDesigned": "The demo ran as designed: {what}",
  "outcome.kernel.syn": "{process}'s connect() waited in SYN_SENT through {seconds, plural, one {# second} other {# seconds}} of pauses. The kernel's SYN retransmission timer does not stop with the demo clock: after about 2 minutes of retries, connect() gives up.",
  // The same, in one line of the live view (at most about 60 columns: "R runs it again." follows).
  "outcome.kernel.synLine": "Your pauses outlasted the kernel's SYN retries ({process}).",
  "outcome.kernel.timeWaitLine": "Your pauses outlasted the kernel's TIME_WAIT timer (60 s).",
  "outcome.kernel.timeWait": "The demo was paused for {seconds, plural, one {# second} other {# seconds}} after the connection closed, longer than TIME_WAIT (60 s on Linux), a kernel timer the demo clock cannot stop: the TIME_WAIT entry was gone before the restart.",
} as const;
