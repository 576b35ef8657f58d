"""socket-tutor's packet capture: every packet on one run's loopback, one JSON line each.

The tutor starts this inside a run's private user + network namespace (nsenter), where
it is root of the namespace and may open a packet socket on the run's own `lo`, and on
nothing else: no root on the machine is needed. It reads until its stdin closes (the
tutor's pipe: the tutor stopped the run, or died) or the namespace ends.

Output, on stdout, one JSON object per line:
  {"type":"ready"}                 the socket is bound: packets from now on are seen
  {"type":"error","why":"..."}     the capture cannot run (then exit status 3)
  {"type":"p", ...}                one packet (fields below)
  {"type":"gap","n":N,"bytes":B,"t":T}
                                   N packets (B bytes of payload) seen but not printed:
                                   more than the line budget allows; the learner cannot
                                   read 20,000 packets a second, and the tutor's memory
                                   and CPU stay bounded however much a run sends
  {"type":"drops","n":N}           packets the kernel dropped before this helper read them
  {"type":"read","t":T}            the answer to a line on stdin (any bytes): every packet
                                   delivered before T (ms, the packets' clock) has been
                                   printed above. The plain view asks this before it prints
                                   a call, so a packet late in this pipe still goes first.

Packet fields: n (number, from 1, counting every packet seen), t (ms since the epoch,
see CLOCK below), v (4 or 6), p ("tcp", "udp", "icmp", "icmp6" or "ip"), src/dst
(addresses), sp/dp (ports), len (the IP packet's length), pl (payload length), pv (the
first PREVIEW payload bytes, escaped as in a Python bytes literal), and per protocol:
  tcp:   f (flags: "S", "SA", "A", "PA", "FA", "R", "RA", ...: one letter each of
         F S R P A U E C), seq, ack, win (the raw window field), mss and ws (window
         scale) on SYNs
  icmp:  it (type), ic (code), and for an error about a packet (port unreachable) the
         packet it is about: ip (its protocol), isrc, isp, idst, idp
  ip:    proto (the IP protocol number)

CLOCK: each packet's time is the kernel's (the ring frame's stamp, or SO_TIMESTAMPNS
without a ring), taken when loopback received the packet, so a SYN+ACK is stamped before the accept() that it lets return,
whatever the order in which this helper and the tracers are scheduled. The kernel's
stamp is CLOCK_REALTIME in nanoseconds; `t` is that in ms (a float: sub-microsecond
resolution at today's dates), which is the clock of the tracers' event times too:
Python's time.time() is CLOCK_REALTIME itself, and Node's performance.timeOrigin +
performance.now() is the realtime clock read at the process's start plus CLOCK_MONOTONIC
since then (they agree to some microseconds unless the clock is stepped while a run
runs; then calls and packets may be out of order by the step).

Cost: a kernel filter (classic BPF) drops the outgoing copy of every loopback packet
and cuts what is copied to SNAP bytes (the headers and a preview) into a ring of frames
shared with the kernel (see Ring), so a 100 MB transfer costs this helper a short read
of memory per packet and no system call, and nothing is kept per packet.
Standard library only (Python 3.8+): the tutor ships this file as is.
"""

import array
import os
import select
import socket
import struct
import sys
import time

ETH_P_ALL = 0x0003
ETH_P_IP = 0x0800
ETH_P_IPV6 = 0x86DD
PACKET_OUTGOING = 4
SO_TIMESTAMPNS = 35  # Linux; Python 3.11's socket module has no constant for it
SCM_TIMESTAMPNS = SO_TIMESTAMPNS
SO_ATTACH_FILTER = 26
SO_RCVBUFFORCE = 33
SOL_PACKET = 263
PACKET_RX_RING = 5
PACKET_STATISTICS = 6
PACKET_VERSION = 10
TPACKET_V2 = 1

