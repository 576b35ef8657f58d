"""socket-tutor's tracer for Python demo programs.

    python3 socket_tutor_trace.py PROGRAM.py [ARGS...]

The tutor starts every Python demo through this file. It patches the `socket`
module (and select/selectors/input) so that each call is reported to the tutor,
then runs PROGRAM with runpy as `__main__`: the program itself contains no
tracing code, and its tracebacks look as they would without the tracer.

Protocol (all of it, in one place: docs/tracer-protocol.md; the tutor's side is
src/demo/traced-process.ts):
- fd 3 (tutor <- here): one JSON object per line, a CallEvent of src/demo/events.ts
  without `proc` (the tutor knows which pipe is which process).
- fd 4 (tutor -> here): commands, one per line:
    "c"       continue the oldest paused call      "c N"  continue call number N
    "r"       run freely (release every paused call, pause no more)
    "s"       step mode: pause before each socket call from now on
    "q"       exit now
    "t run D M"   the demo clock runs: demo time D ms at monotonic time M ms
    "t hold D"    the demo clock is stopped at demo time D ms
  Slow motion is the tutor's: it keeps the tracer in step mode and sends "c N"
  once each paused call has been shown for a while.
  End of file on fd 4 means the tutor is gone (even killed with -9): exit at once.
  A daemon thread reads fd 4 all the time, so this works even while the program is
  blocked in accept() or recv(): the same thread is the step control and the
  lifeline, so no second pipe is needed. PR_SET_PDEATHSIG (Linux) is a second
  line of defence.
Both fds are moved out of the way (to 200+) before the program runs, so the
program's first socket gets fd 3, as it would in a normal run.

The demo clock (src/demo/clock.ts): the tutor stops it while any call of the demo
waits for the learner's key. The waits a demo program can use follow it, so a
pause changes nothing the program can see: time.sleep, time.monotonic and
time.perf_counter; a socket's timeout (settimeout, create_connection(timeout=),
setdefaulttimeout) on recv/recvfrom/recv_into/accept/connect/send/sendall/sendto;
select.select and the selectors' select(timeout). A socket timeout waits inside C,
so a call with one runs in slices (the socket's timeout set to what is left of the
demo time, or a short slice while the clock is stopped) until it succeeds or the
demo time is over; a connect() that outlives a slice is waited for with poll() and
SO_ERROR, never a second connect(). The tutor's demo programs use nothing else
(test/demo/timing-lint.test.ts).

Written for Python 3.8+ (no newer syntax), standard library only.
"""

import builtins
import errno as _errno
import fcntl
import json
import os
import select as _select_mod
import selectors as _selectors_mod
import signal
import socket
import sys
import threading
import time
import traceback

_EV_FD = 3
_CTL_FD = 4
_TUTOR_GONE_EXIT = 1


def _move_fd(fd):
    new = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 200)
    os.close(fd)
    os.set_blocking(new, True)
    return new


try:
    _EV_FD = _move_fd(_EV_FD)
    _CTL_FD = _move_fd(_CTL_FD)
except OSError:
    sys.stderr.write("socket-tutor tracer: start me from socket-tutor (fds 3 and 4 are its pipes)\n")
    sys.exit(2)

_MODE = os.environ.pop("SOCKET_TUTOR_TRACE_MODE", "run")
_CLOCK_AT_START = os.environ.pop("SOCKET_TUTOR_CLOCK", "")
def _outer_pid():
    # The process's pid as the tutor sees it: inside a run's private PID namespace
    # getpid() is small (3, 4...), while /proc (the tutor's) names it by its pid outside.
    try:
        return int(os.readlink("/proc/self"))
    except (OSError, ValueError):
        return os.getpid()


_PID = _outer_pid()
_SELF = os.path.abspath(__file__)
_write_lock = threading.Lock()
_seq_lock = threading.Lock()
_seq = [0]
_local = threading.local()


def _die():
    os._exit(_TUTOR_GONE_EXIT)


def _emit(ev):
    data = (json.dumps(ev) + "\n").encode("ascii")
    # One lock for all threads: lines from many-clients' threads never interleave.
    with _write_lock:
        view = memoryview(data)
        while view:
            try:
                n = os.write(_EV_FD, view)
            except InterruptedError:
                continue
            except OSError:
                _die()
            view = view[n:]


