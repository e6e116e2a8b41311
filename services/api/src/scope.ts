import { type DepartmentScope, departmentScopedRoles } from '@engine/db';
import type { FastifyRequest } from 'fastify';
import { ProblemError } from './problems.ts';

/**
 * API.md: a manager or finance key sees only the departments listed on it (or all, when it lists
 * none); ingest and admin keys cannot be limited (createApiKey refuses it).
 */
export function departmentScope(request: FastifyRequest): DepartmentScope {
  const key = request.apiKey;
  return key && departmentScopedRoles.includes(key.role) && key.departments ? key.departments : null;
}

export function inScope(scope: DepartmentScope, departmentId: string | null): boolean {
  return scope === null || (departmentId !== null && scope.includes(departmentId));
}

/** A filter naming a department outside the key's scope is refused (it reveals nothing about existence). */
export function checkDepartmentFilter(scope: DepartmentScope, departmentId: string | undefined): void {
  if (departmentId !== undefined && !inScope(scope, departmentId)) {
    throw new ProblemError(
      403,
      'forbidden',
      'Forbidden',
      `This key does not cover department ${departmentId}.`,
    );
  }
}

/** An action that touches every department (closing a month) needs a key that is not limited to some. */
export function requireEveryDepartment(request: FastifyRequest, action: string): void {
  const scope = departmentScope(request);
  if (scope !== null) {
    throw new ProblemError(
      403,
      'forbidden',
      'Forbidden',
      `${action} concerns every department; this key covers only ${scope.join(', ')}.`,
    );
  }
}
