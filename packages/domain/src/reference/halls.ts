import type { PostedEvent } from '../events/event.ts';

/** A business hall as reference data: RULES.md 1, halls belong to one department. */
export interface HallOfDepartment {
  id: string;
  departmentId: string;
  headId: string | null;
}

/** The hall an event names, if it names one (complaints, faults and findings may). */
export function hallNamedBy(event: PostedEvent): string | undefined {
  switch (event.type) {
    case 'complaint.received':
    case 'fault.reported':
    case 'finding.recorded':
      return event.data.hallId ?? undefined;
    default:
      return undefined;
  }
}

/**
 * RULES.md 1: an event may name only a hall of its own department, since the hall head's personal
 * fines (RULES.md 2.2) are charged to that department's people. A hall nobody has defined yet is
 * accepted, as an undefined department is: it is named later.
 */
export function hallProblems(
  event: PostedEvent,
  halls: ReadonlyMap<string, HallOfDepartment>,
): { path: string; message: string }[] {
  const hallId = hallNamedBy(event);
  const hall = hallId === undefined ? undefined : halls.get(hallId);
  const departmentId = (event.data as { departmentId?: string }).departmentId;
  if (!hall || departmentId === undefined || hall.departmentId === departmentId) return [];
  return [
    {
      path: 'data.hallId',
      message: `hall ${hall.id} belongs to department ${hall.departmentId}, not to ${departmentId}: an event names a hall of its own department`,
    },
  ];
}

/**
 * Whom a hall-head fine names: the hall's head when the hall is the department's own; nobody (the
 * role in the department) when the hall is unknown, has no head, or was moved to another department
 * after the event named it.
 */
export function hallHeadFor(departmentId: string, hall: HallOfDepartment | undefined): string | null {
  return hall && hall.departmentId === departmentId ? hall.headId : null;
}