SNAP = 14 + 60 + 60 + 64  # ethernet + IPv4 with options / IPv6 with one extension + TCP with options + preview
PREVIEW = 24
# Lines printed: a burst of BURST, then RATE a second; the rest are counted in "gap" lines
# (--rate=N and --burst=N change them, for tests and the bench).
RATE = 500
BURST = 2000
# Safety: a capture outlives no run by much, but never runs longer than this.
MAX_SECONDS = 6 * 3600

_TCP_FLAGS = ((0x01, "F"), (0x02, "S"), (0x04, "R"), (0x08, "P"), (0x10, "A"), (0x20, "U"), (0x40, "E"), (0x80, "C"))
# Flag strings for every flag byte, built once: the hot loop only indexes.
_FLAG_TEXT = ["".join(ch for bit, ch in _TCP_FLAGS if b & bit) for b in range(256)]
_PRINTABLE = {i: chr(i) for i in range(0x20, 0x7F)}
_PRINTABLE.update({0x5C: "\\\\", 0x27: "\\'", 0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"})


def json_string(text):
    """A JSON string literal (the json module costs 5 ms of start-up, before the first packet)."""
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    if not (text.isascii() and text.isprintable()):
        text = "".join(c if " " <= c <= "~" else "\\u%04x" % ord(c) if ord(c) < 0x10000 else "?" for c in text)
    return '"' + text + '"'


def out(obj):
    parts = []
    for k, v in obj.items():
        if isinstance(v, bool):
            v = "true" if v else "false"
        elif isinstance(v, str):
            v = json_string(v)
        else:
            v = repr(v)
        parts.append('"%s":%s' % (k, v))
    sys.stdout.write("{" + ",".join(parts) + "}\n")


def preview(b):
    return "".join(_PRINTABLE.get(c) or "\\x%02x" % c for c in b)


def attach_filter(sock, snap):
    """Kernel side: drop PACKET_OUTGOING copies, keep `snap` bytes of the rest (see CLOCK/Cost above)."""
    # struct sock_filter { u16 code; u8 jt; u8 jf; u32 k; }
    prog = [
        (0x20, 0, 0, 0xFFFFF000 + 4),  # ld  [SKF_AD_OFF + SKF_AD_PKTTYPE]
        (0x15, 0, 1, PACKET_OUTGOING),  # jeq #PACKET_OUTGOING, drop, keep
        (0x06, 0, 0, 0),  # drop: ret #0
        (0x06, 0, 0, snap),  # keep: ret #snap
    ]
    code = array.array("B", b"".join(struct.pack("HBBI", *ins) for ins in prog))
    # struct sock_fprog { u16 len; struct sock_filter *filter; }: the array's own address.
    fprog = struct.pack("HL", len(prog), code.buffer_info()[0])
    sock.setsockopt(socket.SOL_SOCKET, SO_ATTACH_FILTER, fprog)
    return code  # the kernel copied it; kept alive only until this returns


def open_socket(iface):
    """The packet socket, set up before it is bound: it receives nothing until bind(), so
    the ring is set up without the kernel's wait for readers of a running socket (10-20 ms)."""
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, 0)
    filtered = True
    try:
        attach_filter(s, SNAP)
    except OSError:
        filtered = False  # the loop skips outgoing copies itself
    s.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
    # Room for bursts: each queued packet is charged its full size, however little is kept.
    for opt in (SO_RCVBUFFORCE, socket.SO_RCVBUF):
        try:
            s.setsockopt(socket.SOL_SOCKET, opt, 8 << 20)
            break
        except OSError:
            pass
    take = reader(s)
    s.bind((iface, ETH_P_ALL))
    s.setblocking(False)
    return s, filtered, take


def v4addr(b, i):
    return "%d.%d.%d.%d" % (b[i], b[i + 1], b[i + 2], b[i + 3])


def v6addr(b, i):
    return socket.inet_ntop(socket.AF_INET6, bytes(b[i : i + 16]))


def tcp_options(b, i, end, rec):
    """MSS and window scale, from a SYN's options."""
    end = min(end, len(b))
    while i < end:
        kind = b[i]
        if kind == 0:
            return
        if kind == 1:
            i += 1
            continue
        if i + 1 >= end:
            return
        size = b[i + 1]
        if size < 2:
            return
        if kind == 2 and size == 4 and i + 4 <= end:
            rec["mss"] = (b[i + 2] << 8) | b[i + 3]
        elif kind == 3 and size == 3 and i + 3 <= end:
            rec["ws"] = b[i + 2]
        i += size


def transport(b, proto, i, length, rec):
    """Decodes TCP, UDP or ICMP at offset i; `length` is the transport segment's length from the IP header."""
    n = len(b)
    if proto == 6 and i + 20 <= n:
        sp, dp, seq, ack, off, fl, win = struct.unpack_from("!HHIIBBH", b, i)
        hl = (off >> 4) * 4
        rec["p"] = "tcp"
        rec["sp"] = sp
        rec["dp"] = dp
        rec["f"] = _FLAG_TEXT[fl]
        rec["seq"] = seq
        rec["ack"] = ack
        rec["win"] = win
        if fl & 0x02 and hl > 20:
            tcp_options(b, i + 20, i + hl, rec)
        pl = max(0, length - hl)
        rec["pl"] = pl
        if pl:
            rec["pv"] = preview(b[i + hl : i + hl + min(pl, PREVIEW)])
        return pl
    if proto == 17 and i + 8 <= n:
        sp, dp, ulen = struct.unpack_from("!HHH", b, i)
        rec["p"] = "udp"
        rec["sp"] = sp
        rec["dp"] = dp
        pl = max(0, min(ulen, length) - 8)
        rec["pl"] = pl
        if pl:
            rec["pv"] = preview(b[i + 8 : i + 8 + min(pl, PREVIEW)])
        return pl
    if proto in (1, 58) and i + 8 <= n:
        rec["p"] = "icmp" if proto == 1 else "icmp6"
        rec["it"] = b[i]
        rec["ic"] = b[i + 1]
        # An error (v4: unreachable 3, time exceeded 11; v6: types below 128) quotes the packet it is about.
        if (proto == 1 and b[i] in (3, 11, 12)) or (proto == 58 and b[i] < 128):
            inner = {}
            decode_ip(b, i + 8, inner, quoted=True)
            for k_in, k_out in (("p", "ip"), ("src", "isrc"), ("sp", "isp"), ("dst", "idst"), ("dp", "idp")):
                if k_in in inner:
                    rec[k_out] = inner[k_in]
        rec["pl"] = max(0, length - 8)
        return 0
    rec["p"] = "ip"
    rec["proto"] = proto
    rec["pl"] = max(0, length)
    return 0


def decode_ip(b, i, rec, quoted=False):
    """An IPv4 or IPv6 packet at offset i. Returns the payload length (0 when none)."""
    n = len(b)
    if i >= n:
        return 0
    version = b[i] >> 4
    if version == 4 and i + 20 <= n:
        ihl = (b[i] & 0x0F) * 4
        total = (b[i + 2] << 8) | b[i + 3]
        proto = b[i + 9]
        rec["v"] = 4
        rec["src"] = v4addr(b, i + 12)
        rec["dst"] = v4addr(b, i + 16)
        rec["len"] = total
        if quoted:
            # The quoted header's own length field names the original, not what is quoted.
            total = n - i
        frag = ((b[i + 6] & 0x1F) << 8) | b[i + 7]
        if frag:
            rec["p"] = "ip"
            rec["proto"] = proto
            rec["pl"] = max(0, total - ihl)
            return 0
        return transport(b, proto, i + ihl, total - ihl, rec)
    if version == 6 and i + 40 <= n:
        plen = (b[i + 4] << 8) | b[i + 5]
        nxt = b[i + 6]
        rec["v"] = 6
        rec["src"] = v6addr(b, i + 8)
        rec["dst"] = v6addr(b, i + 24)
        rec["len"] = plen + 40
        j = i + 40
        if quoted:
            plen = n - j
        # Extension headers (hop-by-hop, routing, destination options), a few at most.
        for _ in range(4):
            if nxt in (0, 43, 60) and j + 2 <= n:
                size = (b[j + 1] + 1) * 8
                nxt = b[j]
                j += size
                plen -= size
            else:
                break
        if nxt == 44:  # a fragment: not decoded further
            rec["p"] = "ip"
            rec["proto"] = nxt
            rec["pl"] = max(0, plen)
            return 0
        return transport(b, nxt, j, plen, rec)
    rec["p"] = "ip"
    rec["pl"] = 0
    return 0


def stamp(anc):
    for level, kind, data in anc:
        if level == socket.SOL_SOCKET and kind == SCM_TIMESTAMPNS and len(data) >= 16:
            sec, nsec = struct.unpack_from("qq", data)
            return sec * 1000.0 + nsec / 1e6
    return time.time() * 1000.0


def kernel_drops(sock):
    try:
        _packets, drops = struct.unpack("II", sock.getsockopt(SOL_PACKET, PACKET_STATISTICS, 8))
        return drops  # the kernel resets the counters on each read
    except OSError:
        return 0


def payload_length(b):
    """Just the payload length, for a packet that is counted, not printed."""
    rec = {}
    decode_ip(b, 14, rec)
    return rec.get("pl", 0)


class Ring:
    """
    A TPACKET_V2 receive ring shared with the kernel (PACKET_RX_RING): the kernel copies
    each packet's first SNAP bytes into the next free frame, with its time, and this
    reads frames without a system call each. A socket's receive buffer would be charged
    each loopback packet's full size (64 KiB), so a burst of a big transfer would fill
    it in some packets; the ring holds FRAMES packets whatever their size.
    """

    FRAME = 512  # >= the frame header (52), the 16-byte aligned MAC offset (66) and SNAP
    FRAMES = 4096  # 2 MiB
    TP_STATUS_USER = 1

    def __init__(self, sock):
        import mmap

        sock.setsockopt(SOL_PACKET, PACKET_VERSION, TPACKET_V2)
        block = 4096
        size = self.FRAME * self.FRAMES
        sock.setsockopt(SOL_PACKET, PACKET_RX_RING, struct.pack("IIII", block, size // block, self.FRAME, self.FRAMES))
        self.map = mmap.mmap(sock.fileno(), size, mmap.MAP_SHARED, mmap.PROT_READ | mmap.PROT_WRITE)
        self.next = 0

    def take(self):
        """The next packet as (data, ms since the epoch, packet type, ethernet protocol), or None when the ring is empty."""
        m = self.map
        off = self.next * self.FRAME
        (status,) = struct.unpack_from("I", m, off)
        if not status & self.TP_STATUS_USER:
            return None
        snaplen, mac, sec, nsec = struct.unpack_from("4xIH2xII", m, off + 4)
        # struct sockaddr_ll follows the 32-byte tpacket2_hdr: protocol at +2 (network order), pkttype at +10.
        (proto,) = struct.unpack_from("!H", m, off + 34)
        pkttype = m[off + 42]
        data = m[off + mac : off + mac + min(snaplen, self.FRAME - mac)]
        struct.pack_into("I", m, off, 0)  # TP_STATUS_KERNEL: the frame is the kernel's again
        self.next = (self.next + 1) % self.FRAMES
        return data, sec * 1000.0 + nsec / 1e6, pkttype, proto


def reader(sock):
    """A function returning the next packet (see Ring.take), or None: from a ring where the kernel gives one."""
    try:
        return Ring(sock).take
    except (OSError, ValueError, ImportError):
        pass
    cmsg = socket.CMSG_SPACE(16)
    recvmsg = sock.recvmsg

    def take():
        while True:
            try:
                data, anc, _flags, addr = recvmsg(SNAP, cmsg)
            except BlockingIOError:
                return None
            except InterruptedError:
                continue
            return data, stamp(anc), addr[2], addr[1]

    return take


def run(iface, probe, rate, burst):
    try:
        sock, filtered, take = open_socket(iface)
    except OSError as e:
        out({"type": "error", "why": "%s: %s" % (type(e).__name__, e.strerror or e)})
        sys.stdout.flush()
        return 3
    out({"type": "ready", "filtered": filtered})
    sys.stdout.flush()
    if probe:
        return 0
    poller = select.poll()
    poller.register(sock, select.POLLIN)
    stdin = sys.stdin.fileno()
    poller.register(stdin, select.POLLIN | select.POLLHUP)
    n = 0
    tokens = float(burst)
    last_refill = time.monotonic()
    gap_n = gap_bytes = 0
    gap_t = 0.0
    started = last_refill
    sync_wanted = False
    while time.monotonic() - started < MAX_SECONDS:
        # Taken before the queue is read: a packet that reached a socket (so a call that
        # returned it) before this time is in the ring or the queue, so it is read below.
        # Loopback hands a packet to this socket before the receiver's socket gets it.
        read_from = time.time() * 1000.0
        drained = False
        # Read everything queued, then write it out in one go and wait.
        for _ in range(10000):
            got = take()
            if got is None:
                drained = True
                break
            data, t, pkttype, proto = got
            if not filtered and pkttype == PACKET_OUTGOING:
                continue
            if proto not in (ETH_P_IP, ETH_P_IPV6):
                continue
            n += 1
            if tokens < 1:
                now = time.monotonic()
                tokens = min(burst, tokens + (now - last_refill) * rate)
                last_refill = now
            if tokens < 1:
                gap_n += 1
                gap_bytes += payload_length(data)
                gap_t = t
                continue
            tokens -= 1
            if gap_n:
                out({"type": "gap", "n": gap_n, "bytes": gap_bytes, "t": gap_t})
                gap_n = gap_bytes = 0
            rec = {"type": "p", "n": n, "t": t}
            decode_ip(data, 14, rec)
            out(rec)
        # The queue is empty for now (or 10,000 packets were read): report, then wait.
        if gap_n:
            now = time.monotonic()
            tokens = min(burst, tokens + (now - last_refill) * rate)
            last_refill = now
        if gap_n and tokens >= 1:
            out({"type": "gap", "n": gap_n, "bytes": gap_bytes, "t": gap_t})
            gap_n = gap_bytes = 0
        drops = kernel_drops(sock) if n else 0
        if drops:
            out({"type": "drops", "n": drops})
        # Not drained (10,000 packets read): the answer waits for the next round, which comes at once.
        if sync_wanted and drained:
            out({"type": "read", "t": read_from})
            sync_wanted = False
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            return 0
        # While packets are being counted, not printed, wake up to report them once the budget allows.
        # A blocking wait, not a busy loop: the tutor's question (a line on stdin) wakes it too.
        events = poller.poll(0 if sync_wanted else 200 if gap_n else 1000)
        for fd, ev in events:
            if fd == stdin:
                if ev & (select.POLLHUP | select.POLLERR) or not os.read(stdin, 4096):
                    if gap_n:
                        out({"type": "gap", "n": gap_n, "bytes": gap_bytes, "t": gap_t})
                    sys.stdout.flush()
                    return 0
                sync_wanted = True
    return 0


def main(argv):
    iface = "lo"
    probe = False
    rate, burst = RATE, BURST
    for a in argv:
        if a == "--probe":
            probe = True
        elif a.startswith("--iface="):
            iface = a.split("=", 1)[1]
        elif a.startswith("--rate="):
            rate = max(1, int(a.split("=", 1)[1]))
        elif a.startswith("--burst="):
            burst = max(1, int(a.split("=", 1)[1]))
    try:
        return run(iface, probe, rate, burst)
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
