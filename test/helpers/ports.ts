/**
 * Loopback ports for tests: one the system had free a moment ago, for a server to start on, or a
 * port where nothing listens, for an unreachable host.
 */
import { createServer } from 'node:net';

/** A loopback port taken from the system, then let go: free now, with nothing listening on it. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
