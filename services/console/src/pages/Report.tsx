import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { api, read } from '../api.ts';
import { Chart, type ChartOption } from '../components/chart.tsx';
import { Choice, Empty, Loaded } from '../components/ui.tsx';
import { monthOf, percent, serverNow } from '../format.ts';
import { useT } from '../i18n.tsx';
import { useUrlState } from '../url-state.ts';

/** The SLA report (issue 13): a month, week or day by department or hall, the rates charted, and the 12-month trend. */
export function Report() {
  const t = useT();
  const defaults = useMemo(
    () => ({ span: 'month', period: monthOf(new Date(serverNow())), groupBy: 'department' }),
    [],
  );
  const [state, set] = useUrlState(defaults);
  const period = normalise(state.span, state.period);
  const groupBy = state.groupBy === 'hall' ? 'hall' : 'department';
  const summary = useQuery({
    queryKey: ['sla', period, groupBy],
    queryFn: () => read(api.GET('/v1/sla/summary', { params: { query: { period, groupBy } } })),
  });
  // A week's trend ends with the month its Thursday is in.
  const month = period.includes('W') ? monthOf(weekThursday(period)) : period.slice(0, 7);
  const trend = useQuery({
    queryKey: ['trend', month],
    queryFn: () => read(api.GET('/v1/sla/trend', { params: { query: { to: month, months: 12 } } })),
  });
  return (
    <section className="page">
      <div className="page-head">
        <h1>{t('report_title')}</h1>
      </div>
      <div className="filters">
        <fieldset className="segmented">
          <legend className="sr-only">{t('period')}</legend>
          {(['month', 'week', 'day'] as const).map((span) => (
            <button
              key={span}
              type="button"
              aria-pressed={state.span === span}
              onClick={() => set({ span, period: normalise(span, state.period) })}
            >
              {t(span === 'month' ? 'byMonth' : span === 'week' ? 'byWeek' : 'byDay')}
            </button>
          ))}
        </fieldset>
        <label className="field">
          <span>{t('period')}</span>
          <input
            type={state.span === 'week' ? 'week' : state.span === 'day' ? 'date' : 'month'}
            value={period}
            onChange={(e) => e.target.value && set({ period: e.target.value })}
          />
        </label>
        <Choice
          label={t('groupBy')}
          value={groupBy}
          onChange={(v) => set({ groupBy: v })}
          options={[
            { value: 'department', label: t('groupByDepartment') },
            { value: 'hall', label: t('groupByHall') },
          ]}
        />
      </div>
      <Loaded query={summary}>{(data) => <SummaryView data={data} groupBy={groupBy} />}</Loaded>
      <h2>{t('trend12')}</h2>
      <Loaded query={trend}>{(data) => <TrendChart items={data.items} />}</Loaded>
    </section>
  );
}

/** The period text in the form the chosen span wants (a month, an ISO week, a day). */
function normalise(span: string, period: string): string {
  const month = /^\d{4}-\d{2}/.exec(period)?.[0] ?? monthOf(new Date(serverNow()));
  if (span === 'month') return /^\d{4}-\d{2}$/.test(period) ? period : month;
  if (span === 'day') return /^\d{4}-\d{2}-\d{2}$/.test(period) ? period : `${month}-01`;
  if (/^\d{4}-W\d{2}$/.test(period)) return period;
  const date = new Date(`${/^\d{4}-\d{2}-\d{2}$/.test(period) ? period : `${month}-01`}T12:00:00+08:00`);
  return isoWeek(date);
}

function weekThursday(week: string): Date {
  const [year, number] = week.split('-W').map(Number) as [number, number];
  // ISO: week 1 holds 4 January; its Thursday is 3 days after its Monday.
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() || 7) - 1) * 86_400_000);
  return new Date(monday.getTime() + ((number - 1) * 7 + 3) * 86_400_000);
}

