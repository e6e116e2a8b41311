// The engine's roles in this one process: the API and every worker, or the parts ENGINE_ROLES
// names. The start command's supervisor (main.ts) runs one such process per role; tests and
// benchmarks start it directly.
import { bootstrap, type Stop, stopOnSignal } from '@engine/runtime';
import { rolesOf } from './engine-roles.ts';

const runtime = await bootstrap();
const roles = rolesOf(runtime.config.ENGINE_ROLES);

// Stopped in this order: first no new requests, then the workers finish their jobs. Each role's code
// is loaded only where it runs: a classifier process never loads the HTTP server, the console or
// the spreadsheet writer (less memory, a quicker start).
const parts: Stop[] = [];
if (roles.includes('api')) parts.push((await (await import('@engine/api')).startApi(runtime)).stop);
if (roles.includes('classifier')) parts.push((await import('@engine/classifier')).startClassifier(runtime));
if (roles.includes('penalty-calculator'))
  parts.push((await import('@engine/penalty-calculator')).startPenaltyCalculator(runtime));
if (roles.includes('sla-timer')) parts.push(await (await import('@engine/sla-timer')).startSlaTimer(runtime));
if (roles.includes('notifier')) parts.push((await import('@engine/notifier')).startNotifier(runtime));
stopOnSignal(runtime, parts);
// Started by the supervisor: when it is gone (even SIGKILLed), this process stops too, never orphaned;
// the channel itself does not keep the process alive once its work has stopped.
process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
process.channel?.unref();
runtime.log.info({ roles }, 'engine started');
