// Run once by the start command's supervisor (main.ts) before it starts the role processes, so one
// process creates and migrates a fresh database instead of all of them at once. A process of its
// own: the supervisor itself never loads the database and queue code.
import { loadConfig } from '@engine/config';
import { prepareDatabase } from '@engine/runtime';
import { createLogger } from '@engine/runtime/logger';

const config = loadConfig();
try {
  await prepareDatabase(config);
} catch (error) {
  // Postgres not there yet: each role process tries again as it starts, and is restarted until it can.
  createLogger(config)
    .child({ component: 'supervisor' })
    .warn({ err: error }, 'could not prepare the database before starting the processes; each will try');
  process.exitCode = 1;
}
