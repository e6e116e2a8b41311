import { createWorker } from '@engine/queue';
import type { Runtime, Stop } from '@engine/runtime';
import { onTimer, rebuildTimers, sweep, watchCalendarCoverage } from '@engine/use-cases';

/** The SLA timer: fires delayed jobs at warnings and deadlines, rebuilds them at start, and sweeps. */
export async function startSlaTimer(runtime: Runtime): Promise<Stop> {
  const { db, producer, log, config } = runtime;
  const worker = createWorker('timers', (job) => onTimer(producer, job.data.kind, job.data.id, job.data.at), {
    redisUrl: config.REDIS_URL,
    prefix: config.QUEUE_PREFIX,
    concurrency: config.WORKER_CONCURRENCY,
    lockDurationMs: config.JOB_LOCK_MS,
  });
  const rebuilt = await rebuildTimers(db, producer, runtime.now()).catch((err) => {
    log.warn({ err }, 'could not rebuild timers at start; the sweep covers them');
    return 0;
  });
  log.info({ timers: rebuilt }, 'timers rebuilt from Postgres');
  const stopCalendarWatch = watchCalendarCoverage(db, producer, log, runtime.now);
  let sweeping: Promise<void> | null = null;
  const timer = setInterval(() => {
    sweeping ??= sweep(db, producer, runtime.now())
      .then((result) => {
        if (result.due + result.ledgersBehind + result.eventsRequeued + result.deliveries > 0)
          log.info(result, 'sweep queued lost work');
      })
      .catch((err) => log.warn({ err }, 'sweep failed; it runs again'))
      .finally(() => {
        sweeping = null;
      });
  }, config.SWEEP_INTERVAL_MS);
  return async () => {
    clearInterval(timer);
    stopCalendarWatch();
    await sweeping;
    await worker.close();
  };
}
