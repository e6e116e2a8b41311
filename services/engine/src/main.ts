// The whole engine in one process (small installs, and the README's start command): the API and
// every worker, or the parts ENGINE_ROLES names. Bigger installs run each service's own main.ts.
import { startApi } from '@engine/api';
import { startClassifier } from '@engine/classifier';
import { startNotifier } from '@engine/notifier';
import { startPenaltyCalculator } from '@engine/penalty-calculator';
import { bootstrap, type Stop, stopOnSignal } from '@engine/runtime';
import { startSlaTimer } from '@engine/sla-timer';

const runtime = await bootstrap();
const wanted = runtime.config.ENGINE_ROLES.split(',').map((r) => r.trim());
const runs = (role: string) => wanted.includes('all') || wanted.includes(role);

// Stopped in this order: first no new requests, then the workers finish their jobs.
const parts: Stop[] = [];
if (runs('api')) parts.push((await startApi(runtime)).stop);
if (runs('classifier')) parts.push(startClassifier(runtime));
if (runs('penalty-calculator')) parts.push(startPenaltyCalculator(runtime));
if (runs('sla-timer')) parts.push(await startSlaTimer(runtime));
if (runs('notifier')) parts.push(startNotifier(runtime));
stopOnSignal(runtime, parts);
runtime.log.info({ roles: wanted }, 'engine started');
