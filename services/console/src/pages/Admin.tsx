import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, read } from '../api.ts';
import { Empty, Loaded, Problem } from '../components/ui.tsx';
import { monthOf, serverNow, when } from '../format.ts';
import { useLang, useT, type Word, wordOr } from '../i18n.tsx';
import { useReference } from '../reference.ts';
import { useUrlState } from '../url-state.ts';

const tabs = ['names', 'keys', 'calendars', 'webhooks'] as const;

/** Administration (issue 13): names of departments, halls and people; keys; calendars; webhooks. */
export function Admin() {
  const t = useT();
  const [state, set] = useUrlState({ tab: 'names' });
  return (
    <section className="page">
      <div className="page-head">
        <h1>{t('admin_title')}</h1>
      </div>
      <div className="tabs" role="tablist">
        {tabs.map((tab) => (
          <button
            key={tab}
            type="button"
            role="tab"
            aria-selected={state.tab === tab}
            onClick={() => set({ tab })}
          >
            {t(`tab_${tab}` as Word)}
          </button>
        ))}
      </div>
      <div role="tabpanel">
        {state.tab === 'names' && <Names />}
        {state.tab === 'keys' && <Keys />}
        {state.tab === 'calendars' && <Calendars />}
        {state.tab === 'webhooks' && <Webhooks />}
      </div>
    </section>
  );
}

/** A small form whose submit calls the API and refreshes what it changed. */
function useSave<B>(call: (body: B) => Promise<unknown>, refresh: string[]) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => {
      for (const key of refresh) void queries.invalidateQueries({ queryKey: [key] });
    },
  });
}

