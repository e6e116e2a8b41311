import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'wouter';
import { api, read } from '../api.ts';
import { Choice, Loaded } from '../components/ui.tsx';
import { serverNow, timeLeft, when } from '../format.ts';
import { type T, useLang, useT, wordOr } from '../i18n.tsx';
import { useReference } from '../reference.ts';

/** One clock on the board: at risk or breached, not stopped. */
export interface BoardClock {
  subjectKind: string;
  subjectId: string;
  name: string;
  departmentId: string;
  departmentName: string | null;
  hallId: string | null;
  hallName: string | null;
  summary: string | null;
  slaType: string | null;
  deadline: string;
  provisional: boolean;
  /** Arrived by the stream since the board was loaded. */
  fresh?: boolean;
}

const keyOf = (c: Pick<BoardClock, 'subjectKind' | 'subjectId' | 'name'>) =>
  `${c.subjectKind}/${c.subjectId}/${c.name}`;
const PAGE = 1000;

/** Every open clock in a state, page after page (the board needs them all; 10,000 take 10 pages). */
async function allClocks(
  state: 'at_risk' | 'breached',
  onPage: (soFar: BoardClock[]) => void,
): Promise<BoardClock[]> {
  const clocks: BoardClock[] = [];
  let cursor: string | undefined;
  do {
    const page = await read(
      api.GET('/v1/clocks', {
        params: { query: { state, open: 'true', limit: PAGE, ...(cursor ? { cursor } : {}) } },
      }),
    );
    for (const c of page.items) {
      clocks.push({
        subjectKind: c.subjectKind!,
        subjectId: c.subjectId!,
        name: c.name,
        departmentId: c.departmentId!,
        departmentName: c.departmentName,
        hallId: c.hallId,
        hallName: c.hallName,
        summary: c.summary,
        slaType: c.slaType,
        deadline: c.deadline,
        provisional: c.provisional ?? false,
      });
    }
    cursor = page.nextCursor ?? undefined;
    onPage(clocks);
  } while (cursor);
  return clocks;
}

const union = (lists: readonly BoardClock[][]) => [
  ...new Map(lists.flat().map((c) => [keyOf(c), c])).values(),
];

/** Both lists, page after page; `onProgress` sees what has come so far, so the board draws from the first page on. */
async function boardClocks(onProgress: (clocks: BoardClock[]) => void): Promise<BoardClock[]> {
  const lists: BoardClock[][] = [[], []];
  const progress = (index: number) => (soFar: BoardClock[]) => {
    lists[index] = soFar;
    onProgress(union(lists));
  };
  const all = await Promise.all([allClocks('at_risk', progress(0)), allClocks('breached', progress(1))]);
  return union(all);
}

type Row =
  | { type: 'department'; key: string; label: string; breached: number; atRisk: number }
  | { type: 'hall'; key: string; label: string; count: number }
  | { type: 'clock'; key: string; clock: BoardClock };

/** The live board (issue 13): what is at risk and breached now, grouped by department and hall, kept live by GET /v1/stream. */
export function Board() {
  const t = useT();
  const queries = useQueryClient();
  const [partial, setPartial] = useState<BoardClock[] | null>(null);
  const query = useQuery({ queryKey: ['board'], queryFn: () => boardClocks(setPartial), staleTime: 30_000 });
  const live = useLiveBoard();
  const refresh = () => void queries.invalidateQueries({ queryKey: ['board'] });
  return (
    <section className="page board">
      <div className="page-head">
        <h1>{t('nav_board')}</h1>
        <span className={`live ${live ? 'on' : ''}`} aria-live="polite">
          {live ? t('live') : t('reconnecting')}
        </span>
      </div>
      {!query.data && partial && partial.length > 0 ? (
        <BoardView clocks={partial} loading onRefresh={refresh} />
      ) : (
        <Loaded query={query}>
          {(clocks) => <BoardView clocks={clocks} loading={false} onRefresh={refresh} />}
        </Loaded>
      )}
    </section>
  );
}

