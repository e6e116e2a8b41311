import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { AddressPolicy } from '../src/notify/address-policy.ts';
import { guardedPost } from '../src/notify/guarded-post.ts';

// A receiver on loopback: the policy below lets private addresses through, as WEBHOOK_ALLOW_PRIVATE does.
let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

async function receiver(answer: Parameters<typeof createServer>[1]): Promise<URL> {
  server = createServer(answer);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`);
}
const POLICY: AddressPolicy = { allowPrivate: true };
const post = (url: URL) =>
  guardedPost(url, { 'content-type': 'application/json' }, '{}', { policy: POLICY, timeoutMs: 5_000 });

describe('guardedPost', () => {
  it('gives the status and body of a whole answer', async () => {
    const url = await receiver((_request, response) => response.writeHead(200).end('{"errcode":0}'));
    await expect(post(url)).resolves.toEqual({ status: 200, body: '{"errcode":0}' });
  });

  // A robot's 200 with half its body could be a refusal (errcode) cut short: never taken as delivered.
  it.each([
    ['with a length', { 'content-length': '100' }],
    ['chunked', {}],
  ])(
    'fails the attempt when the receiver cuts the connection in the middle of its answer (%s)',
    async (_, headers) => {
      const url = await receiver((_request, response) => {
        response.writeHead(200, headers);
        response.write('{"errcode":');
        setTimeout(() => response.socket?.destroy(), 20);
      });
      await expect(post(url)).rejects.toThrow();
    },
  );

  it('fails the attempt when the receiver does not answer in time', async () => {
    const url = await receiver(() => undefined);
    const answer = guardedPost(url, {}, '{}', { policy: POLICY, timeoutMs: 200 });
    await expect(answer).rejects.toThrow(/timeout|aborted/i);
  });
});