class _Control(object):
    """Step mode: which calls are paused, and which the tutor has let go."""

    def __init__(self, mode):
        self.cond = threading.Condition()
        self.mode = "step" if mode == "step" else "run"
        self.pending = []
        self.released = set()

    def stepping(self):
        return self.mode == "step"

    def hold(self, seq, announce):
        with self.cond:
            if self.mode != "step":
                return
            self.pending.append(seq)
            announce()
            while self.mode == "step" and seq not in self.released:
                self.cond.wait()
            self.released.discard(seq)
            if seq in self.pending:
                self.pending.remove(seq)

    def command(self, line):
        with self.cond:
            if line == "c":
                if self.pending:
                    self.released.add(self.pending.pop(0))
            elif line.startswith("c "):
                try:
                    n = int(line[2:])
                except ValueError:
                    n = -1
                if n in self.pending:
                    self.pending.remove(n)
                    self.released.add(n)
            elif line == "r":
                self.mode = "run"
            elif line == "s":
                self.mode = "step"
            elif line == "q":
                _die()
            elif line.startswith("t "):
                _clock.set(line[2:])
            self.cond.notify_all()


_control = _Control(_MODE)


def _read_control():
    buf = b""
    while True:
        try:
            chunk = os.read(_CTL_FD, 256)
        except InterruptedError:
            continue
        except OSError:
            chunk = b""
        if not chunk:
            _die()
        buf += chunk
        while b"\n" in buf:
            line, buf = buf.split(b"\n", 1)
            _control.command(line.decode("ascii", "replace").strip())


# ---- the demo clock ----

# The real clocks, taken before the program's are replaced (_patch_time).
_real_monotonic = time.monotonic
_real_perf_counter = time.perf_counter
_real_sleep = time.sleep
# While the clock is stopped, a wait looks again this often (it cannot be woken from C).
_STOPPED_SLICE = 0.05


class _DemoClock(object):
    """The tutor's demo clock as this process sees it: demo time in ms, never backwards."""

    def __init__(self):
        self.cond = threading.Condition()
        self.running = True
        self.base = 0.0
        self.since = _real_monotonic() * 1000.0
        self.last = 0.0

    def set(self, line):
        """'run D M' or 'hold D' (see the protocol above); anything else is ignored."""
        parts = line.split()
        try:
            demo = float(parts[1])
            if parts[0] == "run":
                since = float(parts[2])
            elif parts[0] != "hold":
                return
        except (IndexError, ValueError):
            return
        with self.cond:
            mono = _real_monotonic() * 1000.0
            if parts[0] == "run":
                # The same monotonic clock as the tutor's; a value from the future (or
                # from another clock altogether) counts from when the line came.
                self.since = since if 0 <= mono - since < 60000 else mono
                self.running = True
            else:
                self.running = False
            self.base = demo
            self.cond.notify_all()

    def now(self):
        with self.cond:
            value = self.base + (_real_monotonic() * 1000.0 - self.since) if self.running else self.base
            if value > self.last:
                self.last = value
            return self.last


_clock = _DemoClock()
if _CLOCK_AT_START.startswith("t "):
    _clock.set(_CLOCK_AT_START[2:])


def _demo_deadline(seconds):
    return _clock.now() + seconds * 1000.0


def _slice(deadline):
    """Seconds to wait in one real wait before looking at the demo clock again; None once the deadline has passed."""
    left = deadline - _clock.now()
    if left <= 0:
        return None
    left /= 1000.0
    return max(left if _clock.running else min(left, _STOPPED_SLICE), 0.001)


