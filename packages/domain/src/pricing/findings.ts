import type { PolicyPack } from '../policy/schema.ts';

/** RULES.md 5 and 7: a finding's fine; the n-th progressive finding of a person in a year costs base x 2^(n-1). */
export function findingFineFen(pack: PolicyPack, rule: string, rankInYear: number): number {
  const spec = pack.findings.rules[rule];
  if (!spec) throw new RangeError(`finding rule ${rule} is not in policy ${pack.version}`);
  return spec.progressive ? spec.fineFen * 2 ** (rankInYear - 1) : spec.fineFen;
}

/**
 * RULES.md 7: more than `suspensionAfter` progressive findings in a calendar year suspends the
 * person; the finding that crosses the limit is the one that suspends (later ones find them suspended).
 */
export function isSuspending(pack: PolicyPack, rankInYear: number): boolean {
  return rankInYear === pack.findings.suspensionAfter + 1;
}
