import { builtinCalendars, builtinPolicies, loadPolicyPack, type Policy } from '@engine/domain';
import type { Db } from './database.ts';

/** Stores the packs shipped with the engine, once; a stored version is never overwritten. */
export async function seedBuiltinPolicies(db: Db): Promise<void> {
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

/** Every stored version, validated again as it is loaded. */
export async function loadPolicies(db: Db): Promise<Policy[]> {
  const rows = await db
    .selectFrom('policy_versions')
    .select(['version', 'body'])
    .orderBy('effective_from')
    .execute();
  return rows.map((row) => loadPolicyPack(row.body, `policy_versions/${row.version}`, builtinCalendars));
}
