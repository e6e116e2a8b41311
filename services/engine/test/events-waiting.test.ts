import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestEngine, type TestEngine, uid } from './support.ts';

let engine: TestEngine;
beforeAll(async () => {
  engine = await startTestEngine({}, ['classifier']);
});
afterAll(async () => {
  await engine.stop();
});

const read = async (path: string) => {
  const response = await fetch(`${engine.url}${path}`, {
    headers: { authorization: `Bearer ${engine.keys.ingest}` },
  });
  return response.json() as Promise<Record<string, unknown>>;
};

const minutesAgo = (minutes: number) => new Date(engine.now().getTime() - minutes * 60_000).toISOString();

async function waitingGauge(): Promise<number> {
  const text = await (await fetch(`${engine.url}/metrics`)).text();
  return Number(/^engine_backlog\{what="events_waiting"\} (\d+)$/m.exec(text)?.[1] ?? Number.NaN);
}

describe('API.md: GET /v1/events/{id} may answer status waiting with a reason; GET /v1/events?status=waiting lists them', () => {
  it('a fault.restored without its fault.reported waits, is listed and counted, and is applied once the fault is reported', async () => {
    const p = uid('W');
    const subjectId = `${p}-F1`;
    const restored = {
      id: `${p}-restored`,
      type: 'fault.restored',
      subjectId,
      occurredAt: minutesAgo(30),
      data: {},
    };
    expect((await engine.post(restored)).status).toBe(202);

    const waiting = await eventually(
      () => read(`/v1/events/${restored.id}`),
      (status) => status.status !== 'pending',
    );
    expect(waiting).toEqual({
      id: restored.id,
      status: 'waiting',
      reason: `waiting for the subject's fault.reported: nothing has opened fault ${subjectId} yet`,
    });
    const list = (await read('/v1/events?status=waiting')) as { items: { id: string; reason: string }[] };
    expect(list.items.map((item) => item.id)).toEqual([restored.id]);
    expect(await waitingGauge()).toBe(1);

    const reported = {
      id: `${p}-reported`,
      type: 'fault.reported',
      subjectId,
      occurredAt: minutesAgo(90),
      data: { departmentId: 'D1', kind: 'urban' },
    };
    expect((await engine.post(reported)).status).toBe(202);
    await eventually(
      () => read(`/v1/events/${restored.id}`),
      (status) => status.status === 'applied',
    );
    expect(await read(`/v1/events/${reported.id}`)).toEqual({ id: reported.id, status: 'applied' });
    expect(((await read('/v1/events?status=waiting')) as { items: unknown[] }).items).toEqual([]);
    expect(await waitingGauge()).toBe(0);
  });
});
