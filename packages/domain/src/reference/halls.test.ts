import { describe, expect, it } from 'vitest';
import type { PostedEvent } from '../events/event.ts';
import { hallHeadFor, hallProblems } from './halls.ts';

const halls = new Map([
  ['H-A1', { id: 'H-A1', departmentId: 'D-A', headId: 'P-HEAD-A1' }],
  ['H-B1', { id: 'H-B1', departmentId: 'D-B', headId: 'P-HEAD-B1' }],
]);
const received = (data: Record<string, unknown>) =>
  ({
    id: 'e1',
    type: 'complaint.received',
    subjectId: 'C1',
    occurredAt: '2026-11-02T09:00:00+08:00',
    data: { departmentId: 'D-A', ...data },
  }) as PostedEvent;

describe('RULES.md 1: halls belong to one department', () => {
  it("an event naming another department's hall is refused, naming both departments", () => {
    expect(hallProblems(received({ hallId: 'H-B1' }), halls)).toEqual([
      {
        path: 'data.hallId',
        message:
          'hall H-B1 belongs to department D-B, not to D-A: an event names a hall of its own department',
      },
    ]);
    const finding = {
      ...received({}),
      type: 'finding.recorded',
      data: { rule: 'window.finding', departmentId: 'D-A', hallId: 'H-B1' },
    } as PostedEvent;
    expect(hallProblems(finding, halls)).toHaveLength(1);
  });

  it('its own hall, no hall, or a hall nobody defined yet is accepted', () => {
    expect(hallProblems(received({ hallId: 'H-A1' }), halls)).toEqual([]);
    expect(hallProblems(received({}), halls)).toEqual([]);
    expect(hallProblems(received({ hallId: 'H-NEW' }), halls)).toEqual([]);
  });

  it("a hall-head fine names the hall's head only when the hall is the department's own", () => {
    expect(hallHeadFor('D-A', halls.get('H-A1'))).toBe('P-HEAD-A1');
    // Moved to another department after the complaint named it: the role, not B's person.
    expect(hallHeadFor('D-A', halls.get('H-B1'))).toBeNull();
    expect(hallHeadFor('D-A', undefined)).toBeNull();
  });
});
