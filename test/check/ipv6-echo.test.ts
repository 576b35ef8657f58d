import { describe } from "node:test";
import { commonServerCases, exerciseCases } from "./support.js";

describe("ipv6-echo", { concurrency: 4 }, () => {
  exerciseCases("ipv6-echo", [
    {
      file: "ipv6-echo/ipv4-only.py",
      check: /^starts and listens/,
      detail: [/Your program listens on 127\.0\.0\.1:\d+ \(IPv4\), but HOST is ::1 \(IPv6\)/, /AF_INET6/],
      hint: /lesson 3, Address families/,
    },
    {
      file: "ipv6-echo/af-inet-host.py",
      check: /^starts and listens/,
      detail: [/exited with code 1/, /Address family for hostname not supported/, /an AF_INET socket takes IPv4 addresses/],
    },
    ...commonServerCases("tcp"),
  ]);
});
