# The fallback's subreaper (Linux, where a run cannot have a PID namespace of its own).
#
#   python3 -I -S socket_tutor_reaper.py TUTOR_PID STATUS_FD -- /abs/path/of/PROGRAM ARGS...
#
# Marks itself a child subreaper (prctl PR_SET_CHILD_SUBREAPER), so every process the
# program starts that loses its parent (a double fork, a daemon after setsid()) is
# reparented to it instead of to init, whatever group or session it moved to. It runs
# the program as its child, in this process's group (the tutor spawns it as a group
# leader; the tutor's group signals reach both), and:
#   - once it has forked the program, writes "pid PID" and a newline to STATUS_FD;
#   - when the program ends, writes "exit CODE" or "signal NUMBER" and a newline to
#     STATUS_FD (a pipe to the tutor), which is the program's exit for the tutor. What the
#     program left running goes on until the run ends, as in a private PID namespace;
#     with nothing left, this process exits at once, with the program's status;
#   - when the tutor stops the run (SIGUSR1) or dies, even by SIGKILL (PR_SET_PDEATHSIG
#     sends SIGUSR1 too), SIGKILLs every child it has (the program, and all that were
#     reparented here), reaps them, again until none is left (bounded), and exits.
# SIGTERM (the tutor's first, polite group signal) is for the program: this ignores it.
# It keeps none of the program's files open (its output pipes close when the program's
# processes are done with them), only STATUS_FD.
#
# The program gets this process's environment exactly as it came (from /proc/self/environ):
# Python coerces a C locale by setting LC_CTYPE in its own, which must not leak through.
# Without prctl (an old kernel, a seccomp rule) it execs the program in its own place.
import os
import signal
import sys
import time

PR_SET_PDEATHSIG = 1
PR_SET_CHILD_SUBREAPER = 36
ROUNDS = 500  # of reap + SIGKILL, 2 ms apart: at most about a second


class Stop(Exception):
    pass


stopping = False


def stop(_sig, _frame):
    global stopping
    if not stopping:
        stopping = True
        raise Stop()


def children():
    me = os.getpid()
    try:
        with open(f"/proc/{me}/task/{me}/children") as f:
            return [int(p) for p in f.read().split()]
    except FileNotFoundError:
        pass  # a kernel without CONFIG_PROC_CHILDREN: look at every process's parent
    except (OSError, ValueError):
        return []
    found = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat") as f:
                    stat = f.read()
                if int(stat[stat.rindex(")") + 2 :].split()[1]) == me:
                    found.append(int(name))
            except (OSError, ValueError, IndexError):
                pass
    return found


def reap():
    """Collects every child that has ended; True when this process has no child left."""
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return True
        if pid == 0:
            return False


def end_everything():
    # Children of this process only: the program, and whatever was reparented here.
    # A killed child's own children are reparented here in turn: the next round sees them.
    for _ in range(ROUNDS):
        if reap():
            return
        for pid in children():
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        time.sleep(0.002)


def original_environment():
    """The environment this process was started with, as bytes (Python's own changes left out)."""
    try:
        with open("/proc/self/environ", "rb") as f:
            block = f.read()
    except OSError:
        return os.environb
    env = {}
    for entry in block.split(b"\0"):
        name, eq, value = entry.partition(b"=")
        if eq and name:
            env[name] = value
    return env


def exec_program(argv, env):
    try:
        # What Python changed for itself, back to what the program expects.
        for name in ("SIGPIPE", "SIGXFZ", "SIGXFSZ", "SIGUSR1", "SIGTERM", "SIGHUP"):
            if hasattr(signal, name):
                signal.signal(getattr(signal, name), signal.SIG_DFL)
        os.execve(argv[0], argv, env)
    except BaseException as err:
        os.write(2, os.fsdecode(argv[0]).encode(errors="replace") + f": {getattr(err, 'strerror', None) or err}\n".encode())
    os._exit(127)


def hold_nothing(keep):
    """Closes every file of this process but `keep`; 0, 1 and 2 become /dev/null."""
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    try:
        fds = [int(fd) for fd in os.listdir("/proc/self/fd")]
    except OSError:
        fds = list(range(3, 256))
    for fd in fds:
        if fd > 2 and fd != keep:
            try:
                os.close(fd)
            except OSError:
                pass


def report(fd, status):
    if os.WIFSIGNALED(status):
        line = f"signal {os.WTERMSIG(status)}\n"
    else:
        line = f"exit {os.WEXITSTATUS(status) if os.WIFEXITED(status) else 1}\n"
    try:
        os.write(fd, line.encode())
    except OSError:
        pass  # the tutor is gone: SIGUSR1 is on its way


def main():
    if len(sys.argv) < 5 or sys.argv[3] != "--":
        sys.exit("usage: socket_tutor_reaper.py TUTOR_PID STATUS_FD -- PROGRAM ARGS...")
    tutor = int(sys.argv[1])
    status_fd = int(sys.argv[2])
    argv = [os.fsencode(a) for a in sys.argv[4:]]
    env = original_environment()
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        able = libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0 and libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGUSR1), 0, 0, 0) == 0
    except (OSError, AttributeError, ImportError):
        able = False
    if not able:
        # No subreaper here (an old kernel, a seccomp rule): run the program as today, in
        # this process's place, with the group clean-up only. Its exit is this process's.
        os.close(status_fd)
        exec_program(argv, env)
    status = None
    try:
        signal.signal(signal.SIGUSR1, stop)
        signal.signal(signal.SIGTERM, lambda *_: None)
        signal.signal(signal.SIGHUP, lambda *_: None)
        # The tutor died before PDEATHSIG was set: nothing to run for.
        if os.getppid() != tutor:
            os._exit(137)
        child = os.fork()
        if child == 0:
            os.close(status_fd)
            exec_program(argv, env)
        hold_nothing(status_fd)
        # The program's pid, as the tutor's namespace numbers it (it may not see a /proc of
        # its own, and must not guess the program from this process's children).
        try:
            os.write(status_fd, f"pid {child}\n".encode())
        except OSError:
            pass
        while True:
            try:
                pid, st = os.waitpid(-1, 0)
            except ChildProcessError:
                break  # nothing left: the run's clean-up has nothing to do
            if pid == child:
                status = st
                report(status_fd, st)
    except Stop:
        pass
    except OSError:
        pass  # fork failed: nothing ran
    signal.signal(signal.SIGUSR1, signal.SIG_IGN)
    end_everything()
    if status is None:
        # Stopped before the program ended: it was killed, and so, to the tutor, is this.
        os.kill(os.getpid(), signal.SIGKILL)
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        try:
            import resource

            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        except (ImportError, ValueError, OSError):
            pass
        signal.signal(sig, signal.SIG_DFL)
        os.kill(os.getpid(), sig)
        os._exit(128 + sig)
    os._exit(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 1)


main()
