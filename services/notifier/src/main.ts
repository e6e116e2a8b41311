// The webhook notifier as its own process.
import { bootstrap, stopOnSignal } from '@engine/runtime';
import { startNotifier } from './start.ts';

const runtime = await bootstrap();
stopOnSignal(runtime, [startNotifier(runtime)]);
runtime.log.info('notifier started');
