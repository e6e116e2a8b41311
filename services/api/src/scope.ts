import type { DepartmentScope } from '@engine/db';
import type { FastifyRequest } from 'fastify';
import { ProblemError } from './problems.ts';

/** API.md: a manager key sees only the departments listed on it (or all); other roles see all. */
export function departmentScope(request: FastifyRequest): DepartmentScope {
  const key = request.apiKey;
  return key?.role === 'manager' && key.departments ? key.departments : null;
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
