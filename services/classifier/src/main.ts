// The classifier as its own process; run as many as needed (subjects are locked one at a time).
import { bootstrap, stopOnSignal } from '@engine/runtime';
import { startClassifier } from './start.ts';

const runtime = await bootstrap();
stopOnSignal(runtime, [startClassifier(runtime)]);
runtime.log.info('classifier started');
