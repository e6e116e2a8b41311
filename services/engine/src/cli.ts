// The operator's command line (scripts/engine.sh runs it with Node 24 and the services up; the
// container image runs it as `node services/engine/src/cli.ts`). `engine.sh --help` lists the
// commands, `engine.sh <command> --help` explains one. Commander gives every command its help and
// its usage errors; exit codes: 0 done, 1 failed (a doctor check, a server unreachable), 2 mistyped
// or wrong input (nothing was done).
import { userInfo } from 'node:os';
import { type Config, ConfigError, loadConfig } from '@engine/config';
import {
  createDb,
  type Db,
  ensureDatabase,
  migrateToLatest,
  PolicyStore,
  type Role,
  seedBuiltinPolicies,
} from '@engine/db';
import { formatInstant, isPeriod, timeZoneOf } from '@engine/domain';
import { Producer } from '@engine/queue';
import { bootstrap, type Runtime } from '@engine/runtime';
import {
  closePeriod,
  enqueueFollowUps,
  PeriodNotEndedError,
  previewClose,
  rebuildTimers,
  replay,
  replayPeriod,
} from '@engine/use-cases';
import { Argument, Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { importCalendar, showCalendars } from './calendar-commands.ts';
import { CommandError, exitCodes, oneLine } from './command-error.ts';
import { formatChecks, runDoctor } from './doctor.ts';
import { formatReconciliation, formatReplay } from './format-replay.ts';
import { createKey, departmentsOf, firstKeys, listKeys, revokeKey, roles } from './key-commands.ts';
import { replayProgressBar } from './replay-progress.ts';

const operator = () => `engine.sh (${userInfo().username})`;

const local = (date: Date, zone: string) =>
  formatInstant(date.getTime(), zone).slice(0, 16).replace('T', ' ');

function period(text: string): string {
  if (!isPeriod(text)) throw new InvalidArgumentError('a month is YYYY-MM');
  return text;
}

/** A month not over yet: the operator's mistake, said in the policies' zone. */
const notEnded = (zone: string) => (error: unknown) => {
  if (!(error instanceof PeriodNotEndedError)) throw error;
  throw new CommandError(`${error.period} has not ended: it ends at ${local(error.endsAt, zone)} (${zone})`);
};

/** The database alone, created and migrated when needed: works before the engine ever started. */
async function withDatabase<T>(work: (db: Db, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  await ensureDatabase(config.DATABASE_URL);
  const db = createDb(config.DATABASE_URL, { max: 2 });
  try {
    await migrateToLatest(db);
    await seedBuiltinPolicies(db, new Date());
    return await work(db, config);
  } finally {
    await db.destroy();
  }
}

/** The zone people read times in: the policies' (API.md). */
async function zoneOf(db: Db): Promise<string> {
  return timeZoneOf((await PolicyStore.load(db)).all());
}

/** Everything an engine process has (Postgres, Redis, the policies), for commands that queue work. */
async function withRuntime<T>(work: (runtime: Runtime) => Promise<T>): Promise<T> {
  const runtime = await bootstrap();
  try {
    return await work(runtime);
  } finally {
    await runtime.producer.close();
    await runtime.db.destroy();
  }
}

const program = new Command('engine.sh')
  .description(
    'The operator\'s command line of the complaint and SLA engine. Settings come from the environment (DATABASE_URL, REDIS_URL, QUEUE_PREFIX; every setting is listed under "Processes" in the README). Exit codes: 0 done, 1 failed, 2 mistyped or wrong input (nothing was done).',
  )
  .option('--debug', 'on an unexpected error, print its stack trace too')
  .showHelpAfterError('(add --help for usage)')
  .exitOverride();

const keys = program.command('keys').description('API keys: list, create, revoke');
keys
  .command('list')
  .description('the keys: id, role, name, prefix, departments, created and revoked times (never the keys)')
  .option('--all', 'revoked keys too')
  .action((options: { all?: boolean }) =>
    withDatabase(async (db) =>
      console.log(await listKeys(db, await zoneOf(db), { all: options.all === true })),
    ),
  );
keys
  .command('create')
  .description('make a key: printed once on stdout (redirect it to a file), what it is on stderr')
  .addOption(new Option('--role <role>', 'what the key may do').choices(roles).makeOptionMandatory())
  .option('--name <name>', 'who or what holds it (keys list and revoke use it)')
  .option(
    '--departments <list>',
    'manager and finance keys: the departments it sees, comma separated (default: every one)',
    (value: string, previous: string | undefined) => {
      if (previous !== undefined) throw new InvalidArgumentError('give --departments once, as a comma list');
      return value;
    },
  )
  .action((options: { role: Role; name?: string; departments?: string }) => {
    const departments = departmentsOf(options.departments);
    return withDatabase(async (db) => {
      const { stdout, stderr } = await createKey(db, {
        role: options.role,
        ...(options.name === undefined ? {} : { name: options.name }),
        departments,
      });
      for (const line of stderr) console.error(line);
      for (const line of stdout) console.log(line);
    });
  });
keys
  .command('revoke')
  .description('revoke a key by its id, or by its name when one active key has it (keys list shows both)')
  .argument('<id-or-name>', 'the key id (a UUID) or the key name')
  .action((idOrName: string) =>
    withDatabase(async (db) => console.log(await revokeKey(db, await zoneOf(db), idOrName))),
  );

program
  .command('migrate')
  .description('create the database if missing and bring its schema to the latest migration')
  .action(async () => {
    const config = loadConfig();
    await ensureDatabase(config.DATABASE_URL);
    const db = createDb(config.DATABASE_URL, { max: 1 });
    try {
      const applied = await migrateToLatest(db);
      console.log(applied.length ? `applied ${applied.join(', ')}` : 'up to date');
    } finally {
      await db.destroy();
    }
  });

program
  .command('setup')
  .description(
    "first deploy step (the compose file's one-shot service): migrate, store the shipped policies and calendars, and write a first key for each role that has none to DIR/<role>.key (mode 600, never printed)",
  )
  .option('--keys-dir <dir>', 'where the first keys are written', '.engine')
  .action((options: { keysDir: string }) =>
    withDatabase(async (db) => {
      console.log('database migrated; shipped policies and calendars stored');
      for (const line of await firstKeys(db, options.keysDir)) console.log(line);
    }),
  );

program
  .command('doctor')
  .description(
    'check the deployment, read-only: Postgres and Redis reachable, Redis noeviction and append-only, migrations current, calendar coverage, queue backlog and workers, events not applied, dead webhooks. One line per check (ok, warn or fail); exit code 1 when any fails',
  )
  .option(
    '--reachable',
    "only Postgres and Redis reachable, and Redis's settings (containers' health checks)",
  )
  .action(async (options: { reachable?: boolean }) => {
    const checks = await runDoctor(loadConfig(), new Date(), { reachableOnly: options.reachable === true });
    console.log(formatChecks(checks));
    if (checks.some((c) => c.status === 'fail')) process.exitCode = exitCodes.failed;
  });

program
  .command('timers')
  .description('the SLA timers kept in Redis')
  .command('rebuild')
  .description(
    "queue again every running clock's next warning or deadline within TIMER_HORIZON_MINUTES (after Redis lost its data; the SLA timer also does it on its own)",
  )
  .action(() =>
    withRuntime(async (runtime) =>
      console.log(`rebuilt ${await rebuildTimers(runtime.db, runtime.producer, runtime.now)} timers`),
    ),
  );

const periods = program.command('periods').description('the ledger months');
periods
  .command('close')
  .description(
    'close a month that has ended (RULES.md 8): price the faults unfinished at its end, post the callback-rate shortfalls, then lock it; later corrections go to the next open month. Closing twice changes nothing',
  )
  .argument('<month>', 'YYYY-MM', period)
  .option('--dry-run', 'print what the close would post, and post nothing')
  .action((month: string, options: { dryRun?: boolean }) =>
    withRuntime(async (runtime) => {
      const zone = timeZoneOf(runtime.policies.all());
      if (options.dryRun) {
        const preview = await previewClose(
          { db: runtime.db, policies: runtime.policies.all(), timeZone: zone, now: runtime.now },
          month,
        ).catch(notEnded(zone));
        const fen = preview.entries.reduce((sum, e) => sum + e.amountFen, 0);
        console.log(
          preview.alreadyClosed
            ? `${month} is already closed`
            : `closing ${month} would price ${preview.faultsAssessed} faults as unfinished and post ${preview.entries.length} entries, ${(fen / 100).toFixed(2)} yuan; nothing was posted`,
        );
        return;
      }
      const outcome = await closePeriod(
        {
          db: runtime.db,
          policies: runtime.policies,
          policyFamily: runtime.config.POLICY_FAMILY,
          now: runtime.now,
          timeZone: zone,
          followUp: (followUps) => enqueueFollowUps(runtime.producer, followUps, runtime.now()),
        },
        month,
        null, // closed_by names a key; the command acts as no key
      ).catch(notEnded(zone));
      const at = local(outcome.closedAt, zone);
      console.log(
        outcome.alreadyClosed
          ? `${month} was already closed (${at})`
          : `closed ${month} at ${at} (${zone}): ${outcome.faultsAssessed} faults priced as unfinished, ${outcome.entriesPosted} entries posted`,
      );
    }),
  );

const replays = program
  .command('replay')
  .description(
    'evaluate subjects again from their stored events and compare the fines with the live ledger (touches nothing)',
  );
replays
  .command('subject')
  .description('one subject')
  .addArgument(
    new Argument('<kind>', 'the subject kind').choices(['complaint', 'fault', 'callback', 'finding']),
  )
  .argument('<id>', 'its id')
  .option('--policy <version>', 'under this policy version instead of the one frozen on the subject')
  .option('--json', 'the result as JSON')
  .action((kind: string, id: string, options: { policy?: string; json?: boolean }) =>
    withRuntime(async (runtime) => {
      const result = await replay(runtime.db, runtime.policies.all(), [{ kind, id }], {
        ...(options.policy ? { policyVersion: options.policy } : {}),
        now: runtime.now(),
      });
      if (result.subjects === 0) throw new CommandError(`no ${kind} ${id} with stored events`);
      console.log(options.json ? JSON.stringify(result, null, 2) : formatReplay(result));
    }),
  );
replays
  .command('period')
  .description(
    "the fines of a month's facts (RULES.md 8: the month of the dispatch, missed deadline, upgrade or finding; an entry's origin period), then how they add up to the month's ledger summary, which counts the entries posted into the month (month-end entries and corrections that crossed a closed month are what differ)",
  )
  .argument('<month>', 'YYYY-MM', period)
  .option('--policy <version>', 'under this policy version instead of the ones frozen on the subjects')
  .option('--department <id>', "only this department's fines")
  .option('--json', 'the result as JSON')
  .action((month: string, options: { policy?: string; department?: string; json?: boolean }) =>
    withRuntime(async (runtime) => {
      const progress = replayProgressBar();
      const result = await replayPeriod(runtime.db, runtime.policies.all(), month, {
        ...(options.policy ? { policyVersion: options.policy } : {}),
        ...(options.department ? { departmentId: options.department } : {}),
        now: runtime.now(),
        onProgress: progress.update,
      }).finally(progress.stop);
      console.log(
        options.json
          ? JSON.stringify({ period: month, ...result }, null, 2)
          : `${formatReplay(result)}\n${formatReconciliation(month, result)}`,
      );
    }),
  );

const calendar = program
  .command('calendar')
  .description('the working-day calendars (official holidays, make-up days)');
calendar
  .command('show')
  .description('each year of the calendars, official or provisional, and the days of official data left')
  .argument('[calendar]', 'one calendar id (default: all)')
  .action((calendarId: string | undefined) =>
    withDatabase(async (db) => console.log(await showCalendars(db, new Date(), calendarId))),
  );
calendar
  .command('import')
  .description(
    'store a year\'s official holidays and make-up working days; subjects that counted on it are evaluated again. FILE is an iCalendar holiday feed (.ics), the shipped calendar form ({"years": {"2027": {...}}}) or one year as the API takes it ({"holidays", "workdays", "source"}, with --year)',
  )
  .argument('<file>', 'the file to import')
  .option('--calendar <id>', 'the calendar', 'cn-mainland')
  .option('--year <yyyy>', 'the year (required for one year as the API takes it)', (value: string) => {
    if (!/^\d{4}$/.test(value)) throw new InvalidArgumentError('a year is YYYY');
    return value;
  })
  .option('--source <text>', 'where the arrangement comes from (the State Council notice)')
  .action((file: string, options: { calendar: string; year?: string; source?: string }) =>
    withDatabase(async (db, config) => {
      // Redis is reached only when stored years put subjects to be evaluated again.
      let producer: Producer | undefined;
      try {
        console.log(
          await importCalendar(
            db,
            () => (producer ??= new Producer(config.REDIS_URL, config.QUEUE_PREFIX)),
            file,
            {
              calendarId: options.calendar,
              ...(options.year ? { year: options.year } : {}),
              ...(options.source ? { source: options.source } : {}),
              storedBy: operator(),
            },
          ),
        );
      } finally {
        await producer?.close();
      }
    }),
  );

/** The exit code of an error, and its one line on stderr (commander has printed its own). */
function reportError(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
  if (error instanceof CommandError || error instanceof ConfigError) {
    console.error(error.message);
    return exitCodes.usage;
  }
  console.error(`engine.sh: ${oneLine(error)}`);
  if (program.opts().debug) console.error((error as Error).stack);
  else console.error('(engine.sh --debug <command> prints the stack trace)');
  return exitCodes.failed;
}

try {
  await program.parseAsync();
} catch (error) {
  process.exitCode = reportError(error);
}
// Every command closes its connections; exiting here also ends a socket a server left half-open.
process.exit(process.exitCode ?? exitCodes.ok);
