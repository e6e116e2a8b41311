import { userInfo } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/index.ts';

const saved = { USER: process.env.USER, PGUSER: process.env.PGUSER };
afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe('DATABASE_URL', () => {
  it('without a user name, and with neither PGUSER nor USER set, connects as the OS user (as psql does)', () => {
    delete process.env.USER;
    delete process.env.PGUSER;
    const { DATABASE_URL } = loadConfig({ DATABASE_URL: 'postgres://127.0.0.1:5432/engine' });
    expect(new URL(DATABASE_URL).username).toBe(userInfo().username);
  });

  it('keeps a user name it was given, and leaves the choice to node-postgres when USER is set', () => {
    delete process.env.PGUSER;
    expect(loadConfig({ DATABASE_URL: 'postgres://alice@db:5432/engine' }).DATABASE_URL).toBe(
      'postgres://alice@db:5432/engine',
    );
    process.env.USER = 'bob';
    expect(loadConfig({ DATABASE_URL: 'postgres://db:5432/engine' }).DATABASE_URL).toBe(
      'postgres://db:5432/engine',
    );
  });
});
