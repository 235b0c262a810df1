// A TCP listener whose accept queue fills up: it listens with a backlog of 1 and then blocks its own event loop
// for ever, so the kernel completes at most two handshakes and never hands them over; later connection
// attempts get no answer at all. Prints the port, then stalls. Run as a child process and kill it afterwards.
import net from 'node:net';

const server = net.createServer();
server.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
  process.stdout.write(`${server.address().port}\n`, () => {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  });
});
