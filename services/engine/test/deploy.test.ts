import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { engineRoles } from '../src/engine-roles.ts';

// The deploy files as Docker would read them, on machines that have no Docker engine: the compose
// file against the Compose Specification's JSON schema (fixtures/compose-spec.json, from
// github.com/compose-spec/compose-spec schema/compose-spec.json at 170098b, Apache-2.0), and the
// commands it and the Dockerfile run are the ones the tests and the start command run.
const root = fileURLToPath(new URL('../../..', import.meta.url));
const read = (path: string) => readFileSync(`${root}${path}`, 'utf8');

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  container_name?: string;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test?: string[]; disable?: boolean };
  volumes?: string[];
}

const compose = parse(read('infra/compose.yaml'), { merge: true }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};

describe('infra/compose.yaml', () => {
  it('is a valid Compose file', () => {
    const schema = JSON.parse(read('services/engine/test/fixtures/compose-spec.json'));
    delete schema.$schema; // draft-07, ajv's default
    const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(schema);
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('runs Postgres, Redis, the setup step, and every engine role as a service of its own', () => {
    expect(Object.keys(compose.services).sort()).toEqual(
      ['postgres', 'redis', 'setup', ...engineRoles].sort(),
    );
    for (const role of engineRoles) {
      const service = compose.services[role]!;
      expect(service.command).toEqual(['node', 'services/engine/src/main.ts']);
      expect(service.environment?.ENGINE_ROLES).toBe(role);
      expect(service.environment?.DATABASE_URL).toMatch(/@postgres:5432\//);
      expect(service.environment?.REDIS_URL).toBe('redis://redis:6379');
      expect(service.depends_on).toEqual({ setup: { condition: 'service_completed_successfully' } });
      expect(service.healthcheck?.test?.[0]).toBe('CMD');
      // Scalable: no fixed container name; only the API publishes a port.
      expect(service.container_name).toBeUndefined();
      if (role !== 'api') expect(service.ports).toBeUndefined();
    }
    expect(compose.services.api!.healthcheck!.test!.join(' ')).toContain('/readyz');
    expect(compose.services.classifier!.healthcheck!.test).toEqual([
      'CMD',
      'node',
      'services/engine/src/cli.ts',
      'doctor',
      '--reachable',
    ]);
  });

  it('migrates and writes the first keys once, before the engine starts', () => {
    const setup = compose.services.setup!;
    expect(setup.command).toEqual(['node', 'services/engine/src/cli.ts', 'setup', '--keys-dir', '/keys']);
    expect(setup.volumes).toEqual(['engine-keys:/keys']);
    expect(setup.build).toEqual({ context: '..', dockerfile: 'Dockerfile' });
    expect(setup.depends_on).toEqual({
      postgres: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' },
    });
    expect(Object.keys(compose.volumes).sort()).toEqual(['engine-keys', 'postgres-data', 'redis-data']);
  });

  it('gives Redis infra/redis.conf: append-only, noeviction', () => {
    expect(compose.services.redis!.volumes).toContain('./redis.conf:/usr/local/etc/redis/redis.conf:ro');
    const conf = read('infra/redis.conf');
    expect(conf).toMatch(/^appendonly yes$/m);
    expect(conf).toMatch(/^maxmemory-policy noeviction$/m);
  });

  it('runs files that exist', () => {
    const scripts = Object.values(compose.services)
      .flatMap((s) => [...(s.command ?? []), ...(s.healthcheck?.test ?? [])])
      .filter((part) => part.startsWith('services/'));
    expect(new Set(scripts)).toEqual(new Set(['services/engine/src/main.ts', 'services/engine/src/cli.ts']));
    for (const script of scripts) expect(existsSync(`${root}${script}`)).toBe(true);
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const stages = dockerfile.split(/^FROM /m).slice(1);

  it('is multi-stage on Node 24 slim, and runs as the unprivileged node user', () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:24-[a-z]+-slim$/m);
    expect(stages.length).toBeGreaterThanOrEqual(3);
    const final = stages.at(-1)!;
    expect(final).toMatch(/^\$\{NODE_IMAGE\}\n/);
    expect(final).toMatch(/^USER node$/m);
    expect(final).toMatch(/^CMD \["node", "services\/engine\/src\/main\.ts"\]$/m);
  });

  it("ships production dependencies only, and the console's built files", () => {
    const production = stages.find((s) => s.startsWith('pnpm AS production'))!;
    expect(production).toContain('pnpm install --offline --prod --frozen-lockfile');
    const final = stages.at(-1)!;
    expect(final).toContain('COPY --from=production /engine ./');
    expect(final).toContain('COPY --from=build /engine/services/console/dist ./services/console/dist');
    // The pnpm pinned in package.json.
    const pinned = JSON.parse(read('package.json')).packageManager.replace('pnpm@', '');
    expect(dockerfile).toContain(`pnpm@${pinned}`);
  });
});
