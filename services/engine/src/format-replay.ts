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