def _is_seconds(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == value and value > 0


def _demo_sleep(seconds):
    if not _is_seconds(seconds):
        return _real_sleep(seconds)  # 0, a wrong type, a negative value: as Python itself
    deadline = _demo_deadline(seconds)
    with _clock.cond:
        while True:
            left = deadline - _clock.now()
            if left <= 0:
                return None
            # Woken when the clock stops or starts: a stopped clock waits for its start.
            _clock.cond.wait(left / 1000.0 if _clock.running else 1.0)


_MONO_BASE = _real_monotonic() - _clock.now() / 1000.0
_PERF_BASE = _real_perf_counter() - _clock.now() / 1000.0


def _patch_time():
    time.sleep = _demo_sleep
    time.monotonic = lambda: _MONO_BASE + _clock.now() / 1000.0
    time.perf_counter = lambda: _PERF_BASE + _clock.now() / 1000.0
    time.monotonic_ns = lambda: int(time.monotonic() * 1e9)
    time.perf_counter_ns = lambda: int(time.perf_counter() * 1e9)


def _settimeout(sock, seconds):
    _SocketClass.settimeout(sock, seconds)


def _on_demo_clock(sock, attempt):
    """Runs attempt() (one try of a socket call, which waits at most the socket's timeout)
    until it succeeds or the socket's own timeout is over on the demo clock."""
    timeout = sock.gettimeout()
    if not timeout:  # None (blocking) or 0 (non-blocking): no timeout to keep
        return attempt()
    deadline = _demo_deadline(timeout)
    try:
        while True:
            wait = _slice(deadline)
            if wait is None:
                raise socket.timeout("timed out")
            _settimeout(sock, wait)
            try:
                return attempt()
            except socket.timeout:
                continue
    finally:
        _settimeout(sock, timeout)


def _wait_connected(sock, deadline, timed_out):
    """A connect() in progress: wait until the socket is writable (poll), then its result (SO_ERROR)."""
    fd = sock.fileno()
    while True:
        wait = _slice(deadline)
        if wait is None:
            return timed_out()
        poller = _select_mod.poll()
        poller.register(fd, _select_mod.POLLOUT | _select_mod.POLLERR | _select_mod.POLLHUP)
        if poller.poll(wait * 1000.0):
            return _orig["getsockopt"](sock, socket.SOL_SOCKET, socket.SO_ERROR)


def _connect_on_demo_clock(sock, address, orig):
    timeout = sock.gettimeout()
    if not timeout:
        return orig(sock, address)
    deadline = _demo_deadline(timeout)
    try:
        _settimeout(sock, _slice(deadline))
        try:
            return orig(sock, address)
        except socket.timeout:
            pass
        # The kernel goes on with the handshake (SYN_SENT): wait for it, never a second connect().

        def timed_out():
            raise socket.timeout("timed out")

        code = _wait_connected(sock, deadline, timed_out)
        if code:
            raise OSError(code, os.strerror(code))
        return None
    finally:
        _settimeout(sock, timeout)


def _connect_ex_on_demo_clock(sock, address, orig):
    timeout = sock.gettimeout()
    if not timeout:
        return orig(sock, address)
    deadline = _demo_deadline(timeout)
    try:
        _settimeout(sock, _slice(deadline))
        code = orig(sock, address)
        # connect_ex() says a timeout with EWOULDBLOCK (the handshake goes on in the kernel).
        if code != _errno.EWOULDBLOCK:
            return code
        return _wait_connected(sock, deadline, lambda: _errno.EWOULDBLOCK)
    finally:
        _settimeout(sock, timeout)


def _sendall_on_demo_clock(sock, data, flags, orig_sendall):
    """sendall() with a timeout: a send() loop, the timeout a deadline for all of it (as in CPython)."""
    timeout = sock.gettimeout()
    if not timeout:
        return orig_sendall(sock, data, *flags)
    deadline = _demo_deadline(timeout)
    send = _orig["send"]
    with memoryview(data) as view, view.cast("B") as left:
        total = len(left)
        sent = 0
        try:
            while sent < total:
                wait = _slice(deadline)
                if wait is None:
                    raise socket.timeout("timed out")
                _settimeout(sock, wait)
                try:
                    sent += send(sock, left[sent:], *flags)
                except socket.timeout:
                    continue
        finally:
            _settimeout(sock, timeout)
    return None


def _parent_death_signal():
    # Belt and braces: the control pipe's EOF already ends us when the tutor dies.
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGKILL), 0, 0, 0)  # PR_SET_PDEATHSIG
    except Exception:
        pass


# ---- formatting: arguments and results as a learner writes and reads them ----

def _const_names(prefix, prefer=()):
    """value -> name for the socket module's constants. Several names share a value
    (SO_REUSEADDR and the CAN bus's SO_J1939_PROMISC are both 2; IPPROTO_IP and
    IPPROTO_HOPOPTS are both 0): the usual name wins, then the first in sorted order."""
    names = {}
    for name in list(prefer) + sorted(dir(socket)):
        if name.startswith(prefix) and "J1939" not in name and hasattr(socket, name):
            value = getattr(socket, name)
            if isinstance(value, int) and int(value) not in names:
                names[int(value)] = name
    return names


_FAMILIES = {int(f): f.name for f in socket.AddressFamily}
_KINDS = {int(k): k.name for k in socket.SocketKind}
_PROTOS = _const_names("IPPROTO_", ("IPPROTO_IP", "IPPROTO_TCP", "IPPROTO_UDP", "IPPROTO_ICMP", "IPPROTO_ICMPV6", "IPPROTO_IPV6", "IPPROTO_RAW"))
_LEVELS = {socket.SOL_SOCKET: "SOL_SOCKET"}
for _n in ("IPPROTO_TCP", "IPPROTO_UDP", "IPPROTO_IP", "IPPROTO_IPV6"):
    if hasattr(socket, _n):
        _LEVELS[getattr(socket, _n)] = _n
