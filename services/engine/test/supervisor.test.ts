import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { roleNodeFlags } from '../src/engine-roles.ts';
import { Supervisor } from '../src/supervisor.ts';
import { eventually } from './support.ts';

// The supervisor starts each role's process with the heap settings that keep it under 300 MiB RSS
// (issue 15 item 4): a process started without them would size its heap for the machine again.
const dir = mkdtempSync(join(tmpdir(), 'engine-supervisor-'));
const script = join(dir, 'report-flags.mjs');
writeFileSync(
  script,
  `import { writeFileSync } from 'node:fs';
writeFileSync(process.env.REPORT_TO, JSON.stringify({ roles: process.env.ENGINE_ROLES, execArgv: process.execArgv }));
setInterval(() => {}, 1000);
process.on('SIGTERM', () => process.exit(0));
`,
);
let supervisor: Supervisor | undefined;
afterEach(async () => {
  await supervisor?.stop();
});

describe('supervisor', () => {
  it('starts each role process with the heap settings, after its own node flags', async () => {
    const report = join(dir, 'classifier.json');
    supervisor = new Supervisor({
      script,
      env: { ...process.env, REPORT_TO: report },
      log: pino({ level: 'silent' }),
      nodeFlags: roleNodeFlags,
    });
    supervisor.start([{ name: 'classifier', roles: 'classifier' }]);
    const started = await eventually(
      async () => {
        try {
          return JSON.parse(readFileSync(report, 'utf8')) as { roles: string; execArgv: string[] };
        } catch {
          return undefined;
        }
      },
      (r) => r !== undefined,
      10_000,
    );
    expect(started!.roles).toBe('classifier');
    expect(started!.execArgv.slice(-roleNodeFlags.length)).toEqual(roleNodeFlags);
  });
});
