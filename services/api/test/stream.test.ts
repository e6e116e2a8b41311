import { createApiKey, recordSignals } from '@engine/db';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi, uniqueId } from './support.ts';

// GET /v1/stream (API.md, issue 13): signals as server-sent events, scoped like the views.
let api: TestApi;
let url: string;
let A: string;
let B: string;
let managerOfA: string;

beforeAll(async () => {
  api = await startTestApi();
  url = await api.app.listen({ host: '127.0.0.1', port: 0 });
  A = uniqueId('DA');
  B = uniqueId('DB');
  managerOfA = (await createApiKey(api.db, { name: 'manager of A', role: 'manager', departments: [A] })).key;
});
afterAll(() => api.close());

interface Frame {
  id: string | undefined;
  event: string;
  data: {
    kind: string;
    subjectId: string;
    departmentId: string | null;
    clock: string | null;
    at: string;
    url: string;
  };
}

/** Opens the stream and collects its events until `count` have come. */
async function listen(key: string, headers: Record<string, string> = {}) {
  const abort = new AbortController();
  const response = await fetch(`${url}/v1/stream`, {
    headers: { authorization: `Bearer ${key}`, ...headers },
    signal: abort.signal,
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
  const frames: Frame[] = [];
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const pump = (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += value;
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const lines = buffer.slice(0, end).split('\n');
        buffer = buffer.slice(end + 2);
        const field = (name: string) => lines.find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2);
        const data = field('data');
        if (data) frames.push({ id: field('id'), event: field('event')!, data: JSON.parse(data) });
        end = buffer.indexOf('\n\n');
      }
    }
  })();
  const until = async (count: number) => {
    const deadline = Date.now() + 10_000;
    while (frames.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    return frames;
  };
  return {
    frames,
    until,
    close: () => {
      abort.abort();
      return pump;
    },
  };
}

async function signal(departmentId: string, subjectId: string, kind = 'breach') {
  await api.db.transaction().execute((trx) =>
    recordSignals(trx, [
      {
        subjectKind: 'complaint',
        subjectId,
        key: `${kind}:first_response`,
        kind,
        at: new Date('2026-11-23T13:00:00+08:00'),
        departmentId,
        detail: { clock: 'first_response', fraction: null, detail: null },
      },
    ]),
  );
}

describe('the stream', () => {
  it("delivers new signals of the key's departments only, as they are recorded", async () => {
    const stream = await listen(managerOfA);
    const ofA = uniqueId('C-A');
    await signal(B, uniqueId('C-B'));
    await signal(A, ofA);
    const [first] = await stream.until(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(stream.frames).toHaveLength(1);
    expect(first).toMatchObject({
      event: 'breach',
      data: { kind: 'breach', subjectId: ofA, departmentId: A, clock: 'first_response' },
    });
    expect(first!.id).toMatch(/^\d+$/);
    expect(first!.data.at).toBe('2026-11-23T13:00:00+08:00');
    expect(first!.data.url).toMatch(new RegExp(`/console/subjects/complaint/${ofA}$`));
    await stream.close();
  });

  it('resumes after Last-Event-ID: what was missed, in order, then live', async () => {
    const first = await listen(managerOfA);
    const one = uniqueId('C-1');
    await signal(A, one);
    const [seen] = await first.until(1);
    await first.close();
    const missed = [uniqueId('C-2'), uniqueId('C-3')];
    for (const id of missed) await signal(A, id);
    await signal(B, uniqueId('C-B'));
    const again = await listen(managerOfA, { 'last-event-id': seen!.id! });
    const live = uniqueId('C-4');
    await signal(A, live);
    const frames = await again.until(3);
    expect(frames.map((f) => f.data.subjectId)).toEqual([...missed, live]);
    await again.close();
  });

  it('a clock that stops is sent as restored (live), so boards take it off', async () => {
    const id = uniqueId('C-R');
    await sql`
      INSERT INTO subjects (kind, id, department_id, status, policy_version, opened_at, state)
      VALUES ('complaint', ${id}, ${A}, 'open', 'fuling-2012', now(), '{}'::jsonb)`.execute(api.db);
    await sql`
      INSERT INTO clocks (subject_kind, subject_id, name, department_id, started_at, deadline, state, at_risk_from)
      VALUES ('complaint', ${id}, 'first_response', ${A}, now(), now() + interval '1 hour', 'running', now())`.execute(
      api.db,
    );
    const stream = await listen(managerOfA);
    await sql`UPDATE clocks SET state = 'met', stopped_at = now() WHERE subject_id = ${id}`.execute(api.db);
    const [restored] = await stream.until(1);
    expect(restored).toMatchObject({
      event: 'restored',
      id: undefined,
      data: { subjectId: id, clock: 'first_response' },
    });
    expect((restored!.data as unknown as { state: string }).state).toBe('met');
    await stream.close();
  });

  it('is for managers: a finance key is refused, and no key is a 401', async () => {
    const finance = (await createApiKey(api.db, { name: 'f', role: 'finance' })).key;
    expect(
      (await fetch(`${url}/v1/stream`, { headers: { authorization: `Bearer ${finance}` } })).status,
    ).toBe(403);
    expect((await fetch(`${url}/v1/stream`)).status).toBe(401);
  });
});
