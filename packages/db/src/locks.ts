import { sql } from 'kysely';
import type { Trx } from './database.ts';

/** Advisory locks that serialise work across processes (each until its transaction ends). */
/** Serialises everything done to one subject, across processes, until the transaction ends. */
export async function lockSubject(trx: Trx, kind: string, id: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`subject:${kind}:${id}`}, 0))`.execute(trx);
}

/**
 * lockSubject for many subjects in one statement, always in the same (hash) order, so two
 * transactions locking overlapping sets never wait for each other in a circle.
 */
export async function lockSubjects(
  trx: Trx,
  subjects: readonly { kind: string; id: string }[],
): Promise<void> {
  if (subjects.length === 0) return;
  await sql`
    SELECT pg_advisory_xact_lock(k) FROM (
      SELECT DISTINCT hashtextextended('subject:' || kind || ':' || id, 0) AS k
      FROM unnest(${subjects.map((s) => s.kind)}::text[], ${subjects.map((s) => s.id)}::text[]) AS t(kind, id)
      ORDER BY 1
    ) AS ordered`.execute(trx);
}

/** Serialises quota positions of one department's month (RULES.md 2.4); always taken after the subject lock. */
export async function lockDepartmentPeriod(trx: Trx, departmentId: string, period: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`quota:${departmentId}:${period}`}, 0))`.execute(
    trx,
  );
}

/** Serialises the ranking of one person's findings in a calendar year (RULES.md 7), after the subject lock. */
export async function lockPersonYear(trx: Trx, personId: string, year: number): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`findings:${personId}:${year}`}, 0))`.execute(
    trx,
  );
}
