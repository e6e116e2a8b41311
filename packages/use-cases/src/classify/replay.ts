import {
  type Db,
  eventsOfSubjects,
  findSubjects,
  openedAtOfMany,
  type PeriodReconciliation,
  periodReconciliation,
  postedEntriesOf,
  type SubjectRow,
  subjectKey,
  subjectsWithFactsIn,
  type Trx,
} from '@engine/db';
import {
  type DomainEvent,
  type LedgerIntent,
  openingEventOf,
  type Policy,
  type PostedEntry,
  parseInstant,
  periodEnd,
  periodStart,
  type SubjectKind,
  timeZoneOf,
} from '@engine/domain';
import { toDomainEvents } from './apply-batch.ts';
import { type ContextReads, evaluateWithContext, liveReads } from './evaluate-stored.ts';

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

/** Called after each batch of subjects replayed: how many of the targets are done. */
export type ReplayProgress = (done: number, total: number) => void;

/** Subjects read per batch: three queries whatever the batch's size (events, rows, posted fines). */
const BATCH = 500;

/**
 * Evaluates subjects again from their stored events, under the version each was judged by or a
 * chosen one (for the subjects of that version's family only), and compares the fines with what stands on the live ledger: what finance would pay
 * under a new pack, or (same version) proof that the ledger is a pure function of the events.
 * Reads everything from one read-only snapshot, a batch of subjects per query, and evaluates
 * them in the domain (as the classifier would, with the same context): the live ledger is never
 * touched, and live classification never waits on a replay's locks (it takes none; the snapshot
 * keeps the quota cases and a person's findings still). The next batch is read while this one is
 * evaluated. A fault past its deadline at a closed month's end is priced as unfinished, as live;
 * the callback-rate shortfall, a month's and not a subject's, is not part of a replay.
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
    onProgress?: ReplayProgress;
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
  const batches: Target[][] = [];
  for (let i = 0; i < targets.length; i += BATCH) batches.push(targets.slice(i, i + BATCH));
  await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      const reads = snapshotReads(trx);
      let done = 0;
      let next = batches[0] ? readBatch(trx, reads, batches[0]) : undefined;
      for (let b = 0; b < batches.length; b++) {
        const batch = await next!;
        next = batches[b + 1] ? readBatch(trx, reads, batches[b + 1]!) : undefined;
        for (const target of batches[b]!) {
          const lines = await replayOne(batch, reads, policies, chosen, target, now);
          if (!lines) continue;
          result.subjects += 1;
          for (const line of lines) {
            const { only } = options;
            if (
              only &&
              (line.originPeriod !== only.period ||
                (only.departmentId && line.departmentId !== only.departmentId))
            )
              continue;
            result.liveFen += line.liveFen;
            result.replayFen += line.replayFen;
            if (line.liveFen !== line.replayFen) result.differences.push(line);
          }
        }
        done += batches[b]!.length;
        options.onProgress?.(done, targets.length);
      }
    });
  return result;
}

/** A batch's subjects as stored: rows, events and posted fines, by subjectKey. */
interface ReadBatch {
  rows: Map<string, SubjectRow>;
  /** Each subject's events and the one that opened it (absent: not opened). */
  events: Map<string, { events: DomainEvent[]; opening: DomainEvent | undefined }>;
  posted: Map<string, PostedEntry[]>;
}

async function readBatch(trx: Trx, reads: SnapshotReads, refs: readonly Target[]): Promise<ReadBatch> {
  const stored = await eventsOfSubjects(trx, refs);
  const rows = await findSubjects(trx, refs);
  const posted = await postedEntriesOf(trx, refs);
  const events = new Map(
    refs.map((ref) => {
      const domainEvents = toDomainEvents(stored.get(subjectKey(ref)) ?? []);
      return [
        subjectKey(ref),
        { events: domainEvents, opening: openingEventOf(ref.kind as SubjectKind, domainEvents) },
      ];
    }),
  );
  // The orders the batch's repeats name, looked up together.
  for (const kind of ['complaint', 'fault']) {
    const originals = refs.flatMap((ref) => {
      const repeatOf = (events.get(subjectKey(ref))?.opening?.data as { repeatOf?: unknown } | undefined)
        ?.repeatOf;
      return ref.kind === kind && typeof repeatOf === 'string' ? [repeatOf] : [];
    });
    await reads.prefetchOpenedAt(kind, originals);
  }
  return { rows, events, posted };
}

