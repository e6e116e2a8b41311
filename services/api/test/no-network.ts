// Preloaded (node --import) into a tool the tests run, to prove it needs no network: every outbound
// connection and name lookup is refused and written to NO_NETWORK_LOG for the test to read.

import dns from 'node:dns';
import { appendFileSync } from 'node:fs';
import net from 'node:net';

const log = process.env.NO_NETWORK_LOG;
const refuse = (what: string): Error => {
  if (log) appendFileSync(log, `${what}\n`);
  return new Error(`no network in this run: ${what}`);
};

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
  const [options] = args as [{ path?: string } | string | number];
  // A local IPC socket (a pipe to a worker) is not the network.
  if (typeof options === 'object' && options?.path) return connect.apply(this, args as never);
  throw refuse(`connect ${JSON.stringify(options)}`);
} as never;
dns.lookup = ((hostname: string) => {
  throw refuse(`lookup ${hostname}`);
}) as never;
