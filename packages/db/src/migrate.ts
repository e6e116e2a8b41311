import { sql } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import type { Db } from './database.ts';
import * as initial from './migrations/0001_initial.ts';
import * as pipeline from './migrations/0002_pipeline.ts';
import * as repeatLookup from './migrations/0003_repeat_lookup.ts';
import * as readSide from './migrations/0004_read_side.ts';
import * as ledgerTotals from './migrations/0005_ledger_totals.ts';
import * as calendars from './migrations/0006_calendars.ts';
import * as eventsWaiting from './migrations/0007_events_waiting.ts';
import * as departmentPolicyFamily from './migrations/0008_department_policy_family.ts';
import * as subjectColumns from './migrations/0009_subject_columns.ts';
import * as consoleTables from './migrations/0010_console.ts';
import * as subjectsByHall from './migrations/0013_subjects_by_hall.ts';
import * as statementTriggers from './migrations/0020_statement_triggers.ts';
import * as metricsCounts from './migrations/0021_metrics_counts.ts';
import * as webhookFormats from './migrations/0022_webhook_formats.ts';
import * as slaDayCounts from './migrations/0023_sla_day_counts.ts';
import * as slaCountsLookups from './migrations/0024_sla_counts_lookups.ts';
import * as ledgerTotalsShards from './migrations/0025_ledger_totals_shards.ts';

/** Every migration, in order. Listed here rather than read from disk, so a build cannot miss one. */
const migrations: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_pipeline': pipeline,
  '0003_repeat_lookup': repeatLookup,
  '0004_read_side': readSide,
  '0005_ledger_totals': ledgerTotals,
  '0006_calendars': calendars,
  '0007_events_waiting': eventsWaiting,
  '0008_department_policy_family': departmentPolicyFamily,
  '0009_subject_columns': subjectColumns,
  '0010_console': consoleTables,
  '0013_subjects_by_hall': subjectsByHall,
  '0020_statement_triggers': statementTriggers,
  '0021_metrics_counts': metricsCounts,
  '0022_webhook_formats': webhookFormats,
  '0023_sla_day_counts': slaDayCounts,
  '0024_sla_counts_lookups': slaCountsLookups,
  '0025_ledger_totals_shards': ledgerTotalsShards,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the schema to the latest migration; safe to run from several processes at once (Kysely locks). */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** What `engine.sh doctor` reports: migrations not applied yet, and applied ones this code does not know (a newer engine ran). */
export async function migrationStatus(db: Db): Promise<{ pending: string[]; unknown: string[] }> {
  const known = await new Migrator({ db, provider }).getMigrations();
  const { rows } = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`
    .execute(db)
    .catch((error: { code?: string }) => (error.code === '42P01' ? { rows: [] } : Promise.reject(error)));
  return {
    pending: known.filter((m) => !m.executedAt).map((m) => m.name),
    unknown: rows.map((r) => r.name).filter((name) => !(name in migrations)),
  };
}