function isoWeek(date: Date): string {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = new Date(Date.UTC(day.getUTCFullYear(), 0, 1));
  const week = Math.ceil(((day.getTime() - yearStart.getTime()) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

type Summary = Awaited<ReturnType<typeof fetchSummary>>;
const fetchSummary = () => read(api.GET('/v1/sla/summary', { params: { query: { period: '2026-11' } } }));

function SummaryView({ data, groupBy }: { data: Summary; groupBy: 'department' | 'hall' }) {
  const t = useT();
  const label = useCallback(
    (item: Summary['items'][number]) =>
      groupBy === 'hall'
        ? item.hallId
          ? (item.hallName ?? item.hallId)
          : t('noHall')
        : (item.departmentName ?? `${item.departmentId} ${t('unknownDepartment')}`),
    [groupBy, t],
  );
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 50, right: 20, top: 36, bottom: 60 },
      legend: { top: 0 },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
      xAxis: {
        type: 'category',
        data: data.items.map(label),
        axisLabel: { interval: 0, rotate: data.items.length > 6 ? 30 : 0 },
      },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          name: `${t('firstResponse')}${t('onTimeRate')}`,
          type: 'bar',
          data: data.items.map((i) => rate(i.firstResponse.onTimeRate)),
          itemStyle: { color: '#1565c0' },
        },
        {
          name: `${t('resolution')}${t('onTimeRate')}`,
          type: 'bar',
          data: data.items.map((i) => rate(i.resolution.onTimeRate)),
          itemStyle: { color: '#2e7d32' },
        },
      ],
    }),
    [data, t, label],
  );
  if (data.items.length === 0) return <Empty>{t('noData')}</Empty>;
  const sum = (pick: (i: Summary['items'][number]) => number) => data.items.reduce((n, i) => n + pick(i), 0);
  return (
    <>
      <table className="table">
        <thead>
          <tr>
            <th rowSpan={2}>{groupBy === 'hall' ? t('hall') : t('department')}</th>
            <th rowSpan={2} className="num">
              {t('received')}
            </th>
            <th colSpan={4} className="center">
              {t('firstResponse')}
            </th>
            <th colSpan={4} className="center">
              {t('resolution')}
            </th>
            <th rowSpan={2} className="num">
              {t('upgrades')}
            </th>
            <th rowSpan={2} className="num">
              {t('overLevel')}
            </th>
          </tr>
          <tr>
            {[0, 1].flatMap((n) =>
              (['met', 'breached', 'running', 'onTimeRate'] as const).map((w) => (
                <th key={`${n}${w}`} className="num">
                  {t(w)}
                </th>
              )),
            )}
          </tr>
        </thead>
        <tbody>
          {data.items.map((i) => (
            <tr key={`${i.departmentId ?? ''}${i.hallId ?? ''}`}>
              <td>{label(i)}</td>
              <td className="num">{i.complaintsReceived}</td>
              <Tally tally={i.firstResponse} />
              <Tally tally={i.resolution} />
              <td className="num">{i.upgrades}</td>
              <td className="num">{i.overLevel}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th>{t('total')}</th>
            <th className="num">{sum((i) => i.complaintsReceived)}</th>
            {(['firstResponse', 'resolution'] as const).map((clock) => {
              const met = sum((i) => i[clock].met);
              const breached = sum((i) => i[clock].breached);
              return (
                <Tally
                  key={clock}
                  tally={{
                    met,
                    breached,
                    running: sum((i) => i[clock].running),
                    onTimeRate: met + breached ? met / (met + breached) : null,
                  }}
                />
              );
            })}
            <th className="num">{sum((i) => i.upgrades)}</th>
            <th className="num">{sum((i) => i.overLevel)}</th>
          </tr>
        </tfoot>
      </table>
      <h2>{t('ratesChart')}</h2>
      <Chart option={option} height={280} label={t('ratesChart')} />
    </>
  );
}

function Tally({
  tally,
}: {
  tally: { met: number; breached: number; running: number; onTimeRate: number | null };
}) {
  return (
    <>
      <td className="num">{tally.met}</td>
      <td className={`num ${tally.breached > 0 ? 'bad' : ''}`}>{tally.breached}</td>
      <td className="num">{tally.running}</td>
      <td className="num">{percent(tally.onTimeRate)}</td>
    </>
  );
}

const rate = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 10);

function TrendChart({
  items,
}: {
  items: {
    period: string;
    complaintsReceived: number;
    firstResponse: { onTimeRate: number | null };
    resolution: { onTimeRate: number | null };
  }[];
}) {
  const t = useT();
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 50, right: 50, top: 36, bottom: 30 },
      legend: { top: 0 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: items.map((i) => i.period) },
      yAxis: [
        { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
        { type: 'value', name: t('received'), splitLine: { show: false } },
      ],
      series: [
        {
          name: t('received'),
          type: 'bar',
          yAxisIndex: 1,
          data: items.map((i) => i.complaintsReceived),
          itemStyle: { color: '#cfd8dc' },
        },
        {
          name: `${t('firstResponse')}${t('onTimeRate')}`,
          type: 'line',
          connectNulls: true,
          data: items.map((i) => rate(i.firstResponse.onTimeRate)),
          itemStyle: { color: '#1565c0' },
        },
        {
          name: `${t('resolution')}${t('onTimeRate')}`,
          type: 'line',
          connectNulls: true,
          data: items.map((i) => rate(i.resolution.onTimeRate)),
          itemStyle: { color: '#2e7d32' },
        },
      ],
    }),
    [items, t],
  );
  return <Chart option={option} height={260} label={t('trend12')} />;
}
