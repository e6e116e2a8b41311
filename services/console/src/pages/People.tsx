import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Link } from 'wouter';
import { ApiProblem, api, read } from '../api.ts';
import { Empty, Loaded, Stat } from '../components/ui.tsx';
import { monthOf, serverNow, when, yuan } from '../format.ts';
import { useLang, useT, wordOr } from '../i18n.tsx';
import { useLabels } from '../labels.ts';
import { useReference } from '../reference.ts';
import { useUrlState } from '../url-state.ts';

/** The people the key may see: managers, hall heads and staff named in findings and fines. */
export function People() {
  const t = useT();
  const reference = useReference();
  const people = useQuery({ queryKey: ['people'], queryFn: () => read(api.GET('/v1/people')) });
  return (
    <section className="page">
      <div className="page-head">
        <h1>{t('people_title')}</h1>
      </div>
      <Loaded query={people}>
        {(data) =>
          data.items.length === 0 ? (
            <Empty>{t('noData')}</Empty>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th>{t('name')}</th>
                  <th>{t('staffNumber')}</th>
                  <th>{t('department')}</th>
                  <th>{t('roles')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((p) => (
                  <tr key={p.id}>
                    <td>
                      <Link href={`/people/${encodeURIComponent(p.id)}`}>{p.name ?? p.id}</Link>
                    </td>
                    <td>{p.id}</td>
                    <td>{p.departmentIds.map((d) => reference.departmentName(d)).join('、')}</td>
                    <td>{p.roles.map((r) => wordOr(t, 'role_person_', r)).join('、')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loaded>
    </section>
  );
}

/** A person's year (RULES.md 7): findings in order with rank and fine, the year's total, and whether suspended. */
export function Person({ personId }: { personId: string }) {
  const t = useT();
  const { lang } = useLang();
  const labels = useLabels();
  const reference = useReference();
  const [state, set] = useUrlState(useMemo(() => ({ year: monthOf(new Date(serverNow())).slice(0, 4) }), []));
  const person = useQuery({
    queryKey: ['person', personId, state.year],
    queryFn: () =>
      read(
        api.GET('/v1/people/{personId}', {
          params: { path: { personId }, query: { year: Number(state.year) } },
        }),
      ),
  });
  const notFound = person.error instanceof ApiProblem && person.error.status === 404;
  return (
    <section className="page">
      <div className="page-head">
        <h1>{person.data?.name ?? personId}</h1>
        <label className="field">
          <span>{t('year')}</span>
          <input
            type="number"
            min={2000}
            max={2099}
            value={state.year}
            onChange={(e) => set({ year: e.target.value })}
          />
        </label>
      </div>
      {notFound ? (
        <Empty>{t('noFindings')}</Empty>
      ) : (
        <Loaded query={person}>
          {(p) => (
            <>
              <div className="stats">
                <Stat label={t('staffNumber')} value={p.personId} />
                <Stat label={t('fines')} value={`¥ ${yuan(p.totalFen)}`} />
                <Stat
                  label={t('status')}
                  value={
                    p.suspended
                      ? t('suspendedSince', { at: when(p.suspendedSince, lang) })
                      : t('notSuspended')
                  }
                  tone={p.suspended ? 'bad' : 'good'}
                />
              </div>
              <h2>{t('findingsOfYear', { year: p.year })}</h2>
              <table className="table">
                <thead>
                  <tr>
                    <th>{t('workOrder')}</th>
                    <th>{t('rule')}</th>
                    <th>{t('department')}</th>
                    <th>{t('recordedAt')}</th>
                    <th>{t('rankInYear')}</th>
                    <th className="num">{t('amountYuan')}</th>
                  </tr>
                </thead>
                <tbody>
                  {p.findings.map((f) => (
                    <tr key={f.id} className={f.suspends ? 'bad-row' : ''}>
                      <td>
                        <Link href={`/subjects/finding/${encodeURIComponent(f.id)}`}>{f.id}</Link>
                      </td>
                      <td>{labels.rule(f.rule, f.policyVersion)}</td>
                      <td>{reference.departmentName(f.departmentId)}</td>
                      <td>{when(f.recordedAt, lang)}</td>
                      <td>
                        {f.rankInYear != null ? t('rank', { n: f.rankInYear }) : '—'}
                        {f.suspends && <span className="tag bad"> {t('suspended')}</span>}
                      </td>
                      <td className="num">{yuan(f.fineFen)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </Loaded>
      )}
    </section>
  );
}
