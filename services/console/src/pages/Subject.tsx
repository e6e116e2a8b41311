import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Link } from 'wouter';
import { ApiProblem, api, read } from '../api.ts';
import { Chart, type ChartOption, echarts } from '../components/chart.tsx';
import { Empty, Loaded } from '../components/ui.tsx';
import { serverNow, timeLeft, when, yuan } from '../format.ts';
import { type T, useLang, useT, wordOr } from '../i18n.tsx';
import { useLabels } from '../labels.ts';

const kinds = ['complaint', 'fault', 'callback', 'finding'] as const;
type Kind = (typeof kinds)[number];

async function fetchSubject(kind: Kind, id: string) {
  const path = `/v1/${kind}s/{id}` as '/v1/complaints/{id}';
  return read(api.GET(path, { params: { path: { id } } }));
}
type SubjectView = Awaited<ReturnType<typeof fetchSubject>>;

/** One work order (issue 13): its state, every event and clock change in order, its fines and reversals, and its deadlines on a time axis. */
export function Subject({ kind, id }: { kind: string; id: string }) {
  const t = useT();
  const known = (kinds as readonly string[]).includes(kind);
  const query = useQuery({
    queryKey: ['subject', kind, id],
    queryFn: () => fetchSubject(kind as Kind, id),
    enabled: known,
    refetchInterval: 30_000,
  });
  if (!known || (query.error instanceof ApiProblem && query.error.status === 404)) {
    return <p className="notice">{t('subjectNotFound')}</p>;
  }
  return (
    <section className="page">
      <Loaded query={query}>{(subject) => <SubjectBody kind={kind as Kind} subject={subject} />}</Loaded>
    </section>
  );
}

