import { createServer } from 'node:net';

/**
 * A TCP port nobody listens on now, for a server a test or benchmark starts of its own (other
 * engines and test runs may hold the fixed ones).
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}
