/** Several clients connected at the same time, in the protocol exercises (line-json, length-prefix). {time} is a duration. */
export const atOnce = {
  // Completes "Your program exited with code 1 …".
  "atOnce.when.connected": "after {n, plural, one {one client had} other {# clients had}} connected",
  "atOnce.answered": "{good} of {n} clients got their answer.",
  // {which} is a list of client numbers: "2, 3, 4".
  "atOnce.someWaiting": "{n} clients were connected at the same time and each sent its request. After {time}, {good} had the right answer; {waiting, plural, one {client {which} did} other {clients {which} did}} not.",
  "atOnce.someWrong": "{n} clients were connected at the same time and each sent its request (in pieces). {good} got the right answer; {wrong, plural, one {client {which} got} other {clients {which} got}} a wrong one: the earlier checks show why.",
  "atOnce.oneAtATime": "Your server probably serves one client at a time: the others are connected, but nobody reads their requests until the first client leaves. Use a thread per client, selectors, asyncio, or Node's events (lesson 11).",
} as const;
