import type { Policy } from '../policy/policy.ts';
import type { Instant } from '../time.ts';

/** A finding as the yearly count sees it (RULES.md 7). */
export interface PersonFinding {
  subjectId: string;
  personId: string | null;
  rule: string;
  recordedAt: Instant;
}

export interface Suspension {
  personId: string;
  year: number;
  /** The finding that took the person past the limit. */
  subjectId: string;
  at: Instant;
  findings: number;
}

/**
 * RULES.md 7: the rank of each progressive finding among its person's findings of the calendar year
 * (in the policy's zone, in order of recording, ties by finding number), and the people to suspend.
 */
export function personFindingRanks(
  policy: Policy,
  findings: readonly PersonFinding[],
): { ranks: Map<string, number>; suspensions: Suspension[] } {
  const { pack } = policy;
  const byPersonYear = new Map<string, PersonFinding[]>();
  for (const finding of findings) {
    if (finding.personId === null || !pack.findings.rules[finding.rule]?.progressive) continue;
    const key = `${finding.personId}\u0000${finding.recordedAt.setZone(pack.timeZone).year}`;
    const list = byPersonYear.get(key);
    if (list) list.push(finding);
    else byPersonYear.set(key, [finding]);
  }
  const ranks = new Map<string, number>();
  const suspensions: Suspension[] = [];
  for (const list of byPersonYear.values()) {
    list.sort(
      (a, b) =>
        a.recordedAt.toMillis() - b.recordedAt.toMillis() ||
        (a.subjectId < b.subjectId ? -1 : a.subjectId > b.subjectId ? 1 : 0),
    );
    for (const [index, finding] of list.entries()) ranks.set(finding.subjectId, index + 1);
    const trigger = list[pack.findings.suspensionAfter];
    if (trigger) {
      suspensions.push({
        personId: trigger.personId!,
        year: trigger.recordedAt.setZone(pack.timeZone).year,
        subjectId: trigger.subjectId,
        at: trigger.recordedAt,
        findings: list.length,
      });
    }
  }
  return { ranks, suspensions };
}
