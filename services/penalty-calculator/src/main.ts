// The penalty calculator as its own process; any number may run (the ledger's keys prevent double posting).
import { bootstrap, stopOnSignal } from '@engine/runtime';
import { startPenaltyCalculator } from './start.ts';

const runtime = await bootstrap();
stopOnSignal(runtime, [startPenaltyCalculator(runtime)]);
runtime.log.info('penalty calculator started');
