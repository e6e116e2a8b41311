import { PassThrough, type Readable } from 'node:stream';
import type { LedgerRow, Names } from '@engine/db';
import { hallNameOf } from '@engine/db';
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { type Labels, ruleNameZh } from './labels.ts';

/** A ledger row as listLedger gives it, with the names the spreadsheet shows. */
export type LedgerSheetRow = LedgerRow & { department_name: string | null; hall_id: string | null };

const ROLE_ZH: Record<string, string> = { manager: '经营部经理', hall_head: '营业厅负责人', staff: '员工' };
const SOURCE_ZH: Record<string, string> = {
  complaint: '投诉',
  fault: '障碍',
  callback: '回访',
  finding: '质检',
  period: '月末考核',
};
// Yuan with two decimals; a reversal (negative) in red.
const YUAN_FORMAT = '#,##0.00;[Red]-#,##0.00';
const TEXT_FORMAT = '@';

const columns: Partial<ExcelJS.Column>[] = [
  { header: '条目号', key: 'id', width: 9 },
  { header: '入账月份', key: 'period', width: 10, style: { numFmt: TEXT_FORMAT } },
  { header: '发生月份', key: 'originPeriod', width: 10, style: { numFmt: TEXT_FORMAT } },
  { header: '考核项目', key: 'ruleName', width: 24 },
  { header: '规则代码', key: 'rule', width: 28 },
  { header: '部门', key: 'department', width: 16 },
  { header: '营业厅', key: 'hall', width: 16 },
  { header: '责任人', key: 'person', width: 12 },
  { header: '员工编号', key: 'personId', width: 12, style: { numFmt: TEXT_FORMAT } },
  { header: '角色', key: 'role', width: 12 },
  { header: '金额(元)', key: 'amount', width: 12, style: { numFmt: YUAN_FORMAT } },
  { header: '工单号', key: 'subjectId', width: 24, style: { numFmt: TEXT_FORMAT } },
  { header: '类别', key: 'source', width: 8 },
  { header: '冲销', key: 'reversal', width: 16 },
  { header: '触发事件', key: 'causeEventId', width: 18, style: { numFmt: TEXT_FORMAT } },
  { header: '政策版本', key: 'policyVersion', width: 14 },
  { header: '入账时间', key: 'postedAt', width: 18, style: { numFmt: 'yyyy-mm-dd hh:mm:ss' } },
];

/**
 * An instant as a spreadsheet date cell showing the wall-clock time of the policy's zone
 * (spreadsheet dates have no zone: the cell holds the local time, as people read it).
 */
function localDateCell(date: Date, zone: string): Date {
  const local = DateTime.fromJSDate(date, { zone });
  return new Date(
    Date.UTC(
      local.year,
      local.month - 1,
      local.day,
      local.hour,
      local.minute,
      local.second,
      local.millisecond,
    ),
  );
}

function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.alignment = { vertical: 'middle' };
  row.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EDF3' } };
    cell.border = { bottom: { style: 'thin', color: { argb: 'FF8A99AD' } } };
  });
}

interface Totals {
  fen: number;
  entries: number;
  byDepartment: Map<string, { name: string; fen: number; entries: number }>;
  byRule: Map<string, { name: string; fen: number; entries: number }>;
  byPerson: Map<
    string,
    { name: string; id: string; department: string; role: string; fen: number; entries: number }
  >;
}

const add = <T extends { fen: number; entries: number }>(
  map: Map<string, T>,
  key: string,
  fresh: () => T,
  fen: number,
) => {
  const total = map.get(key) ?? fresh();
  total.fen += fen;
  total.entries += 1;
  map.set(key, total);
};

/**
 * The ledger as an .xlsx workbook, streamed page by page (issue 13): a sheet of entries with
 * Chinese headers, the pack's rule names in Chinese, department, hall and person names, amounts
 * in yuan as numbers (0.00, reversals in red and naming the entry they cancel), work-order and
 * staff numbers as text cells and posting times as date cells, closed by a total; and a sheet
 * of totals by department, rule and person.
 */
