import { builtinPolicies, type PackLabels, type Policy } from '@engine/domain';

export interface Label {
  zh: string;
  en: string;
}

export interface CodeLabels {
  rules: Record<string, Label>;
  faultKinds: Record<string, Label>;
  callbackKinds: Record<string, Label>;
  exemptionCauses: Record<string, Label>;
}

export interface Labels extends CodeLabels {
  /** Each family's own names (two families may call the same rule id differently). */
  families: Record<string, CodeLabels>;
  /** The family of each policy version, to pick an entry's names by its policyVersion. */
  versions: Record<string, string>;
}

const empty = (): CodeLabels => ({ rules: {}, faultKinds: {}, callbackKinds: {}, exemptionCauses: {} });

function merge(into: CodeLabels, labels: PackLabels): void {
  Object.assign(into.rules, labels.rules);
  Object.assign(into.faultKinds, labels.faultKinds);
  Object.assign(into.callbackKinds, labels.callbackKinds);
  Object.assign(into.exemptionCauses, labels.exemptionCauses);
}

/**
 * What people call the codes of the packs in force: per family (its newest version's names win),
 * and merged, the default family's names winning over another family's for the same code. A
 * version stored before packs had labels takes the shipped file's of the same version.
 */
export function labelsOf(policies: readonly Policy[], defaultFamily: string): Labels {
  const merged: Labels = { ...empty(), families: {}, versions: {} };
  const ordered = [...policies].sort(
    (a, b) =>
      Number(a.pack.family === defaultFamily) - Number(b.pack.family === defaultFamily) ||
      a.effectiveAt.toMillis() - b.effectiveAt.toMillis(),
  );
  for (const { pack } of ordered) {
    merged.versions[pack.version] = pack.family;
    const labels = pack.labels ?? builtinPolicies.find((p) => p.pack.version === pack.version)?.pack.labels;
    if (!labels) continue;
    merged.families[pack.family] ??= empty();
    merge(merged.families[pack.family]!, labels);
    merge(merged, labels);
  }
  return merged;
}

/** A rule's Chinese name in the family of the entry's policy version, or its id where no pack names it. */
export function ruleNameZh(labels: Labels, rule: string, policyVersion: string): string {
  const family = labels.versions[policyVersion];
  return (family ? labels.families[family]?.rules[rule]?.zh : undefined) ?? labels.rules[rule]?.zh ?? rule;
}