/** Subscribes to the stream: a breach goes on the board at once, a restoration takes its clock off, anything else re-reads soon. */
function useLiveBoard(): boolean {
  const queries = useQueryClient();
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    const source = new EventSource('/v1/stream');
    let refresh: number | undefined;
    const refreshSoon = () => {
      window.clearTimeout(refresh);
      refresh = window.setTimeout(() => void queries.invalidateQueries({ queryKey: ['board'] }), 1500);
    };
    // Before the board's first load has ended, a re-read soon brings the change instead.
    const update = (change: (clocks: BoardClock[]) => BoardClock[]) => {
      if (!queries.getQueryData(['board'])) return refreshSoon();
      queries.setQueryData<BoardClock[]>(['board'], (clocks) => (clocks ? change(clocks) : clocks));
    };
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    source.addEventListener('breach', (message) => {
      const e = JSON.parse((message as MessageEvent<string>).data);
      if (!e.clock || !e.deadline) return refreshSoon();
      const clock: BoardClock = {
        subjectKind: e.subjectKind,
        subjectId: e.subjectId,
        name: e.clock,
        departmentId: e.departmentId,
        departmentName: e.departmentName,
        hallId: e.hallId,
        hallName: e.hallName,
        summary: e.summary,
        slaType: e.slaType,
        deadline: e.deadline,
        provisional: e.provisional,
        fresh: true,
      };
      update((clocks) => [...clocks.filter((c) => keyOf(c) !== keyOf(clock)), clock]);
    });
    source.addEventListener('restored', (message) => {
      const e = JSON.parse((message as MessageEvent<string>).data);
      update((clocks) =>
        clocks.filter(
          (c) => keyOf(c) !== keyOf({ subjectKind: e.subjectKind, subjectId: e.subjectId, name: e.clock }),
        ),
      );
    });
    for (const kind of ['warning', 'upgrade', 'over_level']) source.addEventListener(kind, refreshSoon);
    return () => {
      window.clearTimeout(refresh);
      source.close();
    };
  }, [queries]);
  return connected;
}

