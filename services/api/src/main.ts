// The API as its own process (any number behind a load balancer; their relays share the outbox).
import { bootstrap, stopOnSignal } from '@engine/runtime';
import { startApi } from './start.ts';

const runtime = await bootstrap();
stopOnSignal(runtime, [(await startApi(runtime)).stop]);