async function replayOne(
  batch: ReadBatch,
  reads: ContextReads,
  policies: readonly Policy[],
  chosen: Policy | undefined,
  { kind, id }: Target,
  now: ReturnType<typeof parseInstant>,
): Promise<ReplayLine[] | null> {
  const key = subjectKey({ kind, id });
  const subject = batch.rows.get(key);
  const { events, opening } = batch.events.get(key) ?? { events: [], opening: undefined };
  if (!subject?.policyVersion || !opening) return null;
  const frozen = policies.find((p) => p.pack.version === subject.policyVersion);
  if (!frozen) throw new Error(`policy version ${subject.policyVersion} of ${kind} ${id} is not loaded`);
  // RULES.md 9: a what-if of one family's version re-judges only the subjects that family judges.
  if (chosen && chosen.pack.family !== frozen.pack.family) return null;
  const policy = chosen ?? frozen;
  const { evaluation } = await evaluateWithContext(
    reads,
    policy,
    { kind, id, events, opening, previousQuota: subject.quotaAssessment },
    now,
  );

  const lines = new Map<string, ReplayLine>();
  const line = (lineKey: string, e: Omit<LedgerIntent, 'key' | 'amountFen'> & { period: string }) => {
    const existing = lines.get(lineKey);
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
    lines.set(lineKey, fresh);
    return fresh;
  };
  for (const posted of batch.posted.get(key) ?? []) {
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
  options: { policyVersion?: string; departmentId?: string; now: Date; onProgress?: ReplayProgress },
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
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  return { ...result, reconciliation: await periodReconciliation(db, period, departmentId) };
}

interface SnapshotReads extends ContextReads {
  /** Looks up when these subjects were opened, in one query, for the openedAt calls that follow. */
  prefetchOpenedAt(kind: string, ids: readonly string[]): Promise<void>;
}

/**
 * The context read once per key from the replay's snapshot and kept: a month's quota cases, a
 * department's people or a person's findings are read once for all the subjects that need them.
 * No locks: nothing moves in a snapshot.
 */
function snapshotReads(trx: Trx): SnapshotReads {
  const live = liveReads(trx);
  const memo = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, read: () => Promise<T>): Promise<T> => {
    let value = memo.get(key) as Promise<T> | undefined;
    if (!value) {
      value = read();
      memo.set(key, value);
    }
    return value;
  };
  const opened = new Map<string, Date | null>();
  return {
    async prefetchOpenedAt(kind, ids) {
      const wanted = ids.filter((id) => !opened.has(subjectKey({ kind, id })));
      const found = await openedAtOfMany(trx, kind, wanted);
      for (const id of wanted) opened.set(subjectKey({ kind, id }), found.get(id) ?? null);
    },
    openedAt: async (kind, id) => {
      const key = subjectKey({ kind, id });
      return opened.has(key) ? opened.get(key)! : once(`opened\u0000${key}`, () => live.openedAt(kind, id));
    },
    endedPeriods: () => once('ended', live.endedPeriods),
    responsibleParties: (departmentId, hallId) =>
      once(`parties\u0000${departmentId}\u0000${hallId ?? ''}`, () =>
        live.responsibleParties(departmentId, hallId),
      ),
    lockDepartmentPeriod: async () => undefined,
    quotaCases: (departmentId, period, assessment) =>
      once(`cases\u0000${departmentId}\u0000${period}\u0000${assessment}`, () =>
        live.quotaCases(departmentId, period, assessment),
      ),
    quotaSet: (departmentId, period, assessment) =>
      once(`quota\u0000${departmentId}\u0000${period}\u0000${assessment}`, () =>
        live.quotaSet(departmentId, period, assessment),
      ),
    lockPersonYear: async () => undefined,
    personFindings: (personId, from, to) =>
      once(`findings\u0000${personId}\u0000${from.toISOString()}\u0000${to.toISOString()}`, () =>
        live.personFindings(personId, from, to),
      ),
  };
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