function SubjectBody({ kind, subject }: { kind: Kind; subject: SubjectView }) {
  const t = useT();
  const { lang } = useLang();
  const labels = useLabels();
  const now = serverNow();
  return (
    <>
      <div className="page-head">
        <h1>
          {wordOr(t, 'kind_', kind)} <span className="wo">{subject.id}</span>
        </h1>
        <span className="tag">{wordOr(t, 'status_', subject.status)}</span>
        {subject.upgraded && <span className="tag warn">{t('upgraded')}</span>}
      </div>
      {subject.summary && <p className="lead">{subject.summary}</p>}
      <dl className="facts">
        <Fact
          label={t('department')}
          value={subject.departmentName ?? `${subject.departmentId} ${t('unknownDepartment')}`}
        />
        {subject.hallId && <Fact label={t('hall')} value={subject.hallName ?? subject.hallId} />}
        {subject.responsibility && (
          <Fact label={t('responsibility')} value={wordOr(t, 'responsibility_', subject.responsibility)} />
        )}
        {subject.assessment && (
          <Fact label={t('assessment')} value={wordOr(t, 'assessment_', subject.assessment)} />
        )}
        {subject.slaType && <Fact label={t('slaType')} value={wordOr(t, 'sla_', subject.slaType)} />}
        {subject.kind && (
          <Fact
            label={t('kind')}
            value={kind === 'fault' ? labels.faultKind(subject.kind) : labels.callbackKind(subject.kind)}
          />
        )}
        {subject.rule && <Fact label={t('rule')} value={labels.rule(subject.rule, subject.policyVersion)} />}
        {subject.personId && (
          <Fact
            label={t('person')}
            value={
              <Link href={`/people/${encodeURIComponent(subject.personId)}`}>
                {subject.personName ?? subject.personId}
              </Link>
            }
          />
        )}
        {subject.rankInYear != null && (
          <Fact label={t('year')} value={t('rank', { n: subject.rankInYear })} />
        )}
        <Fact label={t('policyVersion')} value={<code>{subject.policyVersion}</code>} />
        {subject.upgrade && (
          <Fact
            label={t('upgraded')}
            value={t('upgradedAt', {
              at: when(subject.upgrade.at, lang),
              reason: wordOr(t, 'reason_', subject.upgrade.reason),
            })}
          />
        )}
      </dl>

      {subject.clocks.length > 0 && (
        <>
          <h2>{t('clock')}</h2>
          <table className="table">
            <thead>
              <tr>
                <th>{t('clock')}</th>
                <th>{t('status')}</th>
                <th>{t('deadline')}</th>
                <th>{t('timeLeft')}</th>
              </tr>
            </thead>
            <tbody>
              {subject.clocks.map((c) => (
                <tr key={c.name}>
                  <td>{wordOr(t, 'clock_', c.name)}</td>
                  <td>
                    <span className={`tag state-${c.state}`}>{wordOr(t, 'state_', c.state)}</span>
                  </td>
                  <td>
                    {when(c.deadline, lang)}
                    {c.provisional && (
                      <abbr className="tag provisional" title={t('provisionalHelp')}>
                        {t('provisional')}
                      </abbr>
                    )}
                  </td>
                  <td>
                    {c.stoppedAt
                      ? `${t('clockStopped', { clock: '' })} ${when(c.stoppedAt, lang)}`
                      : c.state === 'running' || c.state === 'breached'
                        ? timeLeft(c.deadline, now, lang).text
                        : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>{t('deadlinesOnAxis')}</h2>
          <DeadlineAxis subject={subject} t={t} lang={lang} />
        </>
      )}

      <div className="two-columns">
        <div>
          <h2>{t('timeline')}</h2>
          <Timeline subject={subject} t={t} lang={lang} rule={labels.rule} />
        </div>
        <div>
          <h2>{t('fines')}</h2>
          <Fines subject={subject} t={t} lang={lang} rule={labels.rule} />
        </div>
      </div>
    </>
  );
}

function Fact({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

interface Moment {
  at: string;
  text: string;
  tone: 'event' | 'clock' | 'bad' | 'warn' | 'money';
  note?: string;
}

/** Every event, every clock change (started, warned, breached, stopped) and every fine, in time order. */
function Timeline({
  subject,
  t,
  lang,
  rule,
}: {
  subject: SubjectView;
  t: T;
  lang: 'zh' | 'en';
  rule: (code: string, policyVersion?: string) => string;
}) {
  const moments: Moment[] = [];
  for (const e of subject.events) {
    moments.push({
      at: e.occurredAt,
      text: wordOr(t, 'event_', e.type),
      tone: 'event',
      note: wordOr(t, 'eventStatus_', e.status),
    });
  }
  for (const c of subject.clocks) {
    const clock = wordOr(t, 'clock_', c.name);
    moments.push({
      at: c.startedAt,
      text: t('clockStarted', { clock, deadline: when(c.deadline, lang) }),
      tone: 'clock',
    });
    if (c.stoppedAt)
      moments.push({
        at: c.stoppedAt,
        text: t(c.state === 'cancelled' ? 'clockCancelled' : 'clockStopped', { clock }),
        tone: 'clock',
      });
  }
  for (const s of subject.signals) {
    const clock = wordOr(t, 'clock_', s.clock);
    if (s.kind === 'warning')
      moments.push({
        at: s.at,
        text: t('clockWarned', { clock, fraction: `${Math.round((s.fraction ?? 0) * 100)}%` }),
        tone: 'warn',
      });
    else if (s.kind === 'breach')
      moments.push({ at: s.at, text: t('clockBreached', { clock }), tone: 'bad' });
    else
      moments.push({
        at: s.at,
        text: `${wordOr(t, 'signal_', s.kind)}${s.detail ? `: ${wordOr(t, 'reason_', s.detail)}` : ''}`,
        tone: 'warn',
      });
  }
  for (const f of subject.fines) {
    moments.push({
      at: f.postedAt,
      text: t('fineEvent', { rule: rule(f.rule, f.policyVersion), amount: yuan(f.amountFen) }),
      tone: 'money',
      note: f.reversalOf ? t('reversalOf', { id: f.reversalOf }) : `#${f.id}`,
    });
  }
  moments.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return (
    <ol className="timeline">
      {moments.map((m) => (
        <li key={`${m.at}|${m.tone}|${m.text}|${m.note ?? ''}`} className={`moment ${m.tone}`}>
          <time dateTime={m.at}>{when(m.at, lang)}</time>
          <span>{m.text}</span>
          {m.note && <span className="muted"> · {m.note}</span>}
        </li>
      ))}
    </ol>
  );
}

function Fines({
  subject,
  t,
  lang,
  rule,
}: {
  subject: SubjectView;
  t: T;
  lang: 'zh' | 'en';
  rule: (code: string, policyVersion?: string) => string;
}) {
  if (subject.fines.length === 0) return <Empty>{t('noFines')}</Empty>;
  const reversed = new Set(subject.fines.flatMap((f) => (f.reversalOf ? [f.reversalOf] : [])));
  const total = subject.fines.reduce((sum, f) => sum + f.amountFen, 0);
  return (
    <table className="table">
      <thead>
        <tr>
          <th>#</th>
          <th>{t('rule')}</th>
          <th>{t('person')}</th>
          <th className="num">{t('amountYuan')}</th>
          <th>{t('period')}</th>
        </tr>
      </thead>
      <tbody>
        {subject.fines.map((f) => (
          <tr key={f.id} className={f.reversalOf ? 'reversal' : reversed.has(f.id) ? 'struck' : ''}>
            <td>{f.id}</td>
            <td>
              {rule(f.rule, f.policyVersion)}
              {f.reversalOf && <span className="tag"> {t('reversalOf', { id: f.reversalOf })}</span>}
              {reversed.has(f.id) && <span className="tag"> {t('reversed')}</span>}
            </td>
            <td>
              {f.personRole
                ? `${f.personName ?? f.personId ?? t('notNamed')} (${wordOr(t, 'role_person_', f.personRole)})`
                : '—'}
            </td>
            <td className="num">{yuan(f.amountFen)}</td>
            <td>
              {f.period}
              {f.originPeriod !== f.period && <span className="muted"> ← {f.originPeriod}</span>}
              <div className="muted small">{when(f.postedAt, lang)}</div>
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th colSpan={3}>{t('total')}</th>
          <th className="num">{yuan(total)}</th>
          <th />
        </tr>
      </tfoot>
    </table>
  );
}

/** Each clock from its start to its deadline, where it stopped, and now. */
function DeadlineAxis({ subject, t, lang }: { subject: SubjectView; t: T; lang: 'zh' | 'en' }) {
  const option = useMemo<ChartOption>(() => {
    const names = subject.clocks.map((c) => wordOr(t, 'clock_', c.name));
    const colour = (state: string) =>
      state === 'breached'
        ? '#c0392b'
        : state === 'met'
          ? '#2e7d32'
          : state === 'cancelled'
            ? '#9e9e9e'
            : '#e6a23c';
    const format = (ms: number) => when(new Date(ms).toISOString(), lang);
    return {
      grid: { left: 110, right: 30, top: 30, bottom: 40 },
      tooltip: { formatter: (p: { data: { tip: string } }) => p.data.tip },
      xAxis: {
        type: 'time',
        axisLabel: {
          formatter: (ms: number) => format(ms).slice(lang === 'zh' ? 5 : 0, lang === 'zh' ? 16 : 11),
        },
      },
      yAxis: { type: 'category', data: names, inverse: true },
      series: [
        {
          type: 'custom',
          renderItem: (
            params: { coordSys: { x: number; y: number; width: number; height: number } },
            api: {
              value: (i: number) => number;
              coord: (v: number[]) => number[];
              size: (v: number[]) => number[];
              style: () => object;
            },
          ) => {
            const row = api.value(0);
            const start = api.coord([api.value(1), row]);
            const end = api.coord([api.value(2), row]);
            const height = api.size([0, 1])[1]! * 0.45;
            const shape = echarts.graphic.clipRectByRect(
              { x: start[0]!, y: start[1]! - height / 2, width: end[0]! - start[0]!, height },
              params.coordSys,
            );
            const stopped = api.value(3);
            const tick = stopped ? api.coord([stopped, row]) : null;
            return {
              type: 'group',
              children: [
                shape && { type: 'rect', shape, style: api.style() },
                tick && {
                  type: 'rect',
                  shape: { x: tick[0]! - 2, y: tick[1]! - height, width: 4, height: height * 2 },
                  style: { fill: '#263238' },
                },
              ].filter(Boolean),
            };
          },
          encode: { x: [1, 2], y: 0 },
          data: subject.clocks.map((c, i) => ({
            value: [
              i,
              Date.parse(c.startedAt),
              Date.parse(c.deadline),
              c.stoppedAt ? Date.parse(c.stoppedAt) : 0,
            ],
            itemStyle: { color: colour(c.state), opacity: 0.75 },
            tip: `${names[i]}: ${format(Date.parse(c.startedAt))} → ${format(Date.parse(c.deadline))}${c.stoppedAt ? ` · ${t('clockStopped', { clock: '' })} ${format(Date.parse(c.stoppedAt))}` : ''}`,
          })),
          markLine: {
            symbol: 'none',
            label: { formatter: lang === 'zh' ? '现在' : 'now', position: 'end' },
            lineStyle: { color: '#1565c0', type: 'dashed' },
            data: [{ xAxis: serverNow() }],
          },
        },
      ],
    };
  }, [subject, t, lang]);
  return <Chart option={option} height={60 + subject.clocks.length * 44} label={t('deadlinesOnAxis')} />;
}