function useNow(everyMs: number): number {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    const timer = window.setInterval(() => setNow(serverNow()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

function BoardView({
  clocks,
  loading,
  onRefresh,
}: {
  clocks: BoardClock[];
  loading: boolean;
  onRefresh: () => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const reference = useReference();
  const now = useNow(30_000);
  const [department, setDepartment] = useState('');
  const [hall, setHall] = useState('');
  const [kind, setKind] = useState('');
  const [slaType, setSlaType] = useState('');
  const [search, setSearch] = useState('');
  const searchBox = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // "/" jumps to the search box, as in most consoles.
    const onKey = (event: KeyboardEvent) => {
      if (event.key === '/' && document.activeElement?.tagName !== 'INPUT') {
        event.preventDefault();
        searchBox.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return clocks.filter(
      (c) =>
        (!department || c.departmentId === department) &&
        (!hall || c.hallId === hall) &&
        (!kind || c.subjectKind === kind) &&
        (!slaType || c.slaType === slaType) &&
        (!needle || c.subjectId.toLowerCase().includes(needle)),
    );
  }, [clocks, department, hall, kind, slaType, search]);
  const breachedCount = shown.filter((c) => Date.parse(c.deadline) <= now).length;
  const rows = useMemo(() => groupRows(shown, now, t), [shown, now, t]);
  const fresh = clocks.filter((c) => c.fresh);

  return (
    <>
      <search className="filters">
        <Choice
          label={t('department')}
          value={department}
          onChange={(v) => {
            setDepartment(v);
            setHall('');
          }}
          all={t('any')}
          options={reference.departments.map((d) => ({ value: d.id, label: d.name }))}
        />
        <Choice
          label={t('hall')}
          value={hall}
          onChange={setHall}
          all={t('any')}
          options={reference.halls
            .filter((h) => !department || h.departmentId === department)
            .map((h) => ({ value: h.id, label: h.name }))}
        />
        <Choice
          label={t('kind')}
          value={kind}
          onChange={setKind}
          all={t('any')}
          options={['complaint', 'fault', 'callback'].map((k) => ({
            value: k,
            label: wordOr(t, 'kind_', k),
          }))}
        />
        <Choice
          label={t('slaType')}
          value={slaType}
          onChange={setSlaType}
          all={t('any')}
          options={['ordinary', 'escalation_warning', 'over_level_1', 'over_level_2', 'group'].map((s) => ({
            value: s,
            label: wordOr(t, 'sla_', s),
          }))}
        />
        <label className="field grow">
          <span>{t('searchWorkOrder')}</span>
          <input
            ref={searchBox}
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder={t('searchHint')}
          />
        </label>
      </search>
      <div className="board-counts">
        <span className="count bad">
          {t('breachedNow')} <strong>{breachedCount}</strong>
        </span>
        <span className="count warn">
          {t('atRisk')} <strong>{shown.length - breachedCount}</strong>
        </span>
        <span className="muted">
          {loading ? `${t('loading')} ${shown.length}` : t('boardCount', { n: shown.length })}
        </span>
        <button type="button" className="link" onClick={onRefresh}>
          {t('refresh')}
        </button>
      </div>
      <div className="sr-only" aria-live="assertive">
        {fresh.length > 0 ? `${t('newBreach')}: ${fresh.map((c) => c.subjectId).join(', ')}` : ''}
      </div>
      {shown.length === 0 ? (
        <p className="empty">{t('boardEmpty')}</p>
      ) : (
        <VirtualRows rows={rows} now={now} lang={lang} t={t} />
      )}
    </>
  );
}

function groupRows(clocks: readonly BoardClock[], now: number, t: T): Row[] {
  const byDepartment = new Map<string, BoardClock[]>();
  for (const c of clocks) byDepartment.set(c.departmentId, [...(byDepartment.get(c.departmentId) ?? []), c]);
  const rows: Row[] = [];
  const departments = [...byDepartment.entries()].sort(([a, ca], [b, cb]) =>
    (ca[0]!.departmentName ?? a).localeCompare(cb[0]!.departmentName ?? b, 'zh-CN'),
  );
  for (const [departmentId, inDepartment] of departments) {
    const breached = inDepartment.filter((c) => Date.parse(c.deadline) <= now).length;
    rows.push({
      type: 'department',
      key: `d:${departmentId}`,
      label: inDepartment[0]!.departmentName ?? `${departmentId} ${t('unknownDepartment')}`,
      breached,
      atRisk: inDepartment.length - breached,
    });
    const byHall = new Map<string, BoardClock[]>();
    for (const c of inDepartment) byHall.set(c.hallId ?? '', [...(byHall.get(c.hallId ?? '') ?? []), c]);
    for (const [hallId, inHall] of [...byHall.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      rows.push({
        type: 'hall',
        key: `h:${departmentId}:${hallId}`,
        label: hallId ? (inHall[0]!.hallName ?? hallId) : t('noHall'),
        count: inHall.length,
      });
      for (const clock of [...inHall].sort((a, b) => Date.parse(a.deadline) - Date.parse(b.deadline)))
        rows.push({ type: 'clock', key: keyOf(clock), clock });
    }
  }
  return rows;
}

/** Only the rows in view are in the page: 10,000 clocks render as fast as 50. */
function VirtualRows({ rows, now, lang, t }: { rows: Row[]; now: number; lang: 'zh' | 'en'; t: T }) {
  const parent = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => parent.current,
    estimateSize: (index) => (rows[index]!.type === 'clock' ? 46 : 34),
    overscan: 12,
  });
  return (
    <div ref={parent} className="board-rows" data-testid="board-rows">
      <ul
        style={{
          height: virtualizer.getTotalSize(),
          position: 'relative',
          margin: 0,
          padding: 0,
          listStyle: 'none',
        }}
      >
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index]!;
          const style = {
            position: 'absolute' as const,
            top: 0,
            left: 0,
            right: 0,
            height: item.size,
            transform: `translateY(${item.start}px)`,
          };
          if (row.type === 'department') {
            return (
              <li key={row.key} style={style} className="group-department">
                <span>{row.label}</span>
                <span className="count bad">{row.breached}</span>
                <span className="count warn">{row.atRisk}</span>
              </li>
            );
          }
          if (row.type === 'hall') {
            return (
              <li key={row.key} style={style} className="group-hall">
                {row.label} <span className="muted">({row.count})</span>
              </li>
            );
          }
          const c = row.clock;
          const left = timeLeft(c.deadline, now, lang);
          return (
            <li
              key={row.key}
              style={style}
              className={`clock-row ${left.overdue ? 'overdue' : 'risky'} ${c.fresh ? 'fresh' : ''}`}
              data-subject={c.subjectId}
            >
              <Link href={`/subjects/${c.subjectKind}/${encodeURIComponent(c.subjectId)}`} className="wo">
                {c.subjectId}
              </Link>
              <span className="tag">{wordOr(t, 'kind_', c.subjectKind)}</span>
              <span className="clock-name">{wordOr(t, 'clock_', c.name)}</span>
              <span className="summary" title={c.summary ?? ''}>
                {c.summary ?? (c.slaType ? wordOr(t, 'sla_', c.slaType) : '')}
              </span>
              <span className={`left ${left.overdue ? 'bad' : 'warn'}`}>{left.text}</span>
              <span className="deadline">
                {when(c.deadline, lang)}
                {c.provisional && (
                  <abbr className="tag provisional" title={t('provisionalHelp')}>
                    {t('provisional')}
                  </abbr>
                )}
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
