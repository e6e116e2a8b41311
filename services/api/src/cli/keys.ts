// Operator command for API keys:
//   node services/api/src/cli/keys.ts create --role admin --name "first admin" [--departments D1,D2]
//   node services/api/src/cli/keys.ts revoke <key id>
import { parseArgs } from 'node:util';
import { loadConfig } from '@engine/config';
import { createApiKey, createDb, ensureDatabase, migrateToLatest, type Role, revokeApiKey } from '@engine/db';

const roles: readonly Role[] = ['ingest', 'manager', 'finance', 'admin'];
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { role: { type: 'string' }, name: { type: 'string' }, departments: { type: 'string' } },
});
const [command, id] = positionals;
const config = loadConfig();
await ensureDatabase(config.DATABASE_URL);
const db = createDb(config.DATABASE_URL, { max: 1 });
try {
  await migrateToLatest(db);
  if (command === 'create') {
    const role = values.role as Role;
    if (!roles.includes(role)) throw new Error(`--role must be one of ${roles.join(', ')}`);
    const departments = values.departments ? values.departments.split(',').map((d) => d.trim()) : null;
    const { key, apiKey } = await createApiKey(db, { name: values.name ?? `${role} key`, role, departments });
    console.error(`created ${role} key ${apiKey.id}; it is shown once:`);
    console.log(key);
  } else if (command === 'revoke' && id) {
    console.log((await revokeApiKey(db, id)) ? `revoked ${id}` : `no active key ${id}`);
  } else {
    throw new Error(
      'usage: keys.ts create --role <ingest|manager|finance|admin> [--name N] [--departments D1,D2] | keys.ts revoke <id>',
    );
  }
} finally {
  await db.destroy();
}
