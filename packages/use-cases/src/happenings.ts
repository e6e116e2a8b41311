import type { AppendedEntry, FailedEvent, RecordedSignal } from '@engine/db';
import type { Logger } from 'pino';

/** Where happenings are written: the process's logger (pino), or nothing. */
export type HappeningLog = Pick<Logger, 'info'>;

const yuan = (fen: number) => (fen / 100).toFixed(2);

/**
 * What a unit of work did that an operator wants to read in the logs (issue 14): an event failed
 * and why, a signal (a breach, a warning, an upgrade...), fines posted or reversed with their sum.
 * Collected inside the transaction and written once it has committed, so a rolled-back attempt
 * logs nothing and a retry that finds the work done logs nothing again.
 */
export class Happenings {
  readonly #failed: FailedEvent[] = [];
  readonly #signals: RecordedSignal[] = [];
  readonly #entries: AppendedEntry[] = [];

  failed(events: readonly FailedEvent[]): void {
    this.#failed.push(...events);
  }

  signals(signals: readonly RecordedSignal[]): void {
    this.#signals.push(...signals);
  }

  entries(entries: readonly AppendedEntry[]): void {
    this.#entries.push(...entries);
  }

  /** How many ledger entries were posted (fines and reversals). */
  entryCount(): number {
    return this.#entries.length;
  }

  /** One line per happening, at info: per failed event, per signal, per subject's fines and reversals. */
  writeTo(log: HappeningLog | undefined): void {
    if (!log) return;
    for (const e of this.#failed) {
      log.info(
        {
          happening: 'event-failed',
          eventId: e.eventId,
          subjectKind: e.subjectKind,
          subjectId: e.subjectId,
          reason: e.reason,
        },
        `event ${e.eventId} of ${e.subjectKind} ${e.subjectId} failed: ${e.reason}`,
      );
    }
    for (const s of this.#signals) writeSignal(log, s);
    for (const group of groupEntries(this.#entries)) {
      const reversed = group.happening === 'fines-reversed';
      log.info(
        group,
        `fines ${reversed ? 'reversed' : 'posted'} for ${group.subjectKind} ${group.subjectId}: ${yuan(group.fen)} yuan (${group.entries} ${group.entries === 1 ? 'entry' : 'entries'}: ${group.rules.join(', ')})`,
      );
    }
  }
}

function writeSignal(log: HappeningLog, s: RecordedSignal): void {
  const { clock, fraction, detail } = s.detail as {
    clock?: string | null;
    fraction?: number | null;
    detail?: unknown;
  };
  const fields = { happening: s.kind, subjectKind: s.subjectKind, subjectId: s.subjectId, key: s.key };
  if (s.kind === 'breach') {
    log.info({ ...fields, clock }, `breach: ${s.subjectKind} ${s.subjectId} missed its ${clock} deadline`);
  } else if (s.kind === 'warning') {
    log.info(
      { ...fields, clock, fraction },
      `warning: ${s.subjectKind} ${s.subjectId} has used ${Math.round((fraction ?? 0) * 100)}% of its ${clock} time`,
    );
  } else {
    log.info({ ...fields, detail: detail ?? null }, `${s.kind}: ${s.subjectKind} ${s.subjectId}`);
  }
}

/** Each subject's postings, and apart its reversals: one line each, with the sum in fen and yuan. */
function groupEntries(entries: readonly AppendedEntry[]) {
  const groups = new Map<
    string,
    {
      happening: 'fines-posted' | 'fines-reversed';
      subjectKind: string;
      subjectId: string;
      entries: number;
      fen: number;
      yuan: number;
      rules: string[];
      periods: string[];
    }
  >();
  for (const e of entries) {
    const happening = e.reversalOf === null ? 'fines-posted' : 'fines-reversed';
    const key = `${happening}\u0000${e.source}\u0000${e.subjectId}`;
    const group = groups.get(key) ?? {
      happening,
      subjectKind: e.source,
      subjectId: e.subjectId,
      entries: 0,
      fen: 0,
      yuan: 0,
      rules: [],
      periods: [],
    };
    group.entries += 1;
    group.fen += e.amountFen;
    group.yuan = group.fen / 100;
    if (!group.rules.includes(e.rule)) group.rules.push(e.rule);
    if (!group.periods.includes(e.period)) group.periods.push(e.period);
    groups.set(key, group);
  }
  return groups.values();
}
