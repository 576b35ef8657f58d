import { childPids } from "../kernel/owners.js";

/**
 * In a private network the spawned process is nsenter and the program is its child.
 * Its pid is known once nsenter has forked: until then, or until nsenter is gone, we look.
 * Never guessed from a time: on a loaded machine nsenter can take more than a second to
 * fork, and naming nsenter instead would leave the program's calls and sockets unowned.
 * The bound is generous and only guards against a nsenter that neither forks nor exits.
 */
export function whenProgramKnown(leader: number, leaderGone: () => boolean, found: (pid: number) => void, boundMs = 15_000): void {
  const started = Date.now();
  let wait = 2;
  const look = (): void => {
    const program = childPids(leader)[0];
    if (program !== undefined) return found(program);
    if (leaderGone() || Date.now() - started > boundMs) return found(leader);
    wait = Math.min(wait * 2, 25);
    setTimeout(look, wait);
  };
  look();
}
