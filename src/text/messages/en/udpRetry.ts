/**
 * The udp-retry exercise's checks: the learner writes a UDP client; the checker is a
 * udp-kv server that drops, doubles and delays datagrams on purpose. b'…' excerpts are
 * data; {time} and {gaps} are durations; {where} is address:port; {exit} is "exited with
 * code 1" or similar.
 */
export const udpRetry = {
  // The checker's server, as it is named in the live view.
  "udpRetry.label": "the checker's lossy udp-kv server",

  // Check names.
  "udpRetry.check.sends": "sends a retrieve of the first key to HOST:PORT",
  "udpRetry.check.retries": "tries again after a timeout: at least 5 tries, each wait longer than the one before",
  "udpRetry.check.prints": "prints key=value once for each key, in order (a lost reply, a doubled one, a late one)",
  "udpRetry.check.exits": "exits with status 0 after the last key",

  "udpRetry.wrongFirst": "The first datagram your client sent is {got}, but the first key is {key} (KEYS={keys}). Send each key as it is, one datagram per request, with no line end.",
  "udpRetry.exitedBefore": "Your program {exit} after {time}, before it sent a datagram to {where}.",
  "udpRetry.nothingSent": "No datagram reached {where} within {time}. Send the first key there: sendto(key, (HOST, PORT)).",

  // {what} is one of the two texts below.
  "udpRetry.lostRequest": "the checker dropped that request",
  "udpRetry.lostReply": "the checker dropped the reply to that request",
  "udpRetry.gaveUp": "Your client sent the request {key} once; {what}, and your client {exit} without sending it again.",
  "udpRetry.waitsForever": "Your client sent the request {key} once; {what}. In the next {time} it sent nothing more and printed nothing: it still waits for a reply that will never come.",
  "udpRetry.help.timeout": "UDP does not tell you that a datagram was lost. Wait with a timeout (settimeout() in Python, a timer in Node.js); when it runs out, send the same request again.",
  "udpRetry.help.retries": "Loss is normal for UDP: when a timeout runs out, send the request again, at least 5 times in all before you give up.",
  "udpRetry.tooFewTries": "The checker dropped the first {dropped} requests for {key}. Your client sent it {n} times (waits between tries: {gaps}) and then {state}.",
  "udpRetry.stillWaiting": "went on waiting",
  // A passed check's note: the machine was too busy to judge the waits, so they were not judged.
  "udpRetry.tooBusyToJudge": "Not judged: whether the waits between the tries grew. This machine held the checker up by {ms} ms, about as long as the waits themselves; run verify again when it is less busy.",
  "udpRetry.notGrowing": "Your client sent {key} again and again, but the waits between the tries did not grow: {gaps}.",
  "udpRetry.help.backoff": "Wait longer after each timeout (double it: 100 ms, 200 ms, 400 ms…): a network that loses datagrams is often busy, and tries at a fixed rate keep it busy.",

  // {n} is the line number; {line} and {want} are the printed and the expected line.
  "udpRetry.printedStale": "Line {n} of your output is {line}, but it should be {want}.",
  "udpRetry.nothingMore": "nothing (every key was printed already)",
  "udpRetry.staleLate": "That is the reply to an earlier request for {key}: it came late, when your client was already waiting for {next}.",
  "udpRetry.staleTwice": "That is the second copy of the reply for {key}: the checker sent it twice, and UDP can deliver a datagram twice.",
  "udpRetry.help.stale": "Before you print a reply, check that it is for the key you asked for (it starts with key=); drop any other datagram and keep waiting.",
  "udpRetry.printedWrong": "Line {n} of your output is {line}, but it should be {want}.",
  "udpRetry.help.print": "Print each reply exactly as it came, one line per key, in the order of KEYS.",
  "udpRetry.missing": "Your client printed {printed} of {total} lines, all right; the next should be {missing}. Then it {state}.",
  "udpRetry.stillRunning": "Your client was still running after it had printed every key: exit when the last key is printed.",
  "udpRetry.exited": "Your client {exit}; it should exit with status 0 once every key is printed.",
} as const;
