// The SLA timer as its own process. Several may run: timers are job ids, sweeps are idempotent.
import { bootstrap, stopOnSignal } from '@engine/runtime';
import { startSlaTimer } from './start.ts';

const runtime = await bootstrap();
stopOnSignal(runtime, [await startSlaTimer(runtime)]);
runtime.log.info('sla timer started');
