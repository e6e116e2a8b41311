import { describe, expect, it } from 'vitest';
import { nearest } from './issues.ts';
import { canonicalEvent, eventDifferences, parseEvent } from './parse.ts';

const received = (data: Record<string, unknown>, envelope: Record<string, unknown> = {}) => ({
  id: 'e1',
  type: 'complaint.received',
  subjectId: 'C1',
  occurredAt: '2026-09-01T09:00:00+08:00',
  data,
  ...envelope,
});

const problems = (input: unknown) => {
  const result = parseEvent(input);
  if (result.success) throw new Error('expected problems');
  return result.problems.map((p) => ({ path: p.path.join('.'), message: p.message }));
};

describe('null for an optional field is absent', () => {
  it('drops optional fields sent as null, at every level', () => {
    const result = parseEvent(
      received({ departmentId: 'D1', hallId: null, customer: { id: 'c', group: null }, overLevel: null }),
    );
    expect(result).toEqual({
      success: true,
      event: received({ departmentId: 'D1', customer: { id: 'c' } }),
    });
  });

  it('a required field sent as null is a problem', () => {
    expect(problems(received({ departmentId: null }, { subjectId: null }))).toEqual([
      { path: 'subjectId', message: 'is required; null was sent' },
      { path: 'data.departmentId', message: 'is required; null was sent' },
    ]);
  });
});

describe('an event of a missing or unknown type', () => {
  it('names the type and every problem of the fields every event has', () => {
    expect(problems({ id: '', type: 'complaint.nope', occurredAt: 'yesterday' })).toEqual([
      { path: 'type', message: expect.stringContaining('complaint.nope is not an event type') },
      { path: 'id', message: 'must not be empty' },
      { path: 'subjectId', message: 'is required' },
      { path: 'occurredAt', message: expect.stringContaining('yesterday is not an RFC 3339 instant') },
    ]);
    expect(problems({ id: 'e1', subjectId: 'C1', occurredAt: '2026-09-01T09:00:00+08:00' })).toEqual([
      { path: 'type', message: expect.stringContaining('is required') },
    ]);
  });
});

describe('one event written two ways compares equal', () => {
  it('instants as instants, in the envelope and in data', () => {
    const exemption = (occurredAt: string, from: string) =>
      canonicalEvent({
        id: 'x',
        type: 'fault.exemption_approved',
        subjectId: 'F1',
        occurredAt,
        data: { from, to: '2026-09-01T10:00:00+08:00', cause: 'user', approvedBy: 'a' },
      });
    const a = exemption('2026-09-01T01:00:00Z', '2026-09-01T09:00:00+08:00');
    const b = exemption('2026-09-01T09:00:00.000+08:00', '2026-09-01T01:00:00Z');
    expect(eventDifferences(a, b)).toEqual([]);
    expect(a.occurredAt).toBe('2026-09-01T01:00:00.000Z');
  });

  it('names each field that differs, is missing or was added; key order does not matter', () => {
    expect(
      eventDifferences(
        { data: { b: 1, a: [1, 2], c: { x: 1 } }, type: 't' },
        { type: 't', data: { a: [1, 2], d: 2, c: { x: 2 } } },
      ),
    ).toEqual([
      { path: ['data', 'b'], change: 'added' },
      { path: ['data', 'c', 'x'], change: 'differs' },
      { path: ['data', 'd'], change: 'missing' },
    ]);
  });
});

describe('error wording', () => {
  it('an instant without an offset: an offset is required, with an example', () => {
    expect(problems(received({ departmentId: 'D1' }, { occurredAt: '2026-09-01T09:00:00' }))).toEqual([
      {
        path: 'occurredAt',
        message: 'has no offset: an instant needs one, e.g. 2026-09-01T09:00:00+08:00 (or Z for UTC)',
      },
    ]);
  });

  it('an unknown field names the nearest known one, or lists them', () => {
    expect(problems(received({ department_id: 'D1', colour: 'red' }))).toEqual([
      { path: 'data.departmentId', message: 'is required' },
      { path: 'data.department_id', message: 'unknown field; did you mean departmentId?' },
      {
        path: 'data.colour',
        message:
          'unknown field (known: departmentId, hallId, channel, customer, overLevel, repeatOf, overLevelTendency, summary)',
      },
    ]);
  });

  it('the nearest name: case, _ and - ignored, a few slips allowed, nothing far', () => {
    const known = ['departmentId', 'subjectId', 'occurredAt'];
    expect(nearest('department_id', known)).toBe('departmentId');
    expect(nearest('DEPARTMENT-ID', known)).toBe('departmentId');
    expect(nearest('occuredAt', known)).toBe('occurredAt');
    expect(nearest('subjcetId', known)).toBe('subjectId');
    expect(nearest('colour', known)).toBeUndefined();
  });

  it('a value outside its list, a missing type, a wrong type', () => {
    expect(problems(received({ departmentId: 'D1', channel: 'hotlien' }))).toEqual([
      { path: 'data.channel', message: 'hotlien is not allowed; did you mean hotline?' },
    ]);
    expect(
      problems({ id: 'e', subjectId: 'C', occurredAt: '2026-09-01T09:00:00Z', data: {} })[0]?.message,
    ).toMatch(/^is required: one of complaint\.received, /);
    expect(problems(received({ departmentId: 7 }))).toEqual([
      { path: 'data.departmentId', message: 'expected a string, got a number (7)' },
    ]);
    expect(problems([])).toEqual([
      {
        path: '',
        message: 'expected an event: an object with id, type, subjectId, occurredAt and data',
      },
    ]);
  });
});
