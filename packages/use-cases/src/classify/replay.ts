import {
  type Db,
  findSubject,
  type PeriodReconciliation,
  periodReconciliation,
  postedEntries,
  subjectsWithFactsIn,
  type Trx,
} from '@engine/db';
import {
  type LedgerIntent,
  openingEventOf,
  type Policy,
  parseInstant,
  periodEnd,
  periodStart,
  type SubjectKind,
  timeZoneOf,
} from '@engine/domain';
import { domainEventsOf } from './apply-subject.ts';
import { evaluateStored } from './evaluate-stored.ts';

/** One fine as the live ledger has it and as the replay would have it. */
export interface ReplayLine {
  kind: string;
  subjectId: string;
  rule: string;
  departmentId: string;
  personId: string | null;
  personRole: string | null;
  /** The month of the fact (RULES.md 8). */
  originPeriod: string;
  liveFen: number;
  replayFen: number;
}

export interface ReplayResult {
  policyVersion: string | null;
  subjects: number;
  /** Fines whose amount differs (a fine only one side has counts with 0 on the other). */
  differences: ReplayLine[];
  liveFen: number;
  replayFen: number;
}

interface Target {
  kind: string;
  id: string;
}

/**
 * Evaluates subjects again from their stored events, under the version each was judged by or a
 * chosen one (for the subjects of that version's family only), and compares the fines with what stands on the live ledger: what finance would pay
 * under a new pack, or (same version) proof that the ledger is a pure function of the events.
 * Runs in read-only transactions: the live ledger is never touched. A fault past its deadline at
 * a closed month's end is priced as unfinished, as live; the callback-rate shortfall, a month's and
 * not a subject's, is not part of a replay.
 */
export async function replay(
  db: Db,
  policies: readonly Policy[],
  targets: readonly Target[],
  options: {
    policyVersion?: string;
    now: Date;
    /** Only the fines of this month's facts (their origin period, RULES.md 8), and of this department. */
    only?: { period: string; departmentId?: string };
  },
): Promise<ReplayResult> {
  const chosen = options.policyVersion
    ? policies.find((p) => p.pack.version === options.policyVersion)
    : undefined;
  if (options.policyVersion && !chosen) throw new Error(`no stored policy version ${options.policyVersion}`);
  const now = parseInstant(options.now.toISOString());
  const result: ReplayResult = {
    policyVersion: options.policyVersion ?? null,
    subjects: 0,
    differences: [],
    liveFen: 0,
    replayFen: 0,
  };
  for (const { kind, id } of targets) {
    // One short transaction per subject: the quota and findings locks evaluation takes are held
    // only as long as live classification would hold them.
    const lines = await db
      .transaction()
      .setAccessMode('read only')
      .execute((trx) => replayOne(trx, policies, chosen, kind, id, now));
    if (!lines) continue;
    result.subjects += 1;
    for (const line of lines) {
      const { only } = options;
      if (
        only &&
        (line.originPeriod !== only.period || (only.departmentId && line.departmentId !== only.departmentId))
      )
        continue;
      result.liveFen += line.liveFen;
      result.replayFen += line.replayFen;
      if (line.liveFen !== line.replayFen) result.differences.push(line);
    }
  }
  return result;
}

async function replayOne(
  trx: Trx,
  policies: readonly Policy[],
  chosen: Policy | undefined,
  kind: string,
  id: string,
  now: ReturnType<typeof parseInstant>,
): Promise<ReplayLine[] | null> {
  const subject = await findSubject(trx, kind, id);
  const events = await domainEventsOf(trx, kind, id);
  const opening = openingEventOf(kind as SubjectKind, events);
  if (!subject?.policyVersion || !opening) return null;
  const frozen = policies.find((p) => p.pack.version === subject.policyVersion);
  if (!frozen) throw new Error(`policy version ${subject.policyVersion} of ${kind} ${id} is not loaded`);
  // RULES.md 9: a what-if of one family's version re-judges only the subjects that family judges.
  if (chosen && chosen.pack.family !== frozen.pack.family) return null;
  const policy = chosen ?? frozen;
  const { evaluation } = await evaluateStored(
    trx,
    policy,
    { kind, id, events, opening, previousQuota: subject.quotaAssessment },
    now,
  );

  const lines = new Map<string, ReplayLine>();
  const line = (key: string, e: Omit<LedgerIntent, 'key' | 'amountFen'> & { period: string }) => {
    const existing = lines.get(key);
    if (existing) return existing;
    const fresh: ReplayLine = {
      kind,
      subjectId: id,
      rule: e.rule,
      departmentId: e.departmentId,
      personId: e.personId,
      personRole: e.personRole,
      originPeriod: e.period,
      liveFen: 0,
      replayFen: 0,
    };
    lines.set(key, fresh);
    return fresh;
  };
  for (const posted of await postedEntries(trx, kind, id)) {
    line(posted.key, { ...posted, period: posted.originPeriod }).liveFen += posted.amountFen;
  }
  for (const wanted of evaluation.entries) line(wanted.key, wanted).replayFen += wanted.amountFen;
  return [...lines.values()].filter((l) => l.liveFen !== 0 || l.replayFen !== 0);
}

/**
 * `replay period`: the fines of a month's facts (RULES.md 8: an entry's origin period, the month
 * of the dispatch, the missed deadline, the upgrade, the finding), live and replayed, of every
 * subject that could have one: opened in the month, with a deadline in it, or with a live fine of
 * it. The month's ledger summary counts the entries posted into the month instead; `reconciliation`
 * says what separates the two (periodReconciliation).
 */
export async function replayPeriod(
  db: Db,
  policies: readonly Policy[],
  period: string,
  options: { policyVersion?: string; departmentId?: string; now: Date },
): Promise<ReplayResult & { reconciliation: PeriodReconciliation }> {
  const zone = timeZoneOf(policies);
  const [start, end] = [periodStart(period, zone).toJSDate(), periodEnd(period, zone).toJSDate()];
  const { departmentId } = options;
  const targets = await subjectsWithFactsIn(db, {
    period,
    start,
    end,
    ...(departmentId ? { departmentId } : {}),
  });
  const result = await replay(db, policies, targets, {
    ...(options.policyVersion ? { policyVersion: options.policyVersion } : {}),
    now: options.now,
    only: { period, ...(departmentId ? { departmentId } : {}) },
  });
  return { ...result, reconciliation: await periodReconciliation(db, period, departmentId) };
}

/** Every subject opened in a month (complaints by dispatch, faults, callbacks, findings), optionally of one department. */
export async function subjectsOfPeriod(
  db: Db,
  period: string,
  timeZone: string,
  departmentId?: string,
): Promise<Target[]> {
  let query = db
    .selectFrom('subjects')
    .select(['kind', 'id'])
    .where('opened_at', '>=', periodStart(period, timeZone).toJSDate())
    .where('opened_at', '<', periodEnd(period, timeZone).toJSDate())
    .where('state', 'is not', null)
    .orderBy('kind')
    .orderBy('opened_at')
    .orderBy('id');
  if (departmentId) query = query.where('department_id', '=', departmentId);
  return query.execute();
}