function Names() {
  const t = useT();
  const departments = useQuery({
    queryKey: ['departments'],
    queryFn: () => read(api.GET('/v1/departments', { params: { query: {} } })),
  });
  const unknown = useQuery({
    queryKey: ['departments', 'unknown'],
    queryFn: () => read(api.GET('/v1/departments', { params: { query: { unknown: 'true' } } })),
  });
  const halls = useQuery({ queryKey: ['halls'], queryFn: () => read(api.GET('/v1/halls')) });
  const people = useQuery({ queryKey: ['people'], queryFn: () => read(api.GET('/v1/people')) });
  const personLabel = (id: string | null) => {
    if (!id) return '—';
    const name = people.data?.items.find((p) => p.id === id)?.name;
    return name ? `${name} (${id})` : id;
  };
  const saveDepartment = useSave(
    (b: { id: string; name: string; managerId: string }) =>
      read(
        api.PUT('/v1/departments/{id}', {
          params: { path: { id: b.id } },
          body: { name: b.name, managerId: b.managerId || null },
        }),
      ),
    ['departments', 'people'],
  );
  const saveHall = useSave(
    (b: { id: string; departmentId: string; name: string; headId: string }) =>
      read(
        api.PUT('/v1/halls/{id}', {
          params: { path: { id: b.id } },
          body: { departmentId: b.departmentId, name: b.name, headId: b.headId || null },
        }),
      ),
    ['halls', 'people'],
  );
  const savePerson = useSave(
    (b: { id: string; name: string }) =>
      read(
        api.PUT('/v1/people/{personId}', { params: { path: { personId: b.id } }, body: { name: b.name } }),
      ),
    ['people'],
  );
  return (
    <div className="admin-grid">
      <div>
        <h2>{t('department')}</h2>
        <Loaded query={departments}>
          {(d) => (
            <table className="table compact">
              <thead>
                <tr>
                  <th>{t('id')}</th>
                  <th>{t('title')}</th>
                  <th>{t('managerId')}</th>
                </tr>
              </thead>
              <tbody>
                {d.items.flatMap((row) =>
                  'known' in row
                    ? []
                    : [
                        <tr key={row.id}>
                          <td>{row.id}</td>
                          <td>{row.name}</td>
                          <td>{personLabel(row.managerId)}</td>
                        </tr>,
                      ],
                )}
              </tbody>
            </table>
          )}
        </Loaded>
        <Loaded query={unknown}>
          {(u) =>
            u.items.length > 0 && (
              <p className="notice">
                {t('unknownDepartments')}: {u.items.map((i) => i.id).join('、')}
              </p>
            )
          }
        </Loaded>
        <RowForm
          fields={[
            ['id', t('id')],
            ['name', t('title')],
            ['managerId', t('managerId')],
          ]}
          required={['id', 'name']}
          mutation={saveDepartment}
          label={`${t('add')} / ${t('edit')} ${t('department')}`}
        />
      </div>
      <div>
        <h2>{t('hall')}</h2>
        <Loaded query={halls}>
          {(h) => (
            <table className="table compact">
              <thead>
                <tr>
                  <th>{t('id')}</th>
                  <th>{t('title')}</th>
                  <th>{t('department')}</th>
                  <th>{t('headId')}</th>
                </tr>
              </thead>
              <tbody>
                {h.items.map((row) => (
                  <tr key={row.id}>
                    <td>{row.id}</td>
                    <td>{row.name}</td>
                    <td>{row.departmentId}</td>
                    <td>{personLabel(row.headId)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Loaded>
        <RowForm
          fields={[
            ['id', t('id')],
            ['name', t('title')],
            ['departmentId', t('department')],
            ['headId', t('headId')],
          ]}
          required={['id', 'name', 'departmentId']}
          mutation={saveHall}
          label={`${t('add')} / ${t('edit')} ${t('hall')}`}
        />
      </div>
      <div>
        <h2>{t('people_title')}</h2>
        <Loaded query={people}>
          {(p) => (
            <table className="table compact">
              <thead>
                <tr>
                  <th>{t('staffNumber')}</th>
                  <th>{t('name')}</th>
                  <th>{t('roles')}</th>
                </tr>
              </thead>
              <tbody>
                {p.items.map((row) => (
                  <tr key={row.id}>
                    <td>{row.id}</td>
                    <td>{row.name ?? <span className="muted">{t('notNamed')}</span>}</td>
                    <td>{row.roles.map((r) => wordOr(t, 'role_person_', r)).join('、')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Loaded>
        <RowForm
          fields={[
            ['id', t('staffNumber')],
            ['name', t('name')],
          ]}
          required={['id', 'name']}
          mutation={savePerson}
          label={`${t('add')} / ${t('edit')} ${t('name')}`}
        />
      </div>
    </div>
  );
}

function RowForm<K extends string>({
  fields,
  required,
  mutation,
  label,
}: {
  fields: [K, string][];
  required: K[];
  mutation: ReturnType<typeof useSave<Record<K, string>>>;
  label: string;
}) {
  const t = useT();
  const blank = Object.fromEntries(fields.map(([k]) => [k, ''])) as Record<K, string>;
  const [values, setValues] = useState(blank);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    mutation.mutate(values, { onSuccess: () => setValues(blank) });
  };
  return (
    <form className="row-form" onSubmit={submit} aria-label={label}>
      {fields.map(([key, text]) => (
        <label key={key} className="field small">
          <span>{text}</span>
          <input
            value={values[key]}
            required={required.includes(key)}
            onChange={(e) => setValues({ ...values, [key]: e.target.value })}
          />
        </label>
      ))}
      <button type="submit" disabled={mutation.isPending}>
        {t('save')}
      </button>
      {mutation.isSuccess && <span className="muted">{t('saved')}</span>}
      {mutation.isError && <Problem error={mutation.error} />}
    </form>
  );
}

function Keys() {
  const t = useT();
  const { lang } = useLang();
  const queries = useQueryClient();
  const keys = useQuery({ queryKey: ['keys'], queryFn: () => read(api.GET('/v1/keys')) });
  const reference = useReference();
  const [form, setForm] = useState({ name: '', role: 'manager', departments: '' });
  const issue = useMutation({
    mutationFn: () =>
      read(
        api.POST('/v1/keys', {
          body: {
            name: form.name,
            role: form.role as 'manager',
            departments: form.departments.trim() ? form.departments.split(/[,，\s]+/).filter(Boolean) : null,
          },
        }),
      ),
    onSuccess: () => {
      setForm({ name: '', role: 'manager', departments: '' });
      void queries.invalidateQueries({ queryKey: ['keys'] });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => read(api.DELETE('/v1/keys/{id}', { params: { path: { id } } })),
    onSuccess: () => void queries.invalidateQueries({ queryKey: ['keys'] }),
  });
  return (
    <>
      <form
        className="row-form"
        onSubmit={(e) => {
          e.preventDefault();
          issue.mutate();
        }}
      >
        <label className="field">
          <span>{t('keyName')}</span>
          <input required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('keyRole')}</span>
          <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value })}>
            {(['manager', 'finance', 'admin', 'ingest'] as const).map((r) => (
              <option key={r} value={r}>
                {t(`role_${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field grow">
          <span>{t('keyDepartments')}</span>
          <input
            value={form.departments}
            onChange={(e) => setForm({ ...form, departments: e.target.value })}
            placeholder="D-NORTH, D-EAST"
          />
        </label>
        <button type="submit" className="primary" disabled={issue.isPending}>
          {t('issueKey')}
        </button>
      </form>
      {issue.isSuccess && (
        <p className="notice" role="status">
          {t('keyShownOnce')} <code className="secret">{issue.data.key}</code>
        </p>
      )}
      {issue.isError && <Problem error={issue.error} />}
      {revoke.isError && <Problem error={revoke.error} />}
      <Loaded query={keys}>
        {(k) => (
          <table className="table">
            <thead>
              <tr>
                <th>{t('keyName')}</th>
                <th>{t('keyRole')}</th>
                <th>{t('department')}</th>
                <th>{t('keyPrefix')}</th>
                <th>{t('createdAt')}</th>
                <th>{t('status')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {k.items.map((key) => (
                <tr key={key.id} className={key.revokedAt ? 'struck' : ''}>
                  <td>{key.name}</td>
                  <td>{t(`role_${key.role}`)}</td>
                  <td>
                    {key.departments?.map((d) => reference.departmentName(d)).join('、') ??
                      t('allDepartments')}
                  </td>
                  <td>
                    <code>cse_{key.prefix}_…</code>
                  </td>
                  <td>{when(key.createdAt, lang)}</td>
                  <td>{key.revokedAt ? `${t('revokedAt')} ${when(key.revokedAt, lang)}` : t('active')}</td>
                  <td>
                    {!key.revokedAt && (
                      <button
                        type="button"
                        className="danger small"
                        onClick={() =>
                          window.confirm(t('revokeConfirm', { name: key.name })) && revoke.mutate(key.id)
                        }
                      >
                        {t('revoke')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Loaded>
    </>
  );
}

function Calendars() {
  const t = useT();
  const { lang } = useLang();
  const calendars = useQuery({ queryKey: ['calendars'], queryFn: () => read(api.GET('/v1/calendars')) });
  const [form, setForm] = useState({
    calendarId: 'cn-mainland',
    year: String(Number(monthOf(new Date(serverNow())).slice(0, 4)) + 1),
    json: '',
  });
  const store = useSave(() => {
    let body: unknown;
    try {
      body = JSON.parse(form.json);
    } catch {
      return Promise.reject(new Error('JSON'));
    }
    return read(
      api.PUT('/v1/calendars/{calendarId}/years/{year}', {
        params: { path: { calendarId: form.calendarId, year: form.year } },
        body: body as never,
      }),
    );
  }, ['calendars']);
  return (
    <>
      <Loaded query={calendars}>
        {(c) =>
          c.items.length === 0 ? (
            <Empty>{t('noData')}</Empty>
          ) : (
            c.items.map((calendar) => (
              <div key={calendar.id}>
                <h2>
                  {calendar.name} <span className="muted">({calendar.id})</span>
                </h2>
                <p className={calendar.officialDaysLeft < 60 ? 'notice' : 'muted'}>
                  {t('officialDaysLeft', { n: calendar.officialDaysLeft })}
                </p>
                <table className="table compact">
                  <thead>
                    <tr>
                      <th>{t('year')}</th>
                      <th>{t('status')}</th>
                      <th>{t('source')}</th>
                      <th>{t('createdAt')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {calendar.years.map((y) => (
                      <tr key={y.year}>
                        <td>{y.year}</td>
                        <td>
                          <span className={`tag ${y.status === 'provisional' ? 'provisional' : ''}`}>
                            {y.status === 'official' ? t('official') : t('provisional')}
                          </span>
                        </td>
                        <td>{y.source}</td>
                        <td>{y.storedAt ? `${when(y.storedAt, lang)} · ${y.storedBy}` : '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ))
          )
        }
      </Loaded>
      <h2>{t('importYear')}</h2>
      <form
        className="stack-form"
        onSubmit={(e) => {
          e.preventDefault();
          store.mutate(undefined as never);
        }}
      >
        <div className="row-form">
          <label className="field small">
            <span>{t('id')}</span>
            <input
              value={form.calendarId}
              onChange={(e) => setForm({ ...form, calendarId: e.target.value })}
            />
          </label>
          <label className="field small">
            <span>{t('year')}</span>
            <input
              value={form.year}
              onChange={(e) => setForm({ ...form, year: e.target.value })}
              pattern="\d{4}"
            />
          </label>
        </div>
        <label className="field">
          <span>{t('importHelp')}</span>
          <textarea rows={5} value={form.json} onChange={(e) => setForm({ ...form, json: e.target.value })} />
        </label>
        <button type="submit" disabled={store.isPending || form.json.trim() === ''}>
          {t('save')}
        </button>
        {store.isSuccess && (
          <p className="notice">
            {t('reevaluating', { n: (store.data as { reevaluating: number }).reevaluating })}
          </p>
        )}
        {store.isError && <Problem error={store.error} />}
      </form>
    </>
  );
}

const signalKinds = [
  'warning',
  'breach',
  'upgrade',
  'over_level',
  'suspension',
  'calendar.expiring',
] as const;

const webhookFormats = ['standard', 'dingtalk', 'wecom'] as const;
type WebhookFormat = (typeof webhookFormats)[number];

function Webhooks() {
  const t = useT();
  const { lang } = useLang();
  const hooks = useQuery({ queryKey: ['webhooks'], queryFn: () => read(api.GET('/v1/webhooks')) });
  const blank = { url: '', format: 'standard' as WebhookFormat, secret: '', kinds: [] as string[] };
  const [form, setForm] = useState(blank);
  const create = useSave(
    () =>
      read(
        api.POST('/v1/webhooks', {
          body: {
            url: form.url,
            format: form.format,
            // Standard: none given, the engine generates one; WeCom robots take none.
            ...(form.secret && form.format !== 'wecom' ? { secret: form.secret } : {}),
            kinds: form.kinds as never,
          },
        }),
      ),
    ['webhooks'],
  );
  const remove = useSave(
    (id: string) => read(api.DELETE('/v1/webhooks/{id}', { params: { path: { id } } })),
    ['webhooks'],
  );
  return (
    <>
      <Loaded query={hooks}>
        {(h) =>
          h.items.length === 0 ? (
            <Empty>{t('noData')}</Empty>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th>{t('webhookUrl')}</th>
                  <th>{t('webhookFormat')}</th>
                  <th>{t('kind')}</th>
                  <th>{t('createdAt')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {h.items.map((w) => (
                  <tr key={w.id}>
                    <td>
                      <code>{w.url}</code>
                    </td>
                    <td>{t(`webhookFormat_${w.format}`)}</td>
                    <td>
                      {w.kinds.length ? w.kinds.map((k) => wordOr(t, 'signal_', k)).join('、') : t('any')}
                    </td>
                    <td>{when(w.createdAt, lang)}</td>
                    <td>
                      <button type="button" className="danger small" onClick={() => remove.mutate(w.id)}>
                        {t('remove')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loaded>
      <form
        className="stack-form"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(undefined as never, { onSuccess: () => setForm(blank) });
        }}
      >
        <div className="row-form">
          <label className="field grow">
            <span>{t('webhookUrl')}</span>
            <input
              type="url"
              required
              value={form.url}
              onChange={(e) => setForm({ ...form, url: e.target.value })}
              placeholder="https://"
            />
          </label>
          <label className="field">
            <span>{t('webhookFormat')}</span>
            <select
              value={form.format}
              onChange={(e) => setForm({ ...form, format: e.target.value as WebhookFormat })}
            >
              {webhookFormats.map((f) => (
                <option key={f} value={f}>
                  {t(`webhookFormat_${f}`)}
                </option>
              ))}
            </select>
          </label>
          {form.format !== 'wecom' && (
            <label className="field">
              <span>{t(form.format === 'dingtalk' ? 'webhookSecretDingTalk' : 'webhookSecret')}</span>
              <input
                required={form.format === 'dingtalk'}
                minLength={16}
                value={form.secret}
                onChange={(e) => setForm({ ...form, secret: e.target.value })}
              />
            </label>
          )}
        </div>
        <fieldset className="checks">
          <legend>{t('webhookKinds')}</legend>
          {signalKinds.map((k) => (
            <label key={k}>
              <input
                type="checkbox"
                checked={form.kinds.includes(k)}
                onChange={(e) =>
                  setForm({
                    ...form,
                    kinds: e.target.checked ? [...form.kinds, k] : form.kinds.filter((x) => x !== k),
                  })
                }
              />
              {wordOr(t, 'signal_', k)}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={create.isPending}>
          {t('add')}
        </button>
        {create.isError && <Problem error={create.error} />}
        {create.isSuccess && (create.data as { secret?: string }).secret && (
          <p className="notice" role="status">
            {t('webhookSecretShownOnce')}{' '}
            <code className="secret">{(create.data as { secret?: string }).secret}</code>
          </p>
        )}
      </form>
    </>
  );
}
