import { timerLoadIntervalMs } from '@engine/config';
import { createWorker } from '@engine/queue';
import type { Runtime, Stop } from '@engine/runtime';
import { onTimer, rebuildTimers, sweep, watchCalendarCoverage } from '@engine/use-cases';

/**
 * The SLA timer: fires delayed jobs at warnings and deadlines, loads the timers coming within the
 * horizon from Postgres (at start, then every fifth of the horizon: Redis holds only the near
 * future, and gets it back after a FLUSHALL), and sweeps.
 */
export async function startSlaTimer(runtime: Runtime): Promise<Stop> {
  const { db, producer, log, config } = runtime;
  const worker = createWorker('timers', (job) => onTimer(producer, job.data.kind, job.data.id, job.data.at), {
    redisUrl: config.REDIS_URL,
    prefix: config.QUEUE_PREFIX,
    concurrency: config.WORKER_CONCURRENCY,
    lockDurationMs: config.JOB_LOCK_MS,
  });
  const loaded = await rebuildTimers(db, producer, runtime.now).catch((err) => {
    log.warn({ err }, 'could not load timers at start; the loader and the sweep cover them');
    return 0;
  });
  log.info({ timers: loaded, horizonMinutes: config.TIMER_HORIZON_MINUTES }, 'timers loaded from Postgres');
  let loading: Promise<void> | null = null;
  const loader = setInterval(() => {
    loading ??= rebuildTimers(db, producer, runtime.now)
      .then((timers) => log.debug({ timers }, 'timers within the horizon loaded'))
      .catch((err) => log.warn({ err }, 'loading timers failed; it runs again'))
      .finally(() => {
        loading = null;
      });
  }, timerLoadIntervalMs(config));
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
    clearInterval(loader);
    clearInterval(timer);
    stopCalendarWatch();
    await Promise.all([loading, sweeping]);
    await worker.close();
  };
}
