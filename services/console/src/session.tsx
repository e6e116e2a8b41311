import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type FormEvent, type ReactNode, useContext, useEffect, useState } from 'react';
import { ApiProblem, api, read, whenUnauthorized } from './api.ts';
import { syncClock } from './format.ts';
import { useLang, useT } from './i18n.tsx';

export type Session = Awaited<ReturnType<typeof fetchSession>>;
export type Role = Session['role'];

const fetchSession = async () => {
  const session = await read(api.GET('/v1/session'));
  syncClock(session.serverTime);
  return session;
};

const SessionContext = createContext<{ session: Session; signOut: () => Promise<void> } | null>(null);

/** The signed-in key (name, role, departments); the sign-in page until there is one. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const queries = useQueryClient();
  const [ended, setEnded] = useState(false);
  const query = useQuery({
    queryKey: ['session'],
    queryFn: fetchSession,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  useEffect(() => {
    whenUnauthorized(() => {
      // Only a session that was there can have ended (not the first visit's 401).
      if (queries.getQueryData(['session'])) setEnded(true);
      queries.setQueryData(['session'], null);
    });
  }, [queries]);
  if (query.isPending) return null;
  const session = query.data;
  if (!session) {
    return (
      <SignIn
        ended={ended}
        onSignedIn={(signedIn) => {
          setEnded(false);
          forgetAllBut(queries, 'session');
          queries.setQueryData(['session'], signedIn);
        }}
      />
    );
  }
  const signOut = async () => {
    await api.DELETE('/v1/session');
    forgetAllBut(queries, 'session');
    queries.setQueryData(['session'], null);
  };
  return <SessionContext.Provider value={{ session, signOut }}>{children}</SessionContext.Provider>;
}

/** What another key read must not show to this one (the session query itself stays observed). */
function forgetAllBut(queries: ReturnType<typeof useQueryClient>, keep: string): void {
  queries.removeQueries({ predicate: (query) => query.queryKey[0] !== keep });
}

export function useSession() {
  const context = useContext(SessionContext);
  if (!context) throw new Error('useSession outside SessionProvider');
  return context;
}

/** What a role may open (API.md roles; admin may do everything). */
export function may(
  role: Role,
  page: 'board' | 'report' | 'ledger' | 'monthEnd' | 'people' | 'admin',
): boolean {
  if (role === 'admin') return true;
  switch (page) {
    case 'board':
      return role === 'manager';
    case 'report':
    case 'people':
      return role === 'manager' || role === 'finance';
    case 'ledger':
    case 'monthEnd':
      return role === 'finance';
    default:
      return false;
  }
}

function SignIn({ ended, onSignedIn }: { ended: boolean; onSignedIn: (session: Session) => void }) {
  const t = useT();
  const { lang, setLang } = useLang();
  const [key, setKey] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const session = await read(api.POST('/v1/session', { body: { key } }));
      syncClock(session.serverTime);
      onSignedIn(session);
    } catch (error) {
      setProblem(error instanceof ApiProblem ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="sign-in" id="main">
      <form className="card sign-in-card" onSubmit={submit}>
        <div className="sign-in-head">
          <h1>{t('appName')}</h1>
          <button type="button" className="link" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
            {t('language')}
          </button>
        </div>
        <h2>{t('signInTitle')}</h2>
        {ended && <p className="notice">{t('sessionEnded')}</p>}
        <label>
          {t('personalKey')}
          <input
            type="password"
            name="key"
            autoComplete="off"
            required
            // biome-ignore lint/a11y/noAutofocus: the sign-in page has one field, and typing the key is all there is to do
            autoFocus
            value={key}
            onChange={(e) => setKey(e.target.value)}
            placeholder="cse_…"
          />
        </label>
        {problem && (
          <p className="problem" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy || key.trim() === ''}>
          {t('signIn')}
        </button>
        <p className="help">{t('signInHelp')}</p>
      </form>
    </main>
  );
}
