import { describe } from "node:test";
import { cSolutionCase, commonServerCases, exerciseCases } from "./support.js";

describe("proxy", { concurrency: 4 }, () => {
  exerciseCases("proxy", [
    {
      file: "proxy/no-half-close.py",
      check: /passes the client's EOF on as a half-close/,
      detail: [/The upstream got the request, but no EOF within/, /shutdown\(SHUT_WR\)/],
      hint: /lesson 14, When things go wrong/,
    },
    {
      file: "proxy/one-direction.py",
      check: /relays a request to the upstream and its answer back/,
      detail: [/sent \d+ bytes from the upstream to the client, b'200 OK[^;]*; 0 of them came out, then nothing more for/, /relay one direction at a time/],
    },
    {
      file: "proxy/one-at-a-time.py",
      check: /10 clients at once/,
      detail: [/within \d+(\.\d)? s, 1 of 10 connections reached the upstream/, /one client at a time/],
      hint: /lesson 11/,
    },
    {
      file: "proxy/closes-both.mjs",
      check: /half-close/,
      detail: [/closed both directions when the client's side ended/],
    },
    {
      file: "proxy/dies-on-refused.mjs",
      check: /upstream refuses/,
      detail: [/your proxy ended/, /ECONNREFUSED/],
    },
    ...commonServerCases("tcp"),
  ]);
  cSolutionCase("proxy");
});
