// The operator's command line (scripts/engine.sh runs it with Node 24 and the services up):
//   keys create --role <ingest|manager|finance|admin> [--name N] [--departments D1,D2]
//   keys revoke <key id>
//   migrate
//   timers rebuild
//   replay subject <complaint|fault|callback|finding> <id> [--policy VERSION] [--json]
//   replay period <YYYY-MM> [--policy VERSION] [--department D] [--json]
//   calendar show [CALENDAR]
//   calendar import FILE [--calendar ID] [--year YYYY] [--source TEXT]
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { loadConfig } from '@engine/config';
import {
  ApiKeyError,
  createApiKey,
  createDb,
  ensureDatabase,
  migrateToLatest,
  type Role,
  revokeApiKey,
  seedBuiltinPolicies,
} from '@engine/db';
import { isPeriod, timeZoneOf } from '@engine/domain';
import { Producer } from '@engine/queue';
import { bootstrap } from '@engine/runtime';
import { rebuildTimers, replay, subjectsOfPeriod } from '@engine/use-cases';
import { CommandError, importCalendar, showCalendars } from './calendar-commands.ts';
import { formatReplay } from './format-replay.ts';
import { replayProgressBar } from './replay-progress.ts';

const usage = `usage: engine.sh <command>
  keys create --role <ingest|manager|finance|admin> [--name N] [--departments D1,D2]
  keys revoke <key id>
  migrate
  timers rebuild
  replay subject <complaint|fault|callback|finding> <id> [--policy VERSION] [--json]
  replay period <YYYY-MM> [--policy VERSION] [--department D] [--json]
  calendar show [CALENDAR]
      each year of the working-day calendars, official or provisional, and the days of official data left
  calendar import FILE [--calendar ID] [--year YYYY] [--source TEXT]
      store a year's official holidays and make-up working days: FILE is an iCalendar holiday feed
      (.ics), the shipped calendar form ({"years": {"2027": {...}}}) or one year as the API takes it
      ({"holidays", "workdays", "source"}, with --year); subjects that counted on it are evaluated again`;

const roles: readonly Role[] = ['ingest', 'manager', 'finance', 'admin'];
function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const { positionals, values } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        role: { type: 'string' },
        name: { type: 'string' },
        departments: { type: 'string' },
        policy: { type: 'string' },
        department: { type: 'string' },
        json: { type: 'boolean', default: false },
        calendar: { type: 'string', default: 'cn-mainland' },
        year: { type: 'string' },
        source: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    return fail(`${(error as Error).message}\n${usage}`);
  }
})();
const [group, action, ...rest] = positionals;
if (values.help) {
  console.log(usage);
  process.exit(0);
}

if (group === 'keys' || group === 'migrate') {
  // Needs only the database: works before the rest of the engine was ever started.
  const config = loadConfig();
  await ensureDatabase(config.DATABASE_URL);
  const db = createDb(config.DATABASE_URL, { max: 1 });
  try {
    const applied = await migrateToLatest(db);
    if (group === 'migrate') console.log(applied.length ? `applied ${applied.join(', ')}` : 'up to date');
    else if (action === 'create') {
      const role = values.role as Role;
      if (!roles.includes(role)) fail(`--role must be one of ${roles.join(', ')}`);
      // Given but empty (an unset variable in a script) is a mistake, never "every department".
      const departments =
        values.departments === undefined
          ? null
          : values.departments
              .split(',')
              .map((d) => d.trim())
              .filter((d) => d !== '');
      const { key, apiKey } = await createApiKey(db, {
        name: values.name ?? `${role} key`,
        role,
        departments,
      }).catch((error) =>
        error instanceof ApiKeyError ? fail(`--departments: ${error.message}`) : Promise.reject(error),
      );
      console.error(`created ${role} key ${apiKey.id}; it is shown once:`);
      console.log(key);
    } else if (action === 'revoke' && rest[0]) {
      console.log((await revokeApiKey(db, rest[0])) ? `revoked ${rest[0]}` : `no active key ${rest[0]}`);
    } else fail(usage);
  } finally {
    await db.destroy();
  }
} else if (group === 'timers' && action === 'rebuild') {
  const runtime = await bootstrap();
  try {
    console.log(`rebuilt ${await rebuildTimers(runtime.db, runtime.producer, runtime.now())} timers`);
  } finally {
    await runtime.producer.close();
    await runtime.db.destroy();
  }
} else if (group === 'replay' && (action === 'subject' || action === 'period')) {
  const runtime = await bootstrap();
  try {
    const policies = runtime.policies.all();
    const zone = timeZoneOf(policies);
    const targets =
      action === 'subject'
        ? rest.length === 2
          ? [{ kind: rest[0]!, id: rest[1]! }]
          : fail(usage)
        : isPeriod(rest[0] ?? '')
          ? await subjectsOfPeriod(runtime.db, rest[0]!, zone, values.department)
          : fail(`replay period needs a month, YYYY-MM\n${usage}`);
    const progress = replayProgressBar();
    const result = await replay(runtime.db, policies, targets, {
      ...(values.policy ? { policyVersion: values.policy } : {}),
      now: runtime.now(),
      onProgress: progress.update,
    }).finally(progress.stop);
    console.log(values.json ? JSON.stringify(result, null, 2) : formatReplay(result));
  } finally {
    await runtime.producer.close();
    await runtime.db.destroy();
  }
} else if (group === 'calendar' && (action === 'show' || action === 'import')) {
  if (action === 'import' && !rest[0]) fail(`calendar import needs a FILE\n${usage}`);
  if (values.year !== undefined && !/^\d{4}$/.test(values.year)) fail('--year must be a year, YYYY');
  // Postgres only; Redis is reached only when stored years put subjects to be evaluated again.
  const config = loadConfig();
  await ensureDatabase(config.DATABASE_URL);
  const db = createDb(config.DATABASE_URL, { max: 2 });
  let producer: Producer | undefined;
  try {
    await migrateToLatest(db);
    await seedBuiltinPolicies(db, new Date());
    console.log(
      action === 'show'
        ? await showCalendars(db, new Date(), rest[0])
        : await importCalendar(
            db,
            () => (producer ??= new Producer(config.REDIS_URL, config.QUEUE_PREFIX)),
            rest[0]!,
            {
              calendarId: values.calendar,
              ...(values.year ? { year: values.year } : {}),
              ...(values.source ? { source: values.source } : {}),
              storedBy: `engine.sh (${userInfo().username})`,
            },
          ),
    );
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    process.exitCode = 2;
    console.error(error.message);
  } finally {
    await producer?.close();
    await db.destroy();
  }
} else fail(usage);
