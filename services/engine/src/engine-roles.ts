/** The engine's roles, in the order they start (and the API first, so it is up soonest). */
export const engineRoles = ['api', 'classifier', 'penalty-calculator', 'sla-timer', 'notifier'] as const;
export type EngineRole = (typeof engineRoles)[number];

/** ENGINE_ROLES as a list: `all`, or a comma list of roles; an unknown name is an error that names it. */
export function rolesOf(setting: string): EngineRole[] {
  const named = setting
    .split(',')
    .map((r) => r.trim())
    .filter((r) => r !== '');
  if (named.includes('all')) return [...engineRoles];
  const unknown = named.filter((r) => !engineRoles.includes(r as EngineRole));
  if (unknown.length > 0 || named.length === 0) {
    throw new Error(
      `ENGINE_ROLES: ${unknown.length ? `unknown role ${unknown.join(', ')}` : 'empty'}; use all or a comma list of ${engineRoles.join(', ')}`,
    );
  }
  return engineRoles.filter((r) => named.includes(r));
}
