// The engine's roles in this one process: the API and every worker, or the parts ENGINE_ROLES
// names. The start command's supervisor (main.ts) runs one such process per role; tests and
// benchmarks start it directly.
import { startApi } from '@engine/api';
import { startClassifier } from '@engine/classifier';
import { startNotifier } from '@engine/notifier';
import { startPenaltyCalculator } from '@engine/penalty-calculator';
import { bootstrap, type Stop, stopOnSignal } from '@engine/runtime';
import { startSlaTimer } from '@engine/sla-timer';
import { rolesOf } from './engine-roles.ts';

const runtime = await bootstrap();
const roles = rolesOf(runtime.config.ENGINE_ROLES);

// Stopped in this order: first no new requests, then the workers finish their jobs.
const parts: Stop[] = [];
if (roles.includes('api')) parts.push((await startApi(runtime)).stop);
if (roles.includes('classifier')) parts.push(startClassifier(runtime));
if (roles.includes('penalty-calculator')) parts.push(startPenaltyCalculator(runtime));
if (roles.includes('sla-timer')) parts.push(await startSlaTimer(runtime));
if (roles.includes('notifier')) parts.push(startNotifier(runtime));
stopOnSignal(runtime, parts);
// Started by the supervisor: when it is gone (even SIGKILLed), this process stops too, never orphaned;
// the channel itself does not keep the process alive once its work has stopped.
process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
process.channel?.unref();
runtime.log.info({ roles }, 'engine started');