_SO_USUAL = (
    "SO_REUSEADDR", "SO_REUSEPORT", "SO_KEEPALIVE", "SO_BROADCAST", "SO_RCVBUF", "SO_SNDBUF", "SO_LINGER",
    "SO_ERROR", "SO_TYPE", "SO_RCVTIMEO", "SO_SNDTIMEO", "SO_RCVLOWAT", "SO_SNDLOWAT", "SO_OOBINLINE",
    "SO_DEBUG", "SO_DONTROUTE", "SO_PEERCRED", "SO_ACCEPTCONN", "SO_BINDTODEVICE", "SO_PRIORITY", "SO_MARK",
)
_OPTS = {
    socket.SOL_SOCKET: _const_names("SO_", _SO_USUAL),
    getattr(socket, "IPPROTO_TCP", 6): _const_names("TCP_", ("TCP_NODELAY", "TCP_MAXSEG", "TCP_KEEPIDLE", "TCP_KEEPINTVL", "TCP_KEEPCNT")),
    getattr(socket, "IPPROTO_IP", 0): _const_names("IP_", ("IP_TTL", "IP_TOS", "IP_HDRINCL", "IP_MULTICAST_TTL", "IP_MULTICAST_LOOP", "IP_ADD_MEMBERSHIP")),
    getattr(socket, "IPPROTO_IPV6", 41): _const_names("IPV6_", ("IPV6_V6ONLY", "IPV6_UNICAST_HOPS")),
}
_SHUT = {socket.SHUT_RD: "SHUT_RD", socket.SHUT_WR: "SHUT_WR", socket.SHUT_RDWR: "SHUT_RDWR"}
_DATA_SHOWN = 48


def _family(v):
    return _FAMILIES.get(int(v), str(v)) if isinstance(v, int) else repr(v)


def _kind(v):
    if not isinstance(v, int):
        return repr(v)
    flags = getattr(socket, "SOCK_NONBLOCK", 0) | getattr(socket, "SOCK_CLOEXEC", 0)
    base = _KINDS.get(int(v) & ~flags, str(int(v) & ~flags))
    for name in ("SOCK_NONBLOCK", "SOCK_CLOEXEC"):
        if hasattr(socket, name) and int(v) & getattr(socket, name):
            base += " | " + name
    return base


def _data(b):
    b = bytes(b)
    shown = repr(b[:_DATA_SHOWN])
    if len(b) > _DATA_SHOWN:
        shown += "..."
    return "%d byte%s %s" % (len(b), "" if len(b) == 1 else "s", shown)


def _endpoint(addr):
    """An address as the table and timeline write it: 127.0.0.1:8000, [::1]:8000, /path."""
    if isinstance(addr, tuple) and len(addr) >= 2:
        host, port = addr[0], addr[1]
        return ("[%s]:%s" % (host, port)) if ":" in str(host) else ("%s:%s" % (host, port))
    if isinstance(addr, bytes):
        return ("@" + addr[1:].decode("utf-8", "replace")) if addr[:1] == b"\0" else addr.decode("utf-8", "replace")
    if isinstance(addr, str):
        return addr
    return None


def _fd_of(obj):
    try:
        return obj if isinstance(obj, int) else obj.fileno()
    except Exception:
        return None


def _fds(seq):
    return "[" + ", ".join("fd %s" % _fd_of(o) for o in seq) + "]"


def _errno_name(code):
    return _errno.errorcode.get(code, str(code)) if code else None


# ---- where a call came from ----

def _hidden(filename):
    return filename == _SELF or filename.startswith("<frozen runpy") or filename.endswith(os.sep + "runpy.py")


def _where():
    """The program's file and line that led to this call, and the helper in between."""
    f = sys._getframe(1)
    inner = None
    while f is not None:
        name = f.f_code.co_filename
        # The tracer's own frames are never the program's, even when the tracer sits in
        # the program's folder (a copy made for an unprivileged user, raw-eperm).
        if name != _SELF and (name == _PROGRAM or name.startswith(_PROGRAM_DIR + os.sep)):
            via = None
            if inner is not None and inner.f_code.co_filename != _SELF:
                mod = inner.f_globals.get("__name__", "?")
                via = "%s.%s" % (mod, inner.f_code.co_name)
            return os.path.relpath(name, _PROGRAM_DIR), f.f_lineno, via
        if name != _SELF:
            inner = f
        f = f.f_back
    return None, None, None


def _next_seq():
    with _seq_lock:
        _seq[0] += 1
        return _seq[0]


def _now():
    return time.time() * 1000.0


# Names (local, peer, unix peer pid) are cached per fd and learned at the calls
# that change them, so the tracer adds as few syscalls of its own as it can: in the
# syscall view, a getsockname() after connect() is the tracer's, nearly all else
# is the program's.
_cache = {}


def _raw(name):
    # The unpatched method: the tracer's own lookups are not the program's calls.
    return _orig.get(name) or getattr(_SocketClass, name)


def _query(sock):
    local = peer = None
    try:
        local = _endpoint(_raw("getsockname")(sock))
    except OSError:
        pass
    try:
        peer = _endpoint(_raw("getpeername")(sock))
    except OSError:
        pass
    return local, peer


