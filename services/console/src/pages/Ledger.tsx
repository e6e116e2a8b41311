import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useMemo } from 'react';
import { Link } from 'wouter';
import { api, read } from '../api.ts';
import { Choice, Empty, Loaded, Stat } from '../components/ui.tsx';
import { monthOf, serverNow, when, yuan } from '../format.ts';
import { type T, useLang, useT, wordOr } from '../i18n.tsx';
import { useLabels } from '../labels.ts';
import { useUrlState } from '../url-state.ts';

const fetchPage = (query: Record<string, string | number>) =>
  read(api.GET('/v1/ledger', { params: { query } }));
type Entry = Awaited<ReturnType<typeof fetchPage>>['items'][number];
const fetchTotals = (period: string, groupBy: 'department' | 'person' | 'rule') =>
  read(api.GET('/v1/ledger/summary', { params: { query: { period, groupBy } } }));
type Totals = Awaited<ReturnType<typeof fetchTotals>>;

const PAGE = 200;

/** Finance's ledger (issue 13): a month, filtered by department, person and rule, totals by each, drill-down, and the month as .xlsx or CSV. */
export function Ledger() {
  const t = useT();
  const labels = useLabels();
  const defaults = useMemo(
    () => ({ period: monthOf(new Date(serverNow())), departmentId: '', personId: '', rule: '' }),
    [],
  );
  const [state, set] = useUrlState(defaults);
  const filters = Object.fromEntries(Object.entries(state).filter(([, v]) => v !== '')) as Record<
    string,
    string
  >;
  const byDepartment = useQuery({
    queryKey: ['totals', state.period, 'department'],
    queryFn: () => fetchTotals(state.period, 'department'),
  });
  const byRule = useQuery({
    queryKey: ['totals', state.period, 'rule'],
    queryFn: () => fetchTotals(state.period, 'rule'),
  });
  const byPerson = useQuery({
    queryKey: ['totals', state.period, 'person'],
    queryFn: () => fetchTotals(state.period, 'person'),
  });
  const download = (format: 'xlsx' | 'csv') => `/v1/ledger?${new URLSearchParams({ ...filters, format })}`;
  const people = (byPerson.data?.items ?? []).filter((p) => p.personId);
  return (
    <section className="page">
      <div className="page-head">
        <h1>{t('ledger_title')}</h1>
        <a className="button primary" href={download('xlsx')} download data-testid="download-xlsx">
          {t('downloadXlsx')}
        </a>
        <a className="button" href={download('csv')} download>
          {t('downloadCsv')}
        </a>
      </div>
      <div className="filters">
        <label className="field">
          <span>{t('period')}</span>
          <input
            type="month"
            value={state.period}
            onChange={(e) => e.target.value && set({ period: e.target.value })}
          />
        </label>
        <Choice
          label={t('department')}
          value={state.departmentId}
          onChange={(v) => set({ departmentId: v })}
          all={t('any')}
          options={(byDepartment.data?.items ?? []).map((d) => ({
            value: d.departmentId!,
            label: d.departmentName ?? d.departmentId!,
          }))}
        />
        <Choice
          label={t('person')}
          value={state.personId}
          onChange={(v) => set({ personId: v })}
          all={t('any')}
          options={[...new Map(people.map((p) => [p.personId!, p.personName ?? p.personId!])).entries()].map(
            ([value, label]) => ({ value, label }),
          )}
        />
        <Choice
          label={t('rule')}
          value={state.rule}
          onChange={(v) => set({ rule: v })}
          all={t('any')}
          options={(byRule.data?.items ?? []).map((r) => ({ value: r.rule!, label: labels.rule(r.rule) }))}
        />
        {(state.departmentId || state.personId || state.rule) && (
          <button
            type="button"
            className="link"
            onClick={() => set({ departmentId: '', personId: '', rule: '' })}
          >
            {t('clearFilters')}
          </button>
        )}
      </div>
      <Loaded query={byDepartment}>
        {(totals) => (
          <div className="stats">
            <Stat label={`${state.period} ${t('total')}`} value={`¥ ${yuan(totals.totalFen)}`} />
            <Stat label={t('entries')} value={totals.items.reduce((n, i) => n + i.entries, 0)} />
            <Stat label={t('reversals')} value={totals.items.reduce((n, i) => n + i.reversals, 0)} />
          </div>
        )}
      </Loaded>
      <div className="three-columns">
        <TotalsTable
          title={t('totalsBy', { by: t('department') })}
          query={byDepartment}
          name={(i) => i.departmentName ?? i.departmentId ?? ''}
          pick={(i) => set({ departmentId: i.departmentId ?? '' })}
          selected={(i) => i.departmentId === state.departmentId}
        />
        <TotalsTable
          title={t('totalsBy', { by: t('rule') })}
          query={byRule}
          name={(i) => labels.rule(i.rule)}
          pick={(i) => set({ rule: i.rule ?? '' })}
          selected={(i) => i.rule === state.rule}
        />
        <TotalsTable
          title={t('totalsBy', { by: t('person') })}
          query={byPerson}
          name={(i) =>
            `${i.personName ?? i.personId ?? t('notNamed')} · ${wordOr(t, 'role_person_', i.personRole)}`
          }
          pick={(i) => i.personId && set({ personId: i.personId })}
          selected={(i) => !!i.personId && i.personId === state.personId}
        />
      </div>
      <h2>{t('entries')}</h2>
      <Entries filters={filters} t={t} rule={labels.rule} />
    </section>
  );
}

