import type { DeliveryToSend, Names } from '@engine/db';
import { describe, expect, it } from 'vitest';
import { markdownOf } from '../src/notify/formats.ts';
import { webhookPayload } from '../src/notify/payload.ts';

const context = {
  now: new Date('2026-11-24T10:00:00+08:00'),
  timeZone: 'Asia/Shanghai',
  baseUrl: 'https://sla.example.cn',
};
const names = (people: Record<string, string> = {}): Names => ({
  departments: new Map([['D1', '城区客服部']]),
  halls: new Map([['H1', { name: '解放碑营业厅', departmentId: 'D1' }]]),
  people: new Map(Object.entries(people)),
});

const delivery = (overrides: Partial<DeliveryToSend>): DeliveryToSend => ({
  id: 7,
  status: 'pending',
  url: 'https://hooks.example.cn/x',
  secret: 'a-long-shared-secret',
  format: 'standard',
  subject: null,
  clock: null,
  signal: {
    id: 42,
    kind: 'warning',
    key: 'warning:resolution:0.8',
    subjectKind: 'complaint',
    subjectId: 'C-1001',
    at: new Date('2026-11-24T09:00:00+08:00'),
    departmentId: 'D1',
    detail: { clock: 'resolution', fraction: 0.8, detail: null },
  },
  ...overrides,
});

describe('what a webhook tells a duty group', () => {
  it('a warning: the time left before the deadline, in the policy zone, with the hall and the summary', () => {
    const payload = webhookPayload(
      delivery({
        subject: { hallId: 'H1', personId: null, summary: '宽带断网', slaType: 'ordinary' },
        clock: { deadline: new Date('2026-11-24T12:30:00+08:00'), state: 'running', stoppedAt: null },
      }),
      names(),
      context,
    );
    expect(payload).toMatchObject({
      title: '预警：投诉 C-1001 处理时限',
      hallName: '解放碑营业厅',
      fraction: 0.8,
      deadline: '2026-11-24T12:30:00+08:00',
      overdueSeconds: null,
      remainingSeconds: 9_000,
      url: 'https://sla.example.cn/console/subjects/complaint/C-1001',
    });
    expect(markdownOf(payload)).toBe(
      [
        '### 预警：投诉 C-1001 处理时限',
        '- 部门：城区客服部',
        '- 营业厅：解放碑营业厅',
        '- 摘要：宽带断网',
        '- 时限：处理时限',
        '- 截止：2026-11-24 12:30 (+08:00)',
        '- 剩余：2小时30分',
        '- 预警时间：2026-11-24 09:00 (+08:00)',
        '',
        '[在控制台查看](https://sla.example.cn/console/subjects/complaint/C-1001)',
      ].join('\n'),
    );
  });

  it("a suspension names the person from the names table and links to the person's page", () => {
    const payload = webhookPayload(
      delivery({
        signal: {
          id: 43,
          kind: 'suspension',
          key: 'suspension:P-7:2026',
          subjectKind: 'person',
          subjectId: 'P-7',
          at: new Date('2026-11-24T09:00:00+08:00'),
          departmentId: 'D1',
          detail: { clock: null, fraction: null, detail: 'P-7' },
        },
      }),
      names({ 'P-7': '王*芳 <b>' }),
      context,
    );
    expect(payload).toMatchObject({
      personId: 'P-7',
      personName: '王*芳 <b>',
      note: 'P-7',
      clock: null,
      deadline: null,
      url: 'https://sla.example.cn/console/people/P-7',
    });
    // Names are text in a robot's message, never markup.
    expect(markdownOf(payload)).toContain('- 人员：王＊芳 ＜b＞');
  });

  it('a clock met after its deadline tells how late it stopped; a breach on a provisional year says so', () => {
    const payload = webhookPayload(
      delivery({
        signal: {
          ...delivery({}).signal,
          kind: 'breach',
          key: 'breach:first_response',
          detail: { clock: 'first_response', fraction: null, detail: null, provisionalYears: [2027] },
        },
        clock: {
          deadline: new Date('2026-11-24T08:00:00+08:00'),
          state: 'met',
          stoppedAt: new Date('2026-11-25T09:05:00+08:00'),
        },
      }),
      names(),
      context,
    );
    expect(payload).toMatchObject({ overdueSeconds: 90_300, remainingSeconds: null, provisional: true });
    const text = markdownOf(payload);
    expect(text).toContain('- 已超时：1天1小时5分');
    expect(text).toContain('- 注意：2027 年按临时节假日数据计算');
  });
});
