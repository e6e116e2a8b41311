import { type LedgerFilter, listLedger } from '@engine/db';
import { timeZoneOf } from '@engine/domain';
import { stringify } from 'csv-stringify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../deps.ts';
import { decodeCursor, encodeCursor, ledgerEntry, ledgerEntrySchema } from '../present.ts';
import { periodParam, problemSchema } from '../schemas.ts';
import { checkDepartmentFilter, departmentScope } from '../scope.ts';

const CSV_PAGE = 5_000;
const csvColumns = [
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

  app.get(
    '/v1/ledger',
    {
      config: { roles: ['finance'] },
      schema: {
        summary:
          'Ledger entries in posting order, reversals included; Accept: text/csv or format=csv for a spreadsheet',
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
          format: z.enum(['json', 'csv']).optional(),
        }),
        response: {
          200: z.object({ items: z.array(ledgerEntrySchema), nextCursor: z.string().nullable() }),
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
      const wantsCsv =
        format === 'csv' || (format === undefined && (request.headers.accept ?? '').includes('text/csv'));
      if (wantsCsv) {
        // Streamed page by page (keyset), so a month of a million entries never sits in memory.
        const csv = stringify({ header: true, columns: [...csvColumns], bom: true });
        void (async () => {
          let afterId = filter.afterId;
          for (;;) {
            const rows = await listLedger(deps.db, {
              ...filter,
              limit: CSV_PAGE,
              ...(afterId !== undefined ? { afterId } : {}),
            });
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
            if (rows.length < CSV_PAGE) break;
            afterId = rows.at(-1)!.id;
          }
          csv.end();
        })().catch((error) => csv.destroy(error));
        const name = `ledger${filters.period ? `-${filters.period}` : ''}.csv`;
        return (
          reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="${name}"`)
            // A stream is sent as it is; the JSON schema above only types the JSON answer.
            .send(csv as never)
        );
      }
      const rows = await listLedger(deps.db, filter);
      const last = rows.length === limit ? rows.at(-1) : undefined;
      return {
        items: rows.map((row) => ledgerEntry(row, zone())),
        nextCursor: last ? encodeCursor({ id: last.id }) : null,
      };
    },
  );
};
