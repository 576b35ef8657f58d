# SOCK_RAW reaches below TCP and UDP (here: ICMP, the protocol of ping).
# The kernel allows it only to privileged processes.
import errno
import socket

try:
    sock = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
except PermissionError as e:
    print(f"socket() failed: {errno.errorcode[e.errno]} (errno {e.errno}): {e.strerror}")
    print("A raw socket can read and forge packets of any program on the machine,")
    print("so the kernel requires the CAP_NET_RAW capability (normally: root).")
else:
    print("socket() returned file descriptor", sock.fileno(), "- this process is privileged")
    sock.close()