def _numeric(host):
    for fam in (socket.AF_INET, getattr(socket, "AF_INET6", None)):
        if fam is None:
            continue
        try:
            socket.inet_pton(fam, host)
            return True
        except (OSError, TypeError, ValueError):
            pass
    return False


def _query_local(sock):
    try:
        return _endpoint(_raw("getsockname")(sock))
    except OSError:
        return None


def _literal(address):
    """The endpoint of an (ip, port) the program passed, when no lookup is needed to know it."""
    if isinstance(address, tuple) and len(address) >= 2 and isinstance(address[0], str) and _numeric(address[0]) and address[1]:
        if address[0] not in ("0.0.0.0", "::"):
            return _endpoint(address)
    if isinstance(address, (str, bytes)) and address:
        return _endpoint(address)
    return None


def _learn(fd, local, peer, peer_pid=None):
    _cache[fd] = [local, peer, peer_pid]


def _forget(fd):
    _cache.pop(fd, None)


def _names(sock):
    fd = _fd_of(sock)
    entry = _cache.get(fd)
    if entry is None:
        local, peer = _query(sock)
        entry = [local, peer, _peer_pid(sock) if peer is not None or local else None]
        _cache[fd] = entry
    return entry[0], entry[1]


def _local_now(sock):
    """The local address, asked again while it is unknown: sendto() binds an unbound socket."""
    fd = _fd_of(sock)
    entry = _cache.get(fd)
    if entry is None or entry[0] is None or entry[0].endswith(":0"):
        local = _query_local(sock)
        if entry is None:
            entry = [local, None, None]
            _cache[fd] = entry
        entry[0] = local
    return entry[0]


def _cached_peer_pid(sock):
    entry = _cache.get(_fd_of(sock))
    return entry[2] if entry else None


