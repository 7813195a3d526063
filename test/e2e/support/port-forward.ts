/**
 * A plain TCP forwarder on 127.0.0.1: lets a test server with a random port answer on a fixed, well-known one
 * (the cinder_backup seed hard-codes `smtp_server: 'localhost'`, i.e. port 25).
 */
import { connect, createServer, type Socket } from 'node:net';

export interface PortForward {
  close(): Promise<void>;
}

/** Listens on 127.0.0.1:`from` and pipes every connection to 127.0.0.1:`to`. */
export async function forwardPort(from: number, to: number): Promise<PortForward> {
  const sockets = new Set<Socket>();
  const server = createServer((inbound) => {
    const outbound = connect(to, '127.0.0.1');
    for (const s of [inbound, outbound]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        inbound.destroy();
        outbound.destroy();
      });
    }
    inbound.pipe(outbound).pipe(inbound);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(new Error(`cannot listen on 127.0.0.1:${from} (${e.code ?? e.message}): is another SMTP server running?`)),
    );
    server.listen(from, '127.0.0.1', () => resolve());
  });
  return {
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
