// Node has no SOCK_RAW: net gives TCP and Unix stream sockets, dgram gives UDP.
// Asking dgram for another type fails inside Node, before the kernel is ever asked.
import dgram from "node:dgram";

try {
  dgram.createSocket("raw");
} catch (err) {
  console.log(`dgram.createSocket("raw") failed: ${err.code}: ${err.message}`);
  console.log("Node cannot open raw sockets at all, privileged or not.");
  console.log("Switch to the Python version to see what the kernel says: EPERM.");
}
