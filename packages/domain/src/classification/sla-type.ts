import type { PolicyPack, SlaTypeId } from '../policy/schema.ts';

export function overLevelSlaType(controlLevel: 1 | 2): SlaTypeId {
  return controlLevel === 1 ? 'over_level_1' : 'over_level_2';
}

/**
 * RULES.md 3: the SLA types that apply at dispatch: over-level (by control level) or ordinary, plus
 * group for a group customer. Types the pack does not define do not apply.
 */
export function slaTypesAtDispatch(
  pack: PolicyPack,
  overLevel: { controlLevel: 1 | 2 } | null,
  groupTier: string | null,
): SlaTypeId[] {
  const types: SlaTypeId[] = [];
  if (overLevel && pack.complaints.overLevel) types.push(overLevelSlaType(overLevel.controlLevel));
  else types.push('ordinary');
  if (groupTier !== null && pack.complaints.group) types.push('group');
  return types;
}

/** The one type API.md reports: the upgrade, else over-level, else group, else ordinary. */
export function primarySlaType(types: readonly SlaTypeId[], upgraded: boolean): SlaTypeId {
  if (upgraded) return 'escalation_warning';
  return types.find((t) => t.startsWith('over_level')) ?? (types.includes('group') ? 'group' : 'ordinary');
}
