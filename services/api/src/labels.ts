import { builtinPolicies, type PackLabels, type Policy } from '@engine/domain';

export interface Label {
  zh: string;
  en: string;
}

export interface Labels {
  rules: Record<string, Label>;
  faultKinds: Record<string, Label>;
  callbackKinds: Record<string, Label>;
  exemptionCauses: Record<string, Label>;
}

/**
 * What people call the codes of the packs in force, merged across packs (the newest version's
 * name wins). A version stored before packs had labels takes the shipped file's of the same version.
 */
export function labelsOf(policies: readonly Policy[]): Labels {
  const merged: Labels = { rules: {}, faultKinds: {}, callbackKinds: {}, exemptionCauses: {} };
  const oldestFirst = [...policies].sort((a, b) => a.effectiveAt.toMillis() - b.effectiveAt.toMillis());
  for (const { pack } of oldestFirst) {
    const labels: PackLabels | undefined =
      pack.labels ?? builtinPolicies.find((p) => p.pack.version === pack.version)?.pack.labels;
    if (!labels) continue;
    Object.assign(merged.rules, labels.rules);
    Object.assign(merged.faultKinds, labels.faultKinds);
    Object.assign(merged.callbackKinds, labels.callbackKinds);
    Object.assign(merged.exemptionCauses, labels.exemptionCauses);
  }
  return merged;
}

/** A rule's Chinese name, or its id where no pack names it. */
export function ruleNameZh(labels: Labels, rule: string): string {
  return labels.rules[rule]?.zh ?? rule;
}
