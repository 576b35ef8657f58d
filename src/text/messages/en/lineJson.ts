/**
 * The line-json exercise's checks: JSON requests, one per line. b'…' excerpts are data;
 * {request} is the request line as an excerpt; {n} and {k} count requests; {end} says
 * how a read ended ("then the connection closed"); {time} is a duration.
 */
export const lineJson = {
  "lineJson.label.client": "The client",
  "lineJson.label.bystander": "A client connected before",
  "lineJson.label.clientOf": "client {i} of {n}",

  // Check names.
  "lineJson.check.pipelined": "answers four requests sent together, in order, in whatever pieces they arrive",
  "lineJson.check.long": "answers a request of 10 000 numbers (almost 100 000 bytes)",
  "lineJson.check.badNumbers": "answers 1.5, \"3\", true or null among the numbers with an error line, then closes",
  "lineJson.check.badShape": "answers a request that is not a sum request with an error line, then closes",
  "lineJson.check.goesOn": "goes on serving a client connected before the errors",
  "lineJson.check.atOnce": "serves 5 clients at the same time",

  // {how} completes "sent …" (stream.sent.*).
  "lineJson.sent": "{label} sent {n, plural, one {a request} other {# requests}} on one connection: it {how}.",
  // {why} is one of lineJson.why.*.
  "lineJson.sentBad": "{label} sent a good request, then {bad}, which is malformed: {why}. It {how}.",
  "lineJson.why.fraction": "1.5 is not an integer",
  "lineJson.why.string": "\"3\" is a string, not a number",
  "lineJson.why.boolean": "true is a boolean, not a number",
  "lineJson.why.null": "null is not a number",
  "lineJson.why.missing": "it has no \"numbers\"",
  "lineJson.why.notArray": "its \"numbers\" is a string, not an array",
  "lineJson.why.method": "its method is not \"sum\"",
  "lineJson.why.notJson": "it is not JSON",
  "lineJson.why.notObject": "it is a JSON array, not an object",

  "lineJson.noneRight": "No correct reply came back.",
  "lineJson.someRight": "The replies to {k, plural, one {the first request} other {the first # requests}} of {n} were right.",
  "lineJson.extra": "All {n} replies were right, but then more came: {got}. Send exactly one line per request.",
  "lineJson.errorForGood": "Request {n}, {request}, is well-formed, but your server answered it with an error: {got}.",
  "lineJson.gluedParsedFirst": "You replied to the first request only, and with an error: one recv() read two requests glued together (both were in piece {piece}), and your server parsed them as one line.",
  "lineJson.gluedParsed": "Requests {n} and {next} arrived together, in piece {piece}: one recv() read both, and your server parsed them as one line.",
  "lineJson.pieceParsed": "Request {n} arrived in {pieces} pieces: your server parsed a piece as if it were the whole line.",
  "lineJson.notJson": "The reply to request {n} is not JSON: {got}.",
  "lineJson.wrongReply": "The reply to request {n}, {request}, should be {expected}; your server sent {got}.",
  // Follows lineJson.nothingFor, after a space.
  "lineJson.partialLine": "Only the start of a line came: {got}.",
  "lineJson.nothingFor": "No reply came for request {n}, {request}, {end}.",
  "lineJson.gluedFirst": "You replied to the first request only: one recv() read two requests glued together (both were in piece {piece}), and your server handled only the first line of what it read.",
  "lineJson.glued": "Requests {k} and {next} arrived together, in piece {piece}: one recv() read both, and your server handled only the first line of what it read.",
  "lineJson.inPieces": "Request {n} arrived in {pieces} pieces: your server did not put them together into one line.",
  "lineJson.help.buffer": "One recv() returns whatever has arrived: part of a line, or several lines. Keep a buffer, add what each recv() returns, and handle every complete line in it (up to its \\n); keep the rest for the next recv().",

  "lineJson.noError": "The reply to the good request was right, but no error line came for the malformed one, {end}.",
  "lineJson.accepted": "Your server accepted it and answered {got}: it must be rejected with an error line.",
  "lineJson.notError": "Your server answered {got}, which is not a JSON object with an \"error\" field.",
  "lineJson.help.boolIsInt": "In Python, True is an int: isinstance(True, int) is True. Test type(n) is int instead.",
  "lineJson.help.integers": "Check every element of numbers before you add: it must be an integer (in Python type(n) is int; in JavaScript Number.isInteger(n)). A float, a string, a boolean or null makes the whole request malformed.",
  "lineJson.help.shape": "Check the request before you use it: a JSON object, whose method is \"sum\" and whose numbers is an array. Anything else is malformed.",
  "lineJson.help.errorThenClose": "After a malformed request, send one line with a JSON object that has an \"error\" field, then close the connection.",
  "lineJson.afterError": "The error line came, but then more: {got}. After the error line, close the connection and send nothing more.",
  "lineJson.errorNoClose": "The error line came, but the connection stayed open for {time}. After the error line, close the connection.",

  "lineJson.noBystander": "The earlier check did not connect the client this check needs.",
  "lineJson.bystanderLost": "A client connected before the malformed requests, and idle since, then sent its request: it {how}.",
} as const;
