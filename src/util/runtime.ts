/** The two runtimes every demo, starter and solution exists in: Python (the BSD calls one to one) and Node.js. */
export type Runtime = "python" | "node";
