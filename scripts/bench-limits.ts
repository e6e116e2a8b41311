// The raw limits of this machine's Redis and Postgres, which every other benchmark's figures are
// compared with (each also measures them in its own run). Run: ./scripts/bench.sh limits
import { cpus, totalmem } from 'node:os';
import { scratchDatabase } from './lib/bench-support.ts';
import { describeLimits, measureRawLimits } from './lib/raw-limits.ts';

const { databaseUrl, drop } = await scratchDatabase('limits');
console.log(
  `Node ${process.version}, ${cpus()[0]?.model ?? 'CPU'} x${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB; local PostgreSQL and Redis\n`,
);
console.log('| raw limit | measured |\n|---|---|');
console.log(
  describeLimits(
    await measureRawLimits('redis://127.0.0.1:6379', `engine-bench-${process.pid}`, databaseUrl),
  ),
);
await drop();
