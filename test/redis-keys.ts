import { Redis } from 'ioredis';

/**
 * Removes every key whose name starts with `prefix` (SCAN, not KEYS: the Redis may be shared and
 * large) and returns how many were removed and how many a final scan still sees. `queueOnly`: only
 * the keys of that queue prefix (`prefix:…`), for a prefix another run's may begin with
 * (`engine-bench-123` and `engine-bench-1234`).
 */
export async function unlinkKeysWithPrefix(
  redisUrl: string,
  prefix: string,
  options: { queueOnly?: boolean } = {},
): Promise<{ removed: number; left: number }> {
  // A prefix with glob characters would match other runs' keys; ours never has any.
  if (!/^[A-Za-z0-9_-]+$/.test(prefix)) throw new Error(`refusing to delete keys under '${prefix}'`);
  const pattern = options.queueOnly ? `${prefix}:*` : `${prefix}*`;
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2 });
  await redis.connect();
  try {
    const removed = await unlinkMatching(redis, pattern);
    return { removed, left: await countMatching(redis, pattern) };
  } finally {
    redis.disconnect();
  }
}

async function unlinkMatching(redis: Redis, pattern: string): Promise<number> {
  let removed = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    // UNLINK frees the memory in the background; one call per scan page keeps batches bounded.
    if (keys.length > 0) removed += await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  return removed;
}

async function countMatching(redis: Redis, pattern: string): Promise<number> {
  let count = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    count += keys.length;
    cursor = next;
  } while (cursor !== '0');
  return count;
}
