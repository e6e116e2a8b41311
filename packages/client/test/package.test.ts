// The client as an integrator meets it: packed by pnpm, installed with `npm install ./engine-client-x.y.z.tgz`
// into a plain project of the machine's own Node 20, run from JavaScript against a listening API, and
// type-checked by that project's own tsc. Slow (npm reaches the registry for openapi-fetch and tsc).
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  complaintReceived,
  startTestApi,
  type TestApi,
  uniqueId,
} from '../../../services/api/test/support.ts';

const exec = promisify(execFile);
const clientDir = new URL('..', import.meta.url).pathname;
const { version } = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
const tarball = `engine-client-${version}.tgz`;

// /usr/bin's Node 20 and npm, and none of the workspace's Node 24, pnpm or npm_config_* variables.
const plainEnv = { PATH: '/usr/bin:/bin', HOME: process.env.HOME ?? tmpdir() };
const inProject = (command: string, args: string[]) =>
  exec(command, args, { cwd: project, env: plainEnv, maxBuffer: 16 * 1024 * 1024 });

let project: string;
let api: TestApi;
let baseUrl: string;

beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), 'engine-client-'));
  api = await startTestApi();
  baseUrl = await api.app.listen({ host: '127.0.0.1', port: 0 });
  await exec('pnpm', ['pack', '--pack-destination', project], { cwd: clientDir });
  await writeFile(
    join(project, 'package.json'),
    JSON.stringify({ name: 'integrator', private: true, type: 'module' }),
  );
  await inProject('/usr/bin/npm', ['install', '--no-audit', '--no-fund', `./${tarball}`]);
}, 120_000);

afterAll(async () => {
  await api?.close();
  if (project) await rm(project, { recursive: true, force: true });
});

describe('the packed client in a plain Node 20 project', () => {
  it('is one tarball named after the package, holding built JavaScript and declarations, depending on openapi-fetch alone', async () => {
    expect((await readdir(project)).filter((name) => name.endsWith('.tgz'))).toEqual([tarball]);
    const installed = join(project, 'node_modules/@engine/client');
    const manifest = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8'));
    expect(manifest).toMatchObject({
      name: '@engine/client',
      exports: { '.': { types: './dist/index.d.mts', import: './dist/index.mjs' } },
      dependencies: { 'openapi-fetch': expect.any(String) },
      engines: { node: '>=20' },
    });
    expect(Object.keys(manifest.dependencies)).toEqual(['openapi-fetch']);
    expect(JSON.stringify(manifest)).not.toMatch(/workspace:|@engine\/api/);
    expect((await readdir(join(installed, 'dist'))).sort()).toEqual(['index.d.mts', 'index.mjs']);
  });

  it('runs from a .mjs script on Node 20: typed answers of a real API, the bearer key sent, problems as EngineError', async () => {
    const id = uniqueId('pkg');
    await writeFile(
      join(project, 'integrate.mjs'),
      `import { createEngineClient, EngineError } from '@engine/client';
const [baseUrl, apiKey, event] = process.argv.slice(2);
const client = createEngineClient({ baseUrl, apiKey, retries: 0 });
const problemOf = (call) => call.then(
  () => 'no error',
  (error) => (error instanceof EngineError ? { status: error.status, paths: error.problem.errors?.map((e) => e.path) } : String(error)),
);
console.log(JSON.stringify({
  node: process.version,
  posted: await client.postEvents(JSON.parse(event)),
  status: await client.eventStatus(JSON.parse(event).id),
  unknownEvent: (await client.eventStatus('no-such-event')) ?? 'undefined',
  badEvent: await problemOf(client.postEvents({ id: 'bad', type: 'complaint.received' })),
  wrongKey: await problemOf(createEngineClient({ baseUrl, apiKey: 'not-a-key', retries: 0 }).eventStatus('x')),
}));
`,
    );
    const event = complaintReceived(id);
    const { stdout } = await inProject('/usr/bin/node', [
      'integrate.mjs',
      baseUrl,
      api.keys.ingest,
      JSON.stringify(event),
    ]);
    const answer = JSON.parse(stdout);
    expect(answer.node).toMatch(/^v20\./);
    expect(answer.posted).toEqual({ accepted: 1, duplicates: 0, results: [{ id, status: 'accepted' }] });
    expect(answer.status).toEqual({ id, status: 'pending' });
    expect(answer.unknownEvent).toBe('undefined');
    expect(answer.badEvent).toEqual({
      status: 400,
      paths: ['events[0].subjectId', 'events[0].occurredAt', 'events[0].data'],
    });
    expect(answer.wrongKey).toMatchObject({ status: 401 });
    expect(api.storedEvents()).toBe(1);
  });

  it("type-checks against the project's own tsc (strict, nodenext and bundler resolution), and a type error is reported", async () => {
    await inProject('/usr/bin/npm', [
      'install',
      '--no-audit',
      '--no-fund',
      '-D',
      'typescript@~5.9.3',
      '@types/node@^20',
    ]);
    // The README's example for integrators, as written there.
    const readme = await readFile(new URL('../../../README.md', import.meta.url), 'utf8');
    const example = readme.match(/```ts\n(import [^\n]* from '@engine\/client';\n[\s\S]*?)```/)?.[1];
    expect(example).toContain('createEngineClient');
    await writeFile(join(project, 'readme-example.ts'), example ?? '');
    await writeFile(
      join(project, 'mistakes.ts'),
      `import { createEngineClient } from '@engine/client';

const client = createEngineClient({ baseUrl: 'http://127.0.0.1:3000', apiKey: 'key' });
client.clocks({ state: 'late' });
export const deadline: number = (await client.complaint('C-1'))!.clocks[0]!.deadline;
`,
    );
    const strict = { strict: true, target: 'es2022', lib: ['es2022'], types: ['node'], noEmit: true };
    // The package's declarations checked once (skipLibCheck off costs ~7 s); bundler as most projects set it.
    const settings = {
      nodenext: { ...strict, module: 'nodenext', moduleResolution: 'nodenext', skipLibCheck: false },
      bundler: { ...strict, module: 'preserve', moduleResolution: 'bundler', skipLibCheck: true },
    };
    for (const [name, compilerOptions] of Object.entries(settings)) {
      await writeFile(
        join(project, `tsconfig.${name}.json`),
        JSON.stringify({ compilerOptions, include: ['*.ts'] }),
      );
      const checked = await inProject('/usr/bin/node', [
        'node_modules/typescript/bin/tsc',
        '-p',
        `tsconfig.${name}.json`,
      ]).then(
        () => ({ code: 0, stdout: '' }),
        (failure: { code: number; stdout: string }) => failure,
      );
      // Exactly the two deliberate mistakes: the README's example and the package's own declarations are clean.
      const errors = checked.stdout.match(/^\S+\(\d+,\d+\): error TS\d+/gm);
      expect(errors, `${name}: ${checked.stdout}`).toEqual([
        'mistakes.ts(4,17): error TS2322',
        'mistakes.ts(5,14): error TS2322',
      ]);
      expect(checked.stdout).toMatch(/Type '"late"' is not assignable/);
      expect(checked.code, name).toBe(2);
    }
  }, 120_000);
});
