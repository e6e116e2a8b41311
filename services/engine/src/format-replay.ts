import type { PeriodReconciliation } from '@engine/db';
import type { ReplayResult } from '@engine/use-cases';

const yuan = (fen: number) => (fen / 100).toFixed(2);

/** A replay as finance reads it: each fine that would change, then the totals. */
export function formatReplay(result: ReplayResult): string {
  const under = result.policyVersion
    ? `under ${result.policyVersion}`
    : 'under the versions frozen on each subject';
  const lines = [`replayed ${result.subjects} subjects ${under}; the live ledger was not touched`];
  if (result.differences.length === 0) lines.push('no difference from the live ledger');
  else {
    lines.push(['subject', 'rule', 'party', 'month', 'live', 'replay', 'change'].join('\t'));
    for (const d of result.differences) {
      const party = d.personRole ? `${d.personRole}:${d.personId ?? '-'}@${d.departmentId}` : d.departmentId;
      lines.push(
        [
          d.subjectId,
          d.rule,
          party,
          d.originPeriod,
          yuan(d.liveFen),
          yuan(d.replayFen),
          yuan(d.replayFen - d.liveFen),
        ].join('\t'),
      );
    }
  }
  lines.push(
    `total: live ${yuan(result.liveFen)} yuan, replay ${yuan(result.replayFen)} yuan, change ${yuan(result.replayFen - result.liveFen)} yuan`,
  );
  return lines.join('\n');
}

/**
 * How the month's ledger summary (GET /v1/ledger/summary: the entries posted into the month) adds
 * up from the replay's live total (the fines of the month's facts), so that the two figures an
 * operator sees for one month can be checked against each other.
 */
export function formatReconciliation(
  period: string,
  {
    liveFen,
    policyVersion,
    reconciliation: r,
  }: { liveFen: number; policyVersion: string | null; reconciliation: PeriodReconciliation },
): string {
  const lines = [
    `ledger summary of ${period} (entries posted into ${period}): ${yuan(r.postedFen)} yuan`,
    `  = fines of ${period}'s facts, as replayed above (live): ${yuan(liveFen)}`,
    `  + month-end entries (callback-rate shortfalls; a replay has none): ${yuan(r.periodEndFen)}`,
    `  + corrections of earlier, closed months posted into ${period}: ${yuan(r.fromEarlierFen)}`,
    `  - corrections of ${period}'s fines posted into later months (${period} closed): ${yuan(r.toLaterFen)}`,
  ];
  // A what-if of one family's version replays only that family's subjects (RULES.md 9).
  if (policyVersion)
    lines.push(`  (the live total above is of the subjects ${policyVersion}'s family judges only)`);
  return lines.join('\n');
}
