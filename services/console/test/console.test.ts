import { createApiKey } from '@engine/db';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestEngine, type TestEngine } from '../../engine/test/support.ts';
import { launchBrowser, newPage, RESULTS, screenshot, signIn } from './support.ts';

// The console in a real browser against the whole engine (issue 13). One browser for the file;
// every date is relative to the engine's pinned clock (TEST_CLOCK_START, 2026-11-24 02:00 +08:00).
let engine: TestEngine;
let browser: Browser;
let northManagerKey: string;
const WORK_ORDER = '20261123000012345678';
const STAFF = '007523';

async function put(path: string, body: unknown): Promise<void> {
  const response = await fetch(`${engine.url}${path}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${engine.keys.admin}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status, `${path}: ${await response.text()}`).toBeLessThan(300);
}

const complaint = (
  id: string,
  departmentId: string,
  hallId: string,
  occurredAt: string,
  summary: string,
) => ({
  id: `ev-${id}`,
  type: 'complaint.received',
  subjectId: id,
  occurredAt,
  data: { departmentId, hallId, channel: 'hotline', summary },
});

beforeAll(async () => {
  engine = await startTestEngine();
  browser = await launchBrowser();
  await put('/v1/departments/D-N', { name: '北区营业部', managerId: 'P-001' });
  await put('/v1/departments/D-S', { name: '南区营业部' });
  await put('/v1/halls/H-N1', { departmentId: 'D-N', name: '人民路营业厅', headId: 'P-002' });
  await put('/v1/halls/H-S1', { departmentId: 'D-S', name: '江南营业厅' });
  await put('/v1/people/P-001', { name: '王经理' });
  await put(`/v1/people/${STAFF}`, { name: '李晓红' });
  northManagerKey = (
    await createApiKey(engine.runtime.db, { name: '北区 张主管', role: 'manager', departments: ['D-N'] })
  ).key;
  const posted = await engine.post({
    events: [
      // Dispatched 2026-11-23 20:00: its 4-hour first response passed at midnight (breached).
      complaint(WORK_ORDER, 'D-N', 'H-N1', '2026-11-23T20:00:00+08:00', '宽带无法上网,已报修两次'),
      // Dispatched 22:30: its first response is due at 02:30, past the 80% at-risk mark.
      complaint('C-N-2', 'D-N', 'H-N1', '2026-11-23T22:30:00+08:00', '话费扣费有误'),
      // Another department's breach: the north manager never sees it.
      complaint('C-S-1', 'D-S', 'H-S1', '2026-11-23T19:00:00+08:00', '南区客户投诉信号差'),
      {
        id: 'ev-Q-1',
        type: 'finding.recorded',
        subjectId: 'Q-1',
        occurredAt: '2026-11-20T10:00:00+08:00',
        data: { rule: 'window.finding', departmentId: 'D-N', hallId: 'H-N1', personId: STAFF },
      },
      // October: a fault past its deadline and never restored (priced as unfinished by the close).
      {
        id: 'ev-F-1',
        type: 'fault.reported',
        subjectId: 'F-1',
        occurredAt: '2026-10-20T09:00:00+08:00',
        data: { departmentId: 'D-N', hallId: 'H-N1', kind: 'urban' },
      },
    ],
  });
  expect(posted.status).toBe(202);
  // Every fine posted: ordinary complaints (3 x 100), first responses late (2 x 50), the finding, the fault.
  await eventually(
    () => engine.ledger(''),
    (rows) =>
      rows.some((r) => r.subject_id === 'Q-1') &&
      rows.filter((r) => r.rule === 'sla.first_response.late').length === 2,
  );
});

afterAll(async () => {
  await browser?.close();
  await engine?.stop();
});

async function rowsOnBoard(page: Page): Promise<string[]> {
  return page
    .locator('[data-subject]')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-subject')!));
}

describe('the console in a browser', () => {
  it('a scoped manager signs in and sees only that department, on the board, the report and a subject', async () => {
    const page = await newPage(browser, engine.url);
    await page.goto('/console/');
    await screenshot(page, 'sign-in');
    await signIn(page, northManagerKey);
    await expect.poll(() => rowsOnBoard(page)).toEqual(expect.arrayContaining([WORK_ORDER, 'C-N-2']));
    expect(await rowsOnBoard(page)).not.toContain('C-S-1');
    const board = await page.locator('main').textContent();
    expect(board).toContain('北区营业部');
    expect(board).toContain('人民路营业厅');
    expect(board).not.toContain('南区');
    expect(board).toMatch(/已超时 \d/);
    expect(board).toMatch(/剩余 \d/);
    await screenshot(page, 'board');

    // By keyboard: "/" goes to the work-order search, and typing narrows the board.
    await page.keyboard.press('/');
    await page.keyboard.type('C-N-2');
    await expect.poll(() => rowsOnBoard(page)).toEqual(['C-N-2']);
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    // The English switch, and back.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('link', { name: 'Live board' }).waitFor();
    expect(await page.locator('main').textContent()).toMatch(/overdue by \d/);
    await screenshot(page, 'board-en');
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('link', { name: '实时看板' }).waitFor();

    // The session is a cookie the page cannot read, never page storage.
    expect(await page.evaluate('[document.cookie, localStorage.length, sessionStorage.length]')).toEqual([
      '',
      1,
      0,
    ]);
    const cookies = await page.context().cookies();
    expect(cookies).toEqual([
      expect.objectContaining({ name: 'engine_session', httpOnly: true, sameSite: 'Strict' }),
    ]);

    await page.getByRole('link', { name: WORK_ORDER }).click();
    await page.getByRole('heading', { name: '时间线' }).waitFor();
    // The fines carry the pack's rule names.
    await page.getByRole('cell', { name: '普通客户投诉' }).waitFor();
    const subject = await page.locator('main').textContent();
    expect(subject).toContain('宽带无法上网');
    expect(subject).toContain('首次回复超时');
    expect(subject).toContain('fuling-2012');
    await screenshot(page, 'subject');

    // Another department's work order does not exist for this key.
    await page.goto('/console/subjects/complaint/C-S-1');
    await page.getByText('没有找到该工单').waitFor();

    await page.goto('/console/report?period=2026-11');
    await page.getByRole('heading', { name: '近 12 个月趋势' }).waitFor();
    await page.locator('table').first().waitFor();
    const report = await page.locator('main').textContent();
    expect(report).toContain('北区营业部');
    expect(report).not.toContain('南区');
    await screenshot(page, 'report');

    await page.goto('/console/people');
    await page.getByRole('link', { name: '李晓红' }).click();
    await page.getByText('年度第 1 次').waitFor();
    await screenshot(page, 'person');
    await page.context().close();
  });

  it('a breach posted through the API appears on the open board within 2 seconds, with no reload', async () => {
    const page = await newPage(browser, engine.url);
    await signIn(page, northManagerKey);
    await page.getByText('实时', { exact: true }).waitFor();
    await expect.poll(() => rowsOnBoard(page)).toContain(WORK_ORDER);
    let reloads = 0;
    page.on('framenavigated', () => {
      reloads += 1;
    });
    const posted = await engine.post(
      complaint('C-N-LIVE', 'D-N', 'H-N1', '2026-11-23T21:00:00+08:00', '客户反映营业厅排队时间过长'),
    );
    expect(posted.status).toBe(202);
    const start = Date.now();
    await page.locator('[data-subject="C-N-LIVE"]').waitFor({ timeout: 2_000 });
    const elapsed = Date.now() - start;
    expect(elapsed).toBeLessThan(2_000);
    expect(reloads).toBe(0);
    await screenshot(page, 'board-live');
    await page.context().close();
  });

  it('finance downloads the ledger as .xlsx: Chinese headers, text work orders and staff numbers, the right totals', async () => {
    const finance = (await createApiKey(engine.runtime.db, { name: '财务 陈会计', role: 'finance' })).key;
    const page = await newPage(browser, engine.url);
    await signIn(page, finance);
    await page.goto('/console/ledger?period=2026-11');
    await page.getByTestId('ledger-entries').waitFor();
    const ledger = await page.locator('main').textContent();
    expect(ledger).toContain('窗口服务检查问题');
    expect(ledger).toContain('李晓红');
    await screenshot(page, 'ledger');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-xlsx').click(),
    ]);
    const file = `${RESULTS}console-ledger-2026-11.xlsx`;
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet('罚款明细')!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(
      expect.arrayContaining([
        '考核项目',
        '部门',
        '营业厅',
        '责任人',
        '员工编号',
        '金额(元)',
        '工单号',
        '入账时间',
      ]),
    );
    const column = (name: string) => headers.indexOf(name) + 1;
    const rows = sheet.getRows(2, sheet.rowCount - 1)!;
    const entries = rows.filter((r) => r.getCell(1).value !== '合计');
    const order = entries.find((r) => r.getCell(column('工单号')).value === WORK_ORDER)!;
    expect(order.getCell(column('工单号')).type).toBe(ExcelJS.ValueType.String);
    expect(order.getCell(column('部门')).value).toBe('北区营业部');
    expect(order.getCell(column('营业厅')).value).toBe('人民路营业厅');
    const finding = entries.find((r) => r.getCell(column('员工编号')).value === STAFF)!;
    expect(finding.getCell(column('员工编号')).type).toBe(ExcelJS.ValueType.String);
    expect(finding.getCell(column('责任人')).value).toBe('李晓红');
    expect(finding.getCell(column('考核项目')).value).toBe('窗口服务检查问题');
    const amount = finding.getCell(column('金额(元)'));
    expect(amount.type).toBe(ExcelJS.ValueType.Number);
    expect(amount.numFmt).toContain('0.00');
    expect(finding.getCell(column('入账时间')).type).toBe(ExcelJS.ValueType.Date);

    const summary = (await (
      await fetch(`${engine.url}/v1/ledger/summary?period=2026-11`, {
        headers: { authorization: `Bearer ${finance}` },
      })
    ).json()) as { totalFen: number };
    const sum = entries.reduce(
      (total, r) => total + Math.round(Number(r.getCell(column('金额(元)')).value) * 100),
      0,
    );
    expect(sum).toBe(summary.totalFen);
    const total = rows.find((r) => r.getCell(1).value === '合计')!;
    expect(Math.round(Number(total.getCell(column('金额(元)')).value) * 100)).toBe(summary.totalFen);
    expect(workbook.getWorksheet('汇总')).toBeDefined();
    await page.context().close();
  });

  it('finance closes October through the console, after a preview of what the close posts', async () => {
    const finance = (await createApiKey(engine.runtime.db, { name: '财务 周出纳', role: 'finance' })).key;
    const page = await newPage(browser, engine.url);
    await signIn(page, finance);
    await page.goto('/console/month-end?period=2026-10');
    await page.getByRole('button', { name: '预览结算' }).click();
    const preview = page.getByTestId('close-preview');
    await preview.waitFor();
    expect(await preview.textContent()).toContain('障碍月末未修复');
    await screenshot(page, 'month-end-preview');
    expect((await engine.ledger('F-1')).map((r) => r.rule)).not.toContain('fault.repair.unfinished');

    await page.getByRole('button', { name: '确认结算 2026-10' }).click();
    await page.getByText('2026-10 已结算').waitFor();
    await screenshot(page, 'month-end-closed');
    expect((await engine.ledger('F-1')).map((r) => r.rule)).toContain('fault.repair.unfinished');
    await page.getByRole('button', { name: '关闭' }).click();
    await page.getByText('已结算', { exact: true }).waitFor();
    await page.context().close();
  });

  it('an admin names people and issues a key; revoking it ends the sessions signed in with it', async () => {
    const page = await newPage(browser, engine.url);
    await signIn(page, engine.keys.admin);
    await page.goto('/console/admin');
    await page.getByRole('cell', { name: '北区营业部' }).waitFor();
    await screenshot(page, 'admin-names');
    await page.getByRole('tab', { name: '密钥' }).click();
    await page.getByLabel('名称(使用人)').fill('南区 刘经理');
    await page.getByLabel('部门编号(经理、财务可限定,留空为全部)').fill('D-S');
    await page.getByRole('button', { name: '发放密钥' }).click();
    const issued = ((await page.locator('code.secret').textContent()) ?? '').trim();
    expect(issued).toMatch(/^cse_/);
    await screenshot(page, 'admin-keys');

    const other = await newPage(browser, engine.url);
    await signIn(other, issued);
    page.once('dialog', (dialog) => void dialog.accept());
    await page
      .getByRole('row', { name: /南区 刘经理/ })
      .getByRole('button', { name: '吊销' })
      .click();
    await page
      .getByRole('row', { name: /南区 刘经理/ })
      .getByText('吊销时间')
      .waitFor();
    await other.reload();
    await other.getByLabel('个人密钥').waitFor();
    await other.context().close();
    await page.context().close();
  });
});
