/** Lifecycle of the local HTTP servers the tests start: listening on loopback, and closing without waiting on clients. */
import type http from 'node:http';
import type { Socket } from 'node:net';

/** Keeps the server's open sockets, so closing can destroy keep-alive and hanging connections. */
export function trackSockets(server: http.Server): Set<Socket> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return sockets;
}

/** Listens on 127.0.0.1 (`port` 0 picks a free one). */
export function listen(server: http.Server, port = 0): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

export function portOf(server: http.Server, name: string): number {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error(`${name} is not listening on TCP.`);
  return address.port;
}

/** Stops listening and destroys every open socket; resolves even when already closed, so teardown never hangs. */
export function closeServer(server: http.Server, sockets: Set<Socket>): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    for (const socket of sockets) socket.destroy();
  });
}
