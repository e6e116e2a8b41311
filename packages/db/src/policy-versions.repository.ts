import { builtinPolicies, loadPolicyPack, type Policy, type PolicyPack } from '@engine/domain';
import { sql } from 'kysely';
import { calendarFingerprint, loadStoredCalendars, seedBuiltinCalendars } from './calendars.repository.ts';
import type { Db, Trx } from './database.ts';

/** Stores the packs shipped with the engine (and first the calendars they count on), once; a stored version is never overwritten. */
export async function seedBuiltinPolicies(db: Db, now: Date): Promise<void> {
  await seedBuiltinCalendars(db, now);
  await db
    .insertInto('policy_versions')
    .values(
      builtinPolicies.map(({ pack }) => ({
        version: pack.version,
        family: pack.family,
        effective_from: pack.effectiveFrom,
        body: JSON.stringify(pack),
      })),
    )
    .onConflict((oc) => oc.column('version').doNothing())
    .execute();
}

/** The stored versions, validated again as they are loaded, with the revision of each body. */
export interface LoadedPolicies {
  policies: Policy[];
  /** The calendarFingerprint they were loaded at. */
  calendarFingerprint: string;
  revisions: Map<string, number>;
  /** Versions a subject had used when loaded: they can no longer change. */
  used: Set<string>;
  /** Changes whenever a version is added or replaced: a cheap way for a process to notice. */
  fingerprint: string;
}

export async function loadPolicies(db: Db): Promise<LoadedPolicies> {
  // Read before what it guards, so a year stored meanwhile is noticed at the next look.
  const calendarsSeen = await calendarFingerprint(db);
  const calendars = await loadStoredCalendars(db);
  const rows = await db
    .selectFrom('policy_versions')
    .select(['version', 'body', 'revision', 'first_used_at'])
    .orderBy('effective_from')
    .execute();
  return {
    policies: rows.map((row) => loadPolicyPack(row.body, `policy_versions/${row.version}`, calendars)),
    calendarFingerprint: calendarsSeen,
    revisions: new Map(rows.map((row) => [row.version, row.revision])),
    used: new Set(rows.filter((row) => row.first_used_at !== null).map((row) => row.version)),
    // From the rows themselves (as policyFingerprint computes it), so a change committed while
    // they were read is noticed at the next look.
    fingerprint: `${rows.length}:${rows.reduce((sum, row) => sum + row.revision, 0)}:${calendarsSeen}`,
  };
}

/** Changes whenever a version is stored or replaced, or a calendar year is stored. */
export async function policyFingerprint(db: Db): Promise<string> {
  const { fingerprint } = await db
    .selectFrom('policy_versions')
    .select(sql<string>`count(*) || ':' || coalesce(sum(revision), 0)`.as('fingerprint'))
    .executeTakeFirstOrThrow();
  return `${fingerprint}:${await calendarFingerprint(db)}`;
}

/** A date, as its text: a JS Date would shift it by the process's zone. */
const effectiveFromText = sql<string>`effective_from::text`.as('effective_from');

export async function listPolicyVersions(db: Db) {
  return db
    .selectFrom('policy_versions')
    .select(['version', 'family', effectiveFromText, 'created_at', 'first_used_at', 'revision'])
    .orderBy('family')
    .orderBy('effective_from')
    .execute();
}

export async function findPolicyVersion(db: Db, version: string) {
  return db
    .selectFrom('policy_versions')
    .select(['version', 'family', effectiveFromText, 'created_at', 'first_used_at', 'revision', 'body'])
    .where('version', '=', version)
    .executeTakeFirst();
}

/**
 * Stores a validated pack under its version: a new version is created; an unused one is replaced
 * (its revision bumped); a version some subject was judged by is never changed (API.md).
 */
export async function putPolicyVersion(db: Db, pack: PolicyPack): Promise<'created' | 'replaced' | 'in-use'> {
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('policy_versions')
      .values({
        version: pack.version,
        family: pack.family,
        effective_from: pack.effectiveFrom,
        body: JSON.stringify(pack),
      })
      .onConflict((oc) => oc.column('version').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1) return 'created';
    const replaced = await trx
      .updateTable('policy_versions')
      .set({
        family: pack.family,
        effective_from: pack.effectiveFrom,
        body: JSON.stringify(pack),
        revision: sql<number>`revision + 1`,
      })
      .where('version', '=', pack.version)
      .where('first_used_at', 'is', null)
      .executeTakeFirst();
    return Number(replaced.numUpdatedRows) === 1 ? 'replaced' : 'in-use';
  });
}

/** A version was replaced after this process loaded it: reload and evaluate again. */
export class StalePolicyError extends Error {
  constructor(version: string) {
    super(`policy version ${version} changed since it was loaded`);
    this.name = 'StalePolicyError';
  }
}

/**
 * Freezes a version as used, checking that the body this process judged by is the stored one (a
 * version may be replaced until first used). No row lock is held across statements: the update
 * names the revision, so a concurrent replacement either lands first (this one then finds another
 * revision: stale) or finds the version used (and is refused).
 */
export async function markPolicyUsed(trx: Trx, version: string, revision: number): Promise<void> {
  const stored = () =>
    trx
      .selectFrom('policy_versions')
      .select(['revision', 'first_used_at'])
      .where('version', '=', version)
      .executeTakeFirst();
  const before = await stored();
  if (!before || before.revision !== revision) throw new StalePolicyError(version);
  if (before.first_used_at) return;
  const marked = await trx
    .updateTable('policy_versions')
    .set({ first_used_at: sql<Date>`now()` })
    .where('version', '=', version)
    .where('revision', '=', revision)
    .where('first_used_at', 'is', null)
    .executeTakeFirst();
  if (Number(marked.numUpdatedRows) === 1) return;
  const after = await stored();
  if (!after?.first_used_at || after.revision !== revision) throw new StalePolicyError(version);
}
