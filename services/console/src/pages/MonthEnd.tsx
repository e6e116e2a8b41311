import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { api, read } from '../api.ts';
import { Dialog, Empty, Loaded, Problem } from '../components/ui.tsx';
import { monthOf, previousMonth, serverNow, when, yuan } from '../format.ts';
import { useLang, useT, wordOr } from '../i18n.tsx';
import { useLabels } from '../labels.ts';
import { useReference } from '../reference.ts';
import { useUrlState } from '../url-state.ts';

/** Month end (issue 13): each department's quotas for the month, and closing it after a preview of what the close will post. */
export function MonthEnd() {
  const t = useT();
  const { lang } = useLang();
  const defaults = useMemo(() => ({ period: previousMonth(monthOf(new Date(serverNow()))) }), []);
  const [state, set] = useUrlState(defaults);
  const { period } = state;
  const status = useQuery({
    queryKey: ['period', period],
    queryFn: () => read(api.GET('/v1/periods/{period}', { params: { path: { period } } })),
  });
  const [previewing, setPreviewing] = useState(false);
  return (
    <section className="page">
      <div className="page-head">
        <h1>{t('monthEnd_title')}</h1>
      </div>
      <div className="filters">
        <label className="field">
          <span>{t('period')}</span>
          <input
            type="month"
            value={period}
            onChange={(e) => e.target.value && set({ period: e.target.value })}
          />
        </label>
        <Loaded query={status}>
          {(p) => (
            <div className="period-status">
              <span className={`tag period-${p.status}`}>{wordOr(t, 'periodStatus_', p.status)}</span>
              <span className="muted">
                {p.closedAt
                  ? t('closedAt', { at: when(p.closedAt, lang) })
                  : t('endsAt', { at: when(p.endsAt, lang) })}
              </span>
              {p.status !== 'closed' && (
                <button type="button" className="primary" onClick={() => setPreviewing(true)}>
                  {t('previewClose')}
                </button>
              )}
            </div>
          )}
        </Loaded>
      </div>
      {previewing && <ClosePreview period={period} onClose={() => setPreviewing(false)} />}
      <h2>{t('quotas')}</h2>
      <Quotas period={period} />
    </section>
  );
}

function ClosePreview({ period, onClose }: { period: string; onClose: () => void }) {
  const t = useT();
  const labels = useLabels();
  const queries = useQueryClient();
  const preview = useQuery({
    queryKey: ['close-preview', period],
    queryFn: () => read(api.GET('/v1/periods/{period}/close-preview', { params: { path: { period } } })),
    gcTime: 0,
  });
  const close = useMutation({
    mutationFn: () => read(api.POST('/v1/periods/{period}/close', { params: { path: { period } } })),
    onSuccess: () => void queries.invalidateQueries(),
  });
  return (
    <Dialog title={t('previewTitle', { period })} onClose={onClose}>
      {close.isSuccess ? (
        <>
          <p className="notice" role="status">
            {t('closeDone', { period, n: close.data.entriesPosted })}
          </p>
          <button type="button" onClick={onClose}>
            {t('close')}
          </button>
        </>
      ) : (
        <Loaded query={preview}>
          {(p) => (
            <>
              <p>{t('previewHelp')}</p>
              <p className="muted">{t('faultsAssessed', { n: p.faultsAssessed })}</p>
              {p.entries.length === 0 ? (
                <Empty>{t('previewEmpty')}</Empty>
              ) : (
                <table className="table" data-testid="close-preview">
                  <thead>
                    <tr>
                      <th>{t('rule')}</th>
                      <th>{t('department')}</th>
                      <th>{t('workOrder')}</th>
                      <th className="num">{t('amountYuan')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.entries.map((e) => (
                      <tr
                        key={`${e.subjectId}|${e.rule}|${e.reversalOf ?? ''}|${e.personId ?? e.personRole ?? ''}`}
                        className={e.reversalOf ? 'reversal' : ''}
                      >
                        <td>
                          {labels.rule(e.rule, e.policyVersion)}
                          {e.reversalOf && (
                            <span className="tag"> {t('reversalOf', { id: e.reversalOf })}</span>
                          )}
                        </td>
                        <td>{e.departmentName ?? e.departmentId}</td>
                        <td>{e.subjectId}</td>
                        <td className="num">{yuan(e.amountFen)}</td>
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr>
                      <th colSpan={3}>{t('total')}</th>
                      <th className="num">{yuan(p.totalFen)}</th>
                    </tr>
                  </tfoot>
                </table>
              )}
              {close.isError && <Problem error={close.error} />}
              <div className="actions">
                <button type="button" onClick={onClose}>
                  {t('cancel')}
                </button>
                <button
                  type="button"
                  className="danger"
                  onClick={() => close.mutate()}
                  disabled={close.isPending}
                >
                  {t('confirmClose', { period })}
                </button>
              </div>
            </>
          )}
        </Loaded>
      )}
    </Dialog>
  );
}

function Quotas({ period }: { period: string }) {
  const t = useT();
  const reference = useReference();
  if (reference.departments.length === 0) return <Empty>{t('noData')}</Empty>;
  return (
    <table className="table">
      <thead>
        <tr>
          <th>{t('department')}</th>
          <th>{t('quotas')}</th>
        </tr>
      </thead>
      <tbody>
        {reference.departments.map((d) => (
          <QuotaRow key={d.id} departmentId={d.id} name={d.name} period={period} />
        ))}
      </tbody>
    </table>
  );
}

function QuotaRow({ departmentId, name, period }: { departmentId: string; name: string; period: string }) {
  const t = useT();
  const queries = useQueryClient();
  const key = ['quotas', departmentId, period];
  const quotas = useQuery({
    queryKey: key,
    queryFn: () =>
      read(api.GET('/v1/quotas/{departmentId}/{period}', { params: { path: { departmentId, period } } })),
  });
  const [draft, setDraft] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (body: Record<string, number>) =>
      read(
        api.PUT('/v1/quotas/{departmentId}/{period}', { params: { path: { departmentId, period } }, body }),
      ),
    onSuccess: (answer) => {
      setDraft({});
      queries.setQueryData(key, answer);
      void queries.invalidateQueries({ queryKey: ['totals'] });
    },
  });
  return (
    <tr>
      <td>{name}</td>
      <td>
        <Loaded query={quotas}>
          {(q) => (
            <form
              className="inline-form"
              onSubmit={(e) => {
                e.preventDefault();
                save.mutate(
                  Object.fromEntries(
                    Object.entries(draft)
                      .filter(([, v]) => v !== '')
                      .map(([k, v]) => [k, Number(v)]),
                  ),
                );
              }}
            >
              {q.items.map((item) => (
                <label key={item.assessment} className="field small">
                  <span>
                    {wordOr(t, 'assessment_', item.assessment)} ({wordOr(t, 'quotaSource_', item.source)})
                  </span>
                  <input
                    type="number"
                    min={0}
                    value={draft[item.assessment] ?? (item.quota === null ? '' : String(item.quota))}
                    placeholder={t('quotaUnlimited')}
                    onChange={(e) => setDraft({ ...draft, [item.assessment]: e.target.value })}
                  />
                </label>
              ))}
              <button type="submit" disabled={Object.keys(draft).length === 0 || save.isPending}>
                {t('save')}
              </button>
              {save.isSuccess && (
                <span className="muted">{t('casesRepriced', { n: save.data.casesRepriced })}</span>
              )}
              {save.isError && <Problem error={save.error} />}
            </form>
          )}
        </Loaded>
      </td>
    </tr>
  );
}
