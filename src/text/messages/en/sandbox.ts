/** Private networks (Linux namespaces) for each run, and why a machine cannot have them. */
export const sandbox = {
  "sandbox.noNamespaces": "{platform} has no Linux namespaces",
  "sandbox.missingTool": "{tool} (util-linux) is not installed",
  "sandbox.startTimeout": "the namespaces did not start within {seconds} s",
  "sandbox.noLoopback": "loopback could not be brought up in the private network (neither ip nor python3 could do it)",
  "sandbox.cannotStart": "unshare could not start: {error}",
  "sandbox.exitedEarly": "unshare exited before the namespaces were ready",
  "sandbox.off": "SOCKET_TUTOR_SANDBOX is off",
  "sandbox.helperGone": "the checker's socket helper in the private network stopped: {why}",
} as const;
