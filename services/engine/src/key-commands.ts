import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  ApiKeyError,
  countActiveKeys,
  createApiKey,
  type Db,
  listApiKeys,
  listDepartments,
  type Role,
  revokeApiKey,
} from '@engine/db';
import { formatInstant } from '@engine/domain';
import { CommandError } from './command-error.ts';

export const roles: readonly Role[] = ['ingest', 'manager', 'finance', 'admin'];

type KeyRow = Awaited<ReturnType<typeof listApiKeys>>[number];

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a command prints: on stdout (what a script reads) and on stderr (what the operator reads). */
export interface Output {
  stdout: string[];
  stderr: string[];
}

const local = (date: Date, zone: string) =>
  formatInstant(date.getTime(), zone).slice(0, 16).replace('T', ' ');

function describe(key: KeyRow, zone: string): string {
  const scope = key.departments ? key.departments.join(',') : 'every department';
  const state = key.revoked_at ? `revoked ${local(key.revoked_at, zone)}` : 'active';
  return `${key.id}  ${key.role.padEnd(7)}  ${key.name}  (cse_${key.prefix}_…, ${scope}, created ${local(key.created_at, zone)}, ${state})`;
}

/** `keys list`: the keys (never the keys themselves: their prefix), active ones or all. */
export async function listKeys(db: Db, zone: string, options: { all: boolean }): Promise<string> {
  const keys = (await listApiKeys(db)).filter((k) => options.all || k.revoked_at === null);
  if (keys.length === 0)
    return options.all ? 'no keys' : 'no active keys (engine.sh keys list --all shows revoked ones)';
  return keys.map((k) => describe(k, zone)).join('\n');
}

/**
 * --departments as a list: given but empty (an unset variable in a script) is a mistake, never
 * "every department", and so is a department named twice.
 */
export function departmentsOf(text: string | undefined): string[] | null {
  if (text === undefined) return null;
  const named = text.split(',').map((d) => d.trim());
  if (named.every((d) => d === '')) {
    throw new CommandError('--departments is empty: name at least one department, or leave it out for all');
  }
  if (named.includes('')) throw new CommandError(`--departments "${text}" has an empty name between commas`);
  const twice = named.filter((d, i) => named.indexOf(d) !== i);
  if (twice.length > 0) throw new CommandError(`--departments names ${[...new Set(twice)].join(', ')} twice`);
  return named;
}

/**
 * `keys create`: the key on stdout (shown once; a script redirects it to a file), what it is on
 * stderr, and a warning for each department nobody defined (the key is made all the same: the
 * hotline may send a department before an admin names it).
 */
export async function createKey(
  db: Db,
  input: { role: Role; name?: string; departments: string[] | null },
): Promise<Output> {
  const stderr: string[] = [];
  if (input.departments) {
    const defined = new Set((await listDepartments(db)).map((d) => d.id));
    const unknown = input.departments.filter((d) => !defined.has(d));
    if (unknown.length > 0) {
      stderr.push(
        `warning: ${unknown.length === 1 ? `department ${unknown[0]} is` : `departments ${unknown.join(', ')} are`} not defined (PUT /v1/departments/{id}): a typo? The key is made; it sees what events name ${unknown.length === 1 ? 'it' : 'them'}`,
      );
    }
  }
  const { key, apiKey } = await createApiKey(db, {
    name: input.name ?? `${input.role} key`,
    role: input.role,
    departments: input.departments,
  }).catch((error) => {
    throw error instanceof ApiKeyError ? new CommandError(`--departments: ${error.message}`) : error;
  });
  stderr.push(`created ${apiKey.role} key "${apiKey.name}" (id ${apiKey.id}); the key is shown once:`);
  return { stdout: [key], stderr };
}

/**
 * `keys revoke <id or name>`: an id revokes that key; a name revokes the one active key of that
 * name, and refuses (listing them) when several have it.
 */
export async function revokeKey(db: Db, zone: string, idOrName: string): Promise<string> {
  const keys = await listApiKeys(db);
  const byId = uuidPattern.test(idOrName) ? keys.find((k) => k.id === idOrName.toLowerCase()) : undefined;
  if (byId) {
    if (byId.revoked_at)
      return `key ${byId.id} ("${byId.name}") was already revoked on ${local(byId.revoked_at, zone)}`;
    await revokeApiKey(db, byId.id);
    return `revoked ${byId.role} key "${byId.name}" (${byId.id})`;
  }
  const named = keys.filter((k) => k.name === idOrName && k.revoked_at === null);
  if (named.length === 0) {
    throw new CommandError(`no active key has the id or name "${idOrName}" (engine.sh keys list shows them)`);
  }
  if (named.length > 1) {
    throw new CommandError(
      [
        `${named.length} active keys are named "${idOrName}"; nothing was revoked. Revoke one by its id:`,
        ...named.map((k) => `  ${describe(k, zone)}`),
      ].join('\n'),
    );
  }
  await revokeApiKey(db, named[0]!.id);
  return `revoked ${named[0]!.role} key "${idOrName}" (${named[0]!.id})`;
}

/**
 * `setup --keys-dir DIR` (the compose file's one-shot step, like the start command): a first key
 * for each role that has none, written to DIR/<role>.key (mode 600); never printed, never made
 * twice: a role whose file exists, or that has an active key already, is left as it is.
 */
export async function firstKeys(db: Db, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const lines: string[] = [];
  for (const role of ['admin', 'ingest', 'manager', 'finance'] as const) {
    const file = join(dir, `${role}.key`);
    const existing = await readFile(file, 'utf8').catch(() => '');
    if (existing.trim() !== '') {
      lines.push(`${role}: key kept in ${file}`);
      continue;
    }
    const active = await countActiveKeys(db, role);
    if (active > 0) {
      lines.push(`${role}: ${active} active key(s) already, none created (engine.sh keys create makes one)`);
      continue;
    }
    const { key } = await createApiKey(db, { name: `first ${role} key`, role });
    await writeFile(file, `${key}\n`, { mode: 0o600 });
    await chmod(file, 0o600);
    lines.push(`${role}: first key written to ${file}`);
  }
  return lines;
}
