import { hallNameOf, type LedgerFilter, listLedger, namesOf } from '@engine/db';
import { timeZoneOf } from '@engine/domain';
import { stringify } from 'csv-stringify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { labelsOf } from '../labels.ts';
import { ledgerWorkbook } from '../ledger-xlsx.ts';
import { decodeCursor, encodeCursor, ledgerEntry, ledgerEntrySchema } from '../present.ts';
import { periodParam, problemSchema } from '../schemas.ts';
import { checkDepartmentFilter, departmentScope } from '../scope.ts';

const EXPORT_PAGE = 5_000;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The CSV's columns, in order (the OpenAPI document shows its header row). */
export const LEDGER_CSV_COLUMNS = [
  'id',
  'period',
  'originPeriod',
  'rule',
  'policyVersion',
  'departmentId',
  'departmentName',
  'personId',
  'personRole',
  'amountYuan',
  'subjectId',
  'source',
  'causeEventId',
  'reversalOf',
  'postedAt',
] as const;

/** What the spreadsheet says where a department id was never defined (PUT /v1/departments/{id} names it). */
const UNKNOWN_DEPARTMENT = '(unknown department)';

/**
 * A text cell a spreadsheet would run as a formula (=, +, -, @, tab or CR first: ids and names come
 * from other systems) starts with an apostrophe instead, which spreadsheets show as text (OWASP's
 * advice for CSV injection). Amounts are numbers and stay as they are.
 */
function spreadsheetText(value: unknown): unknown {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const yuan = (fen: number) =>
  `${fen < 0 ? '-' : ''}${Math.floor(Math.abs(fen) / 100)}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;

/** Finance's ledger: JSON pages, or the whole selection as CSV (UTF-8 with BOM, yuan with two decimals). */
export const ledgerRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const zone = () => timeZoneOf(deps.policies());
  // Streamed page by page (keyset), so a month of a million entries never sits in memory.
  const pagesOf = async function* (filter: LedgerFilter) {
    let afterId = filter.afterId;
    for (;;) {
      const rows = await listLedger(deps.db, {
        ...filter,
        limit: EXPORT_PAGE,
        ...(afterId !== undefined ? { afterId } : {}),
      });
      yield rows;
      if (rows.length < EXPORT_PAGE) return;
      afterId = rows.at(-1)!.id;
    }
  };
  const namesOfRows = (rows: readonly { hall_id: string | null; person_id: string | null }[]) =>
    namesOf(deps.db, {
      halls: rows.flatMap((r) => (r.hall_id ? [r.hall_id] : [])),
      people: rows.flatMap((r) => (r.person_id ? [r.person_id] : [])),
    });

  app.get(
    '/v1/ledger',
    {
      config: { roles: ['finance'] },
      schema: {
        summary:
          'Ledger entries in posting order, reversals included; format=csv (or Accept: text/csv) or format=xlsx for a spreadsheet',
        description:
          'format=xlsx: the same rows as the CSV as an .xlsx workbook: Chinese headers, rule names from the pack in Chinese, department, hall and person names, amounts in yuan as numbers (0.00; reversals negative, in red, naming the entry they cancel), work-order and staff numbers as text cells, posting times as date cells in the policy zone, a total row, and a sheet of totals by department, rule and person.',
        tags: ['ledger'],
        security: [{ apiKey: [] }],
        querystring: z.strictObject({
          period: periodParam.optional(),
          departmentId: z.string().min(1).max(128).optional(),
          personId: z.string().min(1).max(128).optional(),
          rule: z.string().min(1).max(64).optional(),
          subjectId: z.string().min(1).max(128).optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
          cursor: z.string().max(256).optional(),
          format: z.enum(['json', 'csv', 'xlsx']).optional(),
        }),
        response: {
          200: z.object({
            items: z.array(
              ledgerEntrySchema.extend({ hallId: z.string().nullable(), hallName: z.string().nullable() }),
            ),
            nextCursor: z.string().nullable(),
          }),
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const { limit, cursor, format, ...filters } = request.query;
      const scope = departmentScope(request);
      checkDepartmentFilter(scope, filters.departmentId);
      const after = cursor ? decodeCursor(cursor, z.object({ id: z.number().int() })) : null;
      const filter: LedgerFilter = {
        departments: scope,
        ...filters,
        limit,
        ...(after ? { afterId: after.id } : {}),
      };
      const accept = request.headers.accept ?? '';
      const wanted =
        format ?? (accept.includes('text/csv') ? 'csv' : accept.includes(XLSX_TYPE) ? 'xlsx' : 'json');
      const name = `ledger${filters.period ? `-${filters.period}` : ''}`;
      if (wanted === 'csv') {
        const csv = stringify({ header: true, columns: [...LEDGER_CSV_COLUMNS], bom: true });
        void (async () => {
          for await (const rows of pagesOf(filter)) {
            for (const row of rows) {
              const entry = ledgerEntry(row, zone());
              const departmentName = entry.departmentName ?? UNKNOWN_DEPARTMENT;
              const cells = Object.fromEntries(
                Object.entries({ ...entry, departmentName }).map(([column, value]) => [
                  column,
                  spreadsheetText(value),
                ]),
              );
              if (!csv.write({ ...cells, amountYuan: yuan(entry.amountFen) }))
                await new Promise((r) => csv.once('drain', r));
            }
          }
          csv.end();
        })().catch((error) => csv.destroy(error));
        return (
          reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="${name}.csv"`)
            // A stream is sent as it is; the JSON schema above only types the JSON answer.
            .send(csv as never)
        );
      }
      if (wanted === 'xlsx') {
        const named = async function* () {
          for await (const rows of pagesOf(filter)) yield { rows, names: await namesOfRows(rows) };
        };
        const title = `罚款台账${filters.period ? ` ${filters.period}` : ''}`;
        const workbook = ledgerWorkbook(named(), {
          labels: labelsOf(deps.policies(), deps.config.POLICY_FAMILY),
          zone: zone(),
          title,
        });
        return reply
          .type(XLSX_TYPE)
          .header(
            'content-disposition',
            `attachment; filename="${name}.xlsx"; filename*=UTF-8''${encodeURIComponent(`罚款台账${filters.period ? `-${filters.period}` : ''}.xlsx`)}`,
          )
          .send(workbook as never);
      }
      const rows = await listLedger(deps.db, filter);
      const last = rows.length === limit ? rows.at(-1) : undefined;
      const names = await namesOfRows(rows);
      return {
        items: rows.map((row) => ({
          ...ledgerEntry(row, zone()),
          hallId: row.hall_id,
          hallName: hallNameOf(names, row.hall_id, row.department_id),
          ...(row.person_id ? { personName: names.people.get(row.person_id) ?? null } : {}),
        })),
        nextCursor: last ? encodeCursor({ id: last.id }) : null,
      };
    },
  );
};