export function ledgerWorkbook(
  pages: AsyncIterable<{ rows: readonly LedgerSheetRow[]; names: Names }>,
  options: { labels: Labels; zone: string; title: string },
): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: true,
  });
  workbook.creator = 'Complaint and SLA engine';
  void (async () => {
    const sheet = workbook.addWorksheet('罚款明细', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = columns;
    styleHeader(sheet.getRow(1));
    sheet.getRow(1).commit();
    const totals: Totals = {
      fen: 0,
      entries: 0,
      byDepartment: new Map(),
      byRule: new Map(),
      byPerson: new Map(),
    };
    for await (const { rows, names } of pages) {
      for (const row of rows) {
        const department = row.department_name ?? `${row.department_id}(未定义部门)`;
        const personName = row.person_id ? (names.people.get(row.person_id) ?? row.person_id) : '';
        const role = row.person_role ? (ROLE_ZH[row.person_role] ?? row.person_role) : '';
        const ruleName = ruleNameZh(options.labels, row.rule, row.policy_version);
        sheet
          .addRow({
            id: row.id,
            period: row.period,
            originPeriod: row.origin_period,
            ruleName,
            rule: row.rule,
            department,
            hall: row.hall_id ? (hallNameOf(names, row.hall_id, row.department_id) ?? row.hall_id) : '',
            // A personal fine with nobody named goes to the role (API.md): say so.
            person: personName || (role ? `${role}(未指定)` : ''),
            personId: row.person_id ?? '',
            role,
            amount: row.amount_fen / 100,
            subjectId: row.subject_id,
            source: SOURCE_ZH[row.source] ?? row.source,
            reversal: row.reversal_of !== null ? `冲销第 ${row.reversal_of} 条` : '',
            causeEventId: row.cause_event_id ?? '',
            policyVersion: row.policy_version,
            postedAt: localDateCell(row.posted_at, options.zone),
          })
          .commit();
        totals.fen += row.amount_fen;
        totals.entries += 1;
        add(
          totals.byDepartment,
          row.department_id,
          () => ({ name: department, fen: 0, entries: 0 }),
          row.amount_fen,
        );
        add(totals.byRule, row.rule, () => ({ name: ruleName, fen: 0, entries: 0 }), row.amount_fen);
        if (row.person_id || row.person_role) {
          add(
            totals.byPerson,
            `${row.department_id}|${row.person_id ?? ''}|${row.person_role ?? ''}`,
            () => ({
              name: personName || `${role}(未指定)`,
              id: row.person_id ?? '',
              department,
              role,
              fen: 0,
              entries: 0,
            }),
            row.amount_fen,
          );
        }
      }
    }
    const total = sheet.addRow({ id: '合计', amount: totals.fen / 100, reversal: `${totals.entries} 条` });
    total.font = { bold: true };
    total.commit();
    sheet.commit();
    writeTotals(workbook, totals, options.title);
    await workbook.commit();
  })().catch((error) => out.destroy(error));
  return out;
}

function writeTotals(workbook: ExcelJS.stream.xlsx.WorkbookWriter, totals: Totals, title: string): void {
  const sheet = workbook.addWorksheet('汇总');
  sheet.columns = [
    { key: 'a', width: 28 },
    { key: 'b', width: 14 },
    { key: 'c', width: 14 },
    { key: 'd', width: 12, style: { numFmt: YUAN_FORMAT } },
    { key: 'e', width: 8 },
  ];
  const heading = sheet.addRow([title]);
  heading.font = { bold: true, size: 13 };
  heading.commit();
  const section = (name: string, header: string[], rows: (string | number)[][]) => {
    sheet.addRow([]).commit();
    const caption = sheet.addRow([name]);
    caption.font = { bold: true };
    caption.commit();
    styleHeader(sheet.addRow(header));
    for (const row of rows) sheet.addRow(row).commit();
  };
  const yuan = (fen: number) => fen / 100;
  section(
    '按部门',
    ['部门', '', '', '金额(元)', '条数'],
    [...totals.byDepartment.values()].map((t) => [t.name, '', '', yuan(t.fen), t.entries]),
  );
  section(
    '按考核项目',
    ['考核项目', '', '', '金额(元)', '条数'],
    [...totals.byRule.values()].map((t) => [t.name, '', '', yuan(t.fen), t.entries]),
  );
  section(
    '按责任人',
    ['责任人', '员工编号', '角色', '金额(元)', '条数'],
    [...totals.byPerson.values()].map((t) => [
      `${t.name}(${t.department})`,
      t.id,
      t.role,
      yuan(t.fen),
      t.entries,
    ]),
  );
  sheet.addRow([]).commit();
  const all = sheet.addRow(['合计', '', '', yuan(totals.fen), totals.entries]);
  all.font = { bold: true };
  all.commit();
  sheet.commit();
}
