// The README's start command runs this: the engine's roles (ENGINE_ROLES, all by default), each in
// a process of its own (ENGINE_PROCESSES=per-role, the default, so a busy classifier and the API
// use both cores) or all in one (single), kept running: a process that dies is started again.

import { fork } from 'node:child_process';
import { loadConfig } from '@engine/config';
import { createLogger } from '@engine/runtime/logger';
import { roleNodeFlags, rolesOf } from './engine-roles.ts';
import { Supervisor } from './supervisor.ts';

const config = loadConfig();
const log = createLogger(config).child({ component: 'supervisor' });
const roles = rolesOf(config.ENGINE_ROLES);
const supervisor = new Supervisor({
  script: new URL('./roles.ts', import.meta.url).pathname,
  env: process.env,
  log,
  nodeFlags: roleNodeFlags,
});
// The database made ready once before the processes start (prepare-database.ts); it says why if it could not.
await new Promise((resolve) =>
  fork(new URL('./prepare-database.ts', import.meta.url).pathname, [], {
    env: process.env,
    execArgv: [...process.execArgv, ...roleNodeFlags],
    stdio: 'inherit',
  }).once('exit', resolve),
);
supervisor.start(
  config.ENGINE_PROCESSES === 'single'
    ? [{ name: 'engine', roles: roles.join(',') }]
    : roles.map((role) => ({ name: role, roles: role })),
);
let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping every process: each finishes its in-flight work');
    void supervisor.stop().then(() => log.info('stopped'));
  });
}
