import { createQueue } from '@engine/queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './support.ts';

// Prometheus must still get the Postgres series (the backlog building up) while Redis is away:
// a queue whose Redis never answers (nothing listens on port 1) stands for it.
const away = createQueue('events', 'redis://127.0.0.1:1', 'engine-test-away');
away.on('error', () => undefined);
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({ queues: [away] });
});
afterAll(async () => {
  await api.close();
  await away.close();
});

describe('GET /metrics while Redis is away', () => {
  // Without the wait bounded, the scrape would hang on BullMQ until the request deadline's 503.
  it('answers with the Postgres series, engine_redis_up 0 and no queue series', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toMatch(/^engine_redis_up 0$/m);
    expect(response.body).toMatch(/^engine_backlog\{what="clocks_running"\} \d+$/m);
    expect(response.body).not.toMatch(/^engine_queue_jobs\{/m);
    expect(response.body).not.toMatch(/^engine_queue_jobs_completed_total\{/m);
  });
});
