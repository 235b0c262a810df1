// Preloaded (node --import) into a command under test: every TCP connect attempt in that process leaves its
// socket pending for ever, without an error and without sending anything (no SYN leaves the machine). It
// stands for the network failure no driver timeout sees: a socket that never connects and never fails.
import net from 'node:net';

net.Socket.prototype.connect = function silentConnect() {
  return this;
};
