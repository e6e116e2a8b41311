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

// V8 sizes a heap for the machine, not the work: with 24 GiB of RAM each process got 64 MiB semi-spaces
// and an old space let grow to about four times its live data before a full collection, so the api
// and the classifier (some 55 MiB live) stood at 450 MiB RSS, most of it garbage not yet collected.
// A 32 MiB semi-space and a full collection at 1.5 times the live data keep them near 260 MiB
// (docs/BENCHMARKS.md, "Memory"); neither is a cap, the heap still grows with its live data.
export const roleNodeFlags = ['--max-semi-space-size=32', '--heap-growing-percent=50'];