def _peer_pid(sock):
    if getattr(sock, "family", None) != getattr(socket, "AF_UNIX", None) or not hasattr(socket, "SO_PEERCRED"):
        return None
    try:
        import struct

        cred = _orig["getsockopt"](sock, socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
        pid = struct.unpack("3i", cred)[0]
        return pid or None
    except Exception:
        return None


def _traced(call, args, run, describe, sock=None, fd=None, kind="socket", pause=True):
    """Report one call: pending (step mode), start, then end with its result or errno."""
    if getattr(_local, "busy", False):
        return run()
    seq = _next_seq()
    file, line, via = _where()
    if fd is None and sock is not None:
        fd = _fd_of(sock)
    ev = {"type": "call", "pid": _PID, "seq": seq, "call": call, "args": args, "kind": kind}
    if fd is not None and fd >= 0:
        ev["fd"] = fd
    if file is not None:
        ev["file"] = file
        ev["line"] = line
    if via:
        ev["via"] = via
    thread = threading.current_thread()
    if thread is not threading.main_thread():
        ev["thread"] = thread.name
    if pause and kind != "stdin":
        _control.hold(seq, lambda: _emit(dict(ev, phase="pending", t=_now())))
    _emit(dict(ev, phase="start", t=_now()))
    _local.busy = True
    try:
        result = run()
    except socket.timeout as e:
        _local.busy = False
        _emit(dict(ev, phase="end", t=_now(), timedOut=True, error=str(e) or "timed out", result="timed out"))
        raise
    except OSError as e:
        _local.busy = False
        end = dict(ev, phase="end", t=_now(), error=e.strerror or str(e))
        name = _errno_name(e.errno)
        if name:
            end["errno"] = name
        _emit(end)
        raise
    except BaseException:
        _local.busy = False
        raise
    _local.busy = False
    end = dict(ev, phase="end", t=_now())
    try:
        end.update(describe(result))
    except Exception as e:  # a tracer bug must never break the program
        end["result"] = "(tracer could not describe the result: %s)" % e
    _emit(end)
    return result


# ---- the patches ----

_orig = {}
_SocketClass = socket.socket


def _patch(name, make):
    _orig[name] = getattr(_SocketClass, name)
    setattr(_SocketClass, name, make(_orig[name]))


def _init(orig):
    def __init__(self, *args, **kwargs):
        fileno = kwargs.get("fileno", args[3] if len(args) > 3 else None)
        if fileno is not None:
            # accept(), fromfd() and friends wrap an fd the kernel already gave out.
            return orig(self, *args, **kwargs)
        shown = []
        names = ("family", "type", "proto")
        for i, v in enumerate(args[:3]):
            shown.append([_family, _kind, lambda p: _PROTOS.get(p, str(p))][i](v))
        for k in names:
            if k in kwargs:
                f = {"family": _family, "type": _kind, "proto": lambda p: _PROTOS.get(p, str(p))}[k]
                shown.append("%s=%s" % (k, f(kwargs[k])))

        def describe(_):
            fd = self.fileno()
            res = "fd %d" % fd
            _learn(fd, None, None)
            if not args and not kwargs:
                res += " (%s, %s)" % (_family(self.family), _kind(self.type))
            return {"result": res, "fd": fd, "newFd": fd}

        return _traced("socket", shown, lambda: orig(self, *args, **kwargs), describe)

    return __init__


def _ok_names(sock, learn=None):
    def describe(_):
        if learn is not None:
            learn()
        return _with_names(sock, {"result": "ok"})

    return describe


def _bind(orig):
    def bind(self, address):
        def learn():
            fd = self.fileno()
            local = _literal(address)
            if local is None:
                local = _query(self)[0]
            _learn(fd, local, None)

        return _traced("bind", [repr(address)], lambda: orig(self, address), _ok_names(self, learn), sock=self)

    return bind


def _listen(orig):
    def listen(self, *args):
        return _traced("listen", [repr(a) for a in args], lambda: orig(self, *args), _ok_names(self), sock=self)

    return listen


def _accept(orig):
    def accept(self):
        def describe(res):
            conn, addr = res
            fd = conn.fileno()
            out = {"result": "fd %d, peer %r" % (fd, addr), "newFd": fd}
            # The new socket's local address is the listener's, unless that is a wildcard.
            listening, _ = _names(self)
            local = listening if listening and not listening.startswith(("0.0.0.0:", "[::]:")) else _query(conn)[0]
            peer = _endpoint(addr)
            _learn(fd, local, peer, _peer_pid(conn))
            return _with_names(conn, out)

        return _traced("accept", [], lambda: _on_demo_clock(self, lambda: orig(self)), describe, sock=self)

    return accept


def _connect(orig):
    def connect(self, address):
        def learn():
            fd = self.fileno()
            local, peer = _query(self) if _literal(address) is None else (_query_local(self), _literal(address))
            _learn(fd, local, peer, _peer_pid(self))

        return _traced("connect", [repr(address)], lambda: _connect_on_demo_clock(self, address, orig), _ok_names(self, learn), sock=self)

    return connect


def _connect_ex(orig):
    def connect_ex(self, address):
        def describe(code):
            if not code:
                _learn(self.fileno(), _query_local(self), _literal(address) or _query(self)[1], _peer_pid(self))
            out = _with_names(self, {"result": "ok"})
            if code:
                name = _errno_name(code)
                out.update(result="%s (returned %d)" % (name, code), errno=name, error=os.strerror(code))
            else:
                out["result"] = "0 (connected)"
            return out

        return _traced("connect_ex", [repr(address)], lambda: _connect_ex_on_demo_clock(self, address, orig), describe, sock=self)

    return connect_ex


def _with_names(sock, base):
    local, peer = _names(sock)
    if local:
        base["local"] = local
    if peer:
        base["peer"] = peer
    pp = _cached_peer_pid(sock)
    if pp:
        base["peerPid"] = pp
    return base


def _with_datagram_ends(sock, base, address):
    """A datagram's two ends: this socket's address now, and the one it went to or came from."""
    local = _local_now(sock)
    if local:
        base["local"] = local
    peer = _endpoint(address)
    if peer:
        base["peer"] = peer
    return base


def _shown_data(data):
    b = bytes(memoryview(data).cast("B")[:_DATA_SHOWN])
    return repr(b) + ("..." if _nbytes(data) > _DATA_SHOWN else "")


def _nbytes(data):
    return memoryview(data).nbytes


def _send(orig, name):
    def send(self, data, *rest):
        total = _nbytes(data)

        def describe(n):
            if name == "sendall":
                return _with_names(self, {"result": "ok, all %d bytes sent" % total, "bytes": total})
            return _with_names(self, {"result": "%d of %d bytes sent" % (n, total), "bytes": n})

        if name == "sendall":
            run = lambda: _sendall_on_demo_clock(self, data, rest, orig)
        else:
            run = lambda: _on_demo_clock(self, lambda: orig(self, data, *rest))
        return _traced(name, [_shown_data(data)] + [repr(r) for r in rest], run, describe, sock=self)

    return send


def _sendto(orig):
    def sendto(self, data, *rest):
        address = rest[-1] if rest else None

        def describe(n):
            return _with_datagram_ends(self, {"result": "%d bytes sent" % n, "bytes": n}, address)

        return _traced("sendto", [_shown_data(data)] + [repr(r) for r in rest], lambda: _on_demo_clock(self, lambda: orig(self, data, *rest)), describe, sock=self)

    return sendto


def _recv(orig):
    def recv(self, *args):
        def describe(data):
            res = _data(data)
            if not data and self.type == socket.SOCK_STREAM:
                res += " (the peer closed its side)"
            return _with_names(self, {"result": res, "bytes": len(data)})

        return _traced("recv", [repr(a) for a in args], lambda: _on_demo_clock(self, lambda: orig(self, *args)), describe, sock=self)

    return recv


def _recv_into(orig, name):
    def recv_into(self, buffer, *args):
        def describe(res):
            n = res[0] if isinstance(res, tuple) else res
            out = {"result": _data(memoryview(buffer).cast("B")[:n]), "bytes": n}
            if isinstance(res, tuple):
                out["result"] += " from %r" % (res[1],)
                return _with_datagram_ends(self, out, res[1])
            return _with_names(self, out)

        return _traced(name, ["buffer"] + [repr(a) for a in args], lambda: _on_demo_clock(self, lambda: orig(self, buffer, *args)), describe, sock=self)

    return recv_into


def _recvfrom(orig):
    def recvfrom(self, *args):
        def describe(res):
            data, addr = res
            return _with_datagram_ends(self, {"result": "%s from %r" % (_data(data), addr), "bytes": len(data)}, addr)

        return _traced("recvfrom", [repr(a) for a in args], lambda: _on_demo_clock(self, lambda: orig(self, *args)), describe, sock=self)

    return recvfrom


def _shutdown(orig):
    def shutdown(self, how):
        return _traced("shutdown", [_SHUT.get(how, repr(how))], lambda: orig(self, how), _ok_names(self), sock=self)

    return shutdown


def _close(orig):
    def close(self):
        fd = self.fileno()
        if fd < 0:
            return orig(self)
        names = _with_names(self, {"result": "ok"})

        def run():
            _forget(fd)
            return orig(self)

        return _traced("close", [], run, lambda _: names, sock=self, fd=fd)

    return close


def _opt_args(level, opt, rest):
    shown = [_LEVELS.get(level, str(level)), _OPTS.get(level, {}).get(opt, str(opt))]
    return shown + [repr(r) for r in rest]


def _setsockopt(orig):
    def setsockopt(self, level, opt, *rest):
        return _traced("setsockopt", _opt_args(level, opt, rest), lambda: orig(self, level, opt, *rest), lambda _: {"result": "ok"}, sock=self)

    return setsockopt


def _getsockopt(orig):
    def getsockopt(self, level, opt, *rest):
        def describe(value):
            if level == socket.SOL_SOCKET and opt == getattr(socket, "SO_ERROR", -1) and isinstance(value, int):
                return {"result": "%d (%s)" % (value, _errno_name(value) or "no error")}
            return {"result": repr(value)}

        return _traced("getsockopt", _opt_args(level, opt, rest), lambda: orig(self, level, opt, *rest), describe, sock=self)

    return getsockopt


def _names_call(orig, name):
    # A query of the socket's addresses: reported, but never paused before (nothing changes).
    def method(self):
        # Asked by no line of the program (socket.__repr__ while Python prints a traceback
        # or an "unclosed socket" warning at exit): not one of its calls, so not shown.
        if _where()[0] is None:
            return orig(self)
        return _traced(name, [], lambda: orig(self), lambda addr: {"result": repr(addr)}, sock=self, pause=False)

    return method


def _patch_socket():
    _patch("__init__", _init)
    _patch("bind", _bind)
    _patch("listen", _listen)
    _patch("accept", _accept)
    _patch("connect", _connect)
    _patch("connect_ex", _connect_ex)
    _patch("send", lambda o: _send(o, "send"))
    _patch("sendall", lambda o: _send(o, "sendall"))
    _patch("sendto", _sendto)
    _patch("recv", _recv)
    _patch("recv_into", lambda o: _recv_into(o, "recv_into"))
    _patch("recvfrom", _recvfrom)
    _patch("recvfrom_into", lambda o: _recv_into(o, "recvfrom_into"))
    _patch("shutdown", _shutdown)
    _patch("close", _close)
    _patch("setsockopt", _setsockopt)
    _patch("getsockopt", _getsockopt)
    _patch("getsockname", lambda o: _names_call(o, "getsockname"))
    _patch("getpeername", lambda o: _names_call(o, "getpeername"))


def _patch_socketpair():
    orig = socket.socketpair

    def socketpair(*args, **kwargs):
        def describe(pair):
            a, b = pair
            _learn(a.fileno(), None, None)
            _learn(b.fileno(), None, None)
            return {"result": "fd %d, fd %d" % (a.fileno(), b.fileno()), "fd": a.fileno(), "newFd": b.fileno()}

        shown = [[_family, _kind, lambda p: _PROTOS.get(p, str(p))][i](v) for i, v in enumerate(args[:3])]
        return _traced("socketpair", shown, lambda: orig(*args, **kwargs), describe)

    socket.socketpair = socketpair


def _patch_select():
    orig_select = _select_mod.select

    def select(rlist, wlist, xlist, *timeout):
        args = [_fds(rlist), _fds(wlist), _fds(xlist)] + [repr(t) for t in timeout]

        def describe(res):
            r, w, x = res
            return {"result": "ready: %s, %s, %s" % (_fds(r), _fds(w), _fds(x)) if (r or w or x) else "timed out, nothing ready"}

        def run():
            limit = timeout[0] if timeout else None
            if not _is_seconds(limit):
                return orig_select(rlist, wlist, xlist, *timeout)
            deadline = _demo_deadline(limit)
            while True:
                wait = _slice(deadline)
                if wait is None:
                    return ([], [], [])
                ready = orig_select(rlist, wlist, xlist, wait)
                if ready[0] or ready[1] or ready[2]:
                    return ready

        return _traced("select", args, run, describe, kind="select")

    _select_mod.select = select

    def wrap_selector(cls):
        orig = cls.__dict__["select"]

        def sel(self, timeout=None):
            try:
                registered = sorted(key.fd for key in self.get_map().values())
            except Exception:
                registered = []
            args = ["[%s]" % ", ".join("fd %d" % fd for fd in registered), "timeout=%r" % (timeout,)]

            def describe(ready):
                if not ready:
                    return {"result": "timed out, nothing ready"}
                parts = []
                for key, events in ready:
                    what = "+".join(n for n, b in (("read", _selectors_mod.EVENT_READ), ("write", _selectors_mod.EVENT_WRITE)) if events & b)
                    parts.append("fd %d (%s)" % (key.fd, what))
                return {"result": "ready: " + ", ".join(parts)}

            def run():
                if not _is_seconds(timeout):
                    return orig(self, timeout)
                deadline = _demo_deadline(timeout)
                while True:
                    wait = _slice(deadline)
                    if wait is None:
                        return []
                    ready = orig(self, wait)
                    if ready:
                        return ready

            return _traced("select", args, run, describe, kind="select", fd=None)

        cls.select = sel

    for cls in vars(_selectors_mod).values():
        if isinstance(cls, type) and issubclass(cls, _selectors_mod.BaseSelector) and "select" in cls.__dict__:
            if not getattr(cls.__dict__["select"], "__isabstractmethod__", False):
                wrap_selector(cls)


def _patch_input():
    orig_input = builtins.input

    def traced_input(*prompt):
        return _traced("input", [repr(p) for p in prompt], lambda: orig_input(*prompt), lambda line: {"result": repr(line)}, kind="stdin", pause=False)

    builtins.input = traced_input


# ---- running the program ----

def _print_clean(etype, value, tb):
    te = traceback.TracebackException(etype, value, tb)

    def clean(t, seen):
        if t is None or id(t) in seen:
            return
        seen.add(id(t))
        t.stack = traceback.StackSummary.from_list([f for f in t.stack if not _hidden(f.filename)])
        clean(t.__cause__, seen)
        clean(t.__context__, seen)

    clean(te, set())
    sys.stderr.write("".join(te.format()))
    sys.stderr.flush()


def _thread_hook(args):
    if args.exc_type is SystemExit:
        return
    sys.stderr.write("Exception in thread %s:\n" % (args.thread.name if args.thread else "?"))
    _print_clean(args.exc_type, args.exc_value, args.exc_traceback)


def main():
    global _PROGRAM, _PROGRAM_DIR
    if len(sys.argv) < 2:
        sys.stderr.write("usage: socket_tutor_trace.py PROGRAM.py [ARGS...]\n")
        return 2
    _PROGRAM = os.path.abspath(sys.argv[1])
    _PROGRAM_DIR = os.path.dirname(_PROGRAM)
    threading.Thread(target=_read_control, name="socket-tutor-control", daemon=True).start()
    _parent_death_signal()
    _patch_socket()
    _patch_socketpair()
    _patch_select()
    _patch_input()
    _patch_time()
    sys.argv = sys.argv[1:]
    sys.path[0] = _PROGRAM_DIR
    sys.excepthook = _print_clean
    threading.excepthook = _thread_hook
    import runpy

    # The start-up is over: the tutor holds the demo clock until now, so the time an
    # interpreter takes to start on a busy machine never counts as the demo's time.
    _emit({"type": "ready", "pid": _PID, "t": _now()})
    try:
        runpy.run_path(_PROGRAM, run_name="__main__")
    except SystemExit:
        raise
    except KeyboardInterrupt:
        _print_clean(*sys.exc_info())
        return 130
    except BaseException:
        _print_clean(*sys.exc_info())
        return 1
    return 0


_PROGRAM = ""
_PROGRAM_DIR = ""

if __name__ == "__main__":
    sys.exit(main())