function TotalsTable({
  title,
  query,
  name,
  pick,
  selected,
}: {
  title: string;
  query: ReturnType<typeof useQuery<Totals>>;
  name: (item: Totals['items'][number]) => string;
  pick: (item: Totals['items'][number]) => void;
  selected: (item: Totals['items'][number]) => boolean;
}) {
  const t = useT();
  return (
    <div>
      <h3>{title}</h3>
      <Loaded query={query}>
        {(totals) =>
          totals.items.length === 0 ? (
            <Empty>{t('noData')}</Empty>
          ) : (
            <table className="table compact">
              <tbody>
                {totals.items.map((item) => (
                  <tr
                    key={`${item.departmentId ?? ''}|${item.personId ?? ''}|${item.personRole ?? ''}|${item.rule ?? ''}`}
                    className={selected(item) ? 'selected' : ''}
                  >
                    <td>
                      <button type="button" className="link" onClick={() => pick(item)}>
                        {name(item)}
                      </button>
                    </td>
                    <td className="num">{yuan(item.totalFen)}</td>
                    <td className="num muted">{t('entriesCount', { n: item.entries })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loaded>
    </div>
  );
}

const column = createColumnHelper<Entry>();

function Entries({
  filters,
  t,
  rule,
}: {
  filters: Record<string, string>;
  t: T;
  rule: (code: string, policyVersion?: string) => string;
}) {
  const { lang } = useLang();
  const query = useInfiniteQuery({
    queryKey: ['ledger', filters],
    queryFn: ({ pageParam }) =>
      fetchPage({ ...filters, limit: PAGE, ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const entries = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);
  const columns = useMemo(
    () => [
      column.accessor('id', { header: '#' }),
      column.accessor('rule', {
        header: t('rule'),
        cell: (c) => rule(c.getValue(), c.row.original.policyVersion),
      }),
      column.accessor((e) => e.departmentName ?? e.departmentId, {
        id: 'department',
        header: t('department'),
      }),
      column.accessor((e) => e.hallName ?? e.hallId ?? '', { id: 'hall', header: t('hall') }),
      column.accessor(
        (e) =>
          e.personRole
            ? `${e.personName ?? e.personId ?? t('notNamed')} (${wordOr(t, 'role_person_', e.personRole)})`
            : '',
        {
          id: 'person',
          header: t('person'),
        },
      ),
      column.accessor('amountFen', {
        header: t('amountYuan'),
        cell: (c) => yuan(c.getValue()),
        meta: { numeric: true },
      }),
      column.accessor('subjectId', {
        header: t('workOrder'),
        cell: (c) =>
          c.row.original.source === 'period' ? (
            c.getValue()
          ) : (
            <Link href={`/subjects/${c.row.original.source}/${encodeURIComponent(c.getValue())}`}>
              {c.getValue()}
            </Link>
          ),
      }),
      column.accessor('originPeriod', { header: t('originPeriod') }),
      column.accessor('reversalOf', {
        header: t('reversals'),
        cell: (c) => (c.getValue() ? t('reversalOf', { id: c.getValue()! }) : ''),
      }),
      column.accessor('postedAt', { header: t('postedAt'), cell: (c) => when(c.getValue(), lang) }),
    ],
    [t, rule, lang],
  );
  const table = useReactTable({ data: entries, columns, getCoreRowModel: getCoreRowModel() });
  if (query.isPending) return <p className="muted">{t('loading')}</p>;
  if (query.isError) return <Loaded query={query as never}>{() => null}</Loaded>;
  if (entries.length === 0) return <Empty>{t('noData')}</Empty>;
  return (
    <>
      <table className="table" data-testid="ledger-entries">
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((h) => (
                <th
                  key={h.id}
                  className={(h.column.columnDef.meta as { numeric?: boolean })?.numeric ? 'num' : ''}
                >
                  {flexRender(h.column.columnDef.header, h.getContext())}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id} className={row.original.reversalOf ? 'reversal' : ''}>
              {row.getVisibleCells().map((cell) => (
                <td
                  key={cell.id}
                  className={(cell.column.columnDef.meta as { numeric?: boolean })?.numeric ? 'num' : ''}
                >
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        {query.hasNextPage ? (
          <button
            type="button"
            onClick={() => void query.fetchNextPage()}
            disabled={query.isFetchingNextPage}
          >
            {t('loadMore')}
          </button>
        ) : (
          <span className="muted">{t('allShown')}</span>
        )}
      </p>
    </>
  );
}
