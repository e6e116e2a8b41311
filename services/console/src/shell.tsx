import { Link, Redirect, Route, Switch, useLocation } from 'wouter';
import { useLang, useT, type Word } from './i18n.tsx';
import { Admin } from './pages/Admin.tsx';
import { Board } from './pages/Board.tsx';
import { Ledger } from './pages/Ledger.tsx';
import { MonthEnd } from './pages/MonthEnd.tsx';
import { People, Person } from './pages/People.tsx';
import { Report } from './pages/Report.tsx';
import { Subject } from './pages/Subject.tsx';
import { may, useSession } from './session.tsx';

const pages = [
  { path: '/board', word: 'nav_board', page: 'board' },
  { path: '/report', word: 'nav_report', page: 'report' },
  { path: '/ledger', word: 'nav_ledger', page: 'ledger' },
  { path: '/month-end', word: 'nav_monthEnd', page: 'monthEnd' },
  { path: '/people', word: 'nav_people', page: 'people' },
  { path: '/admin', word: 'nav_admin', page: 'admin' },
] as const satisfies readonly { path: string; word: Word; page: Parameters<typeof may>[1] }[];

/** The frame of every page: the navigation the key's role may use, who is signed in, the language. */
export function Shell() {
  const t = useT();
  const { lang, setLang } = useLang();
  const { session, signOut } = useSession();
  const [location] = useLocation();
  const allowed = pages.filter((p) => may(session.role, p.page));
  const home = allowed[0]?.path ?? '/people';
  const scope = session.departments
    ? session.departments.map((d) => d.name ?? d.id).join('、')
    : t('allDepartments');
  return (
    <div className="shell">
      <a className="skip" href="#main">
        {t('skipToContent')}
      </a>
      <header className="top">
        <span className="brand">{t('appName')}</span>
        <nav aria-label={t('appName')}>
          {allowed.map((p) => (
            <Link key={p.path} href={p.path} className={location.startsWith(p.path) ? 'active' : ''}>
              {t(p.word)}
            </Link>
          ))}
        </nav>
        <div className="who">
          <span title={t('scopeOf')}>
            {session.name} · {t(`role_${session.role}` as Word)} · {scope}
          </span>
          <button type="button" className="link" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
            {t('language')}
          </button>
          <button type="button" className="link" onClick={() => void signOut()}>
            {t('signOut')}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Switch>
          <Route path="/">
            <Redirect to={home} replace />
          </Route>
          <Route path="/board">{guard(session.role, 'board', <Board />)}</Route>
          <Route path="/subjects/:kind/:id">
            {(params) => <Subject kind={params.kind} id={decodeURIComponent(params.id)} />}
          </Route>
          <Route path="/report">{guard(session.role, 'report', <Report />)}</Route>
          <Route path="/ledger">{guard(session.role, 'ledger', <Ledger />)}</Route>
          <Route path="/month-end">{guard(session.role, 'monthEnd', <MonthEnd />)}</Route>
          <Route path="/people/:personId">
            {(params) => <Person personId={decodeURIComponent(params.personId)} />}
          </Route>
          <Route path="/people">{guard(session.role, 'people', <People />)}</Route>
          <Route path="/admin">{guard(session.role, 'admin', <Admin />)}</Route>
          <Route>
            <Redirect to={home} replace />
          </Route>
        </Switch>
      </main>
    </div>
  );
}

function guard(
  role: Parameters<typeof may>[0],
  page: Parameters<typeof may>[1],
  element: React.ReactElement,
) {
  return may(role, page) ? element : <Forbidden />;
}

function Forbidden() {
  const t = useT();
  return <p className="notice">{t('forbidden')}</p>;
}
