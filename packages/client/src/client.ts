import createClient from 'openapi-fetch';
import type { paths } from './generated/openapi.ts';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Ok<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  responses: { 200: infer R };
}
  ? Json<R>
  : never;
type Query<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  parameters: { query?: infer Q };
}
  ? NonNullable<Q>
  : never;
type Body<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  requestBody: { content: { 'application/json': infer B } };
}
  ? B
  : never;

/** One event as API.md defines it (`POST /v1/events`). */
export type EngineEvent = Exclude<Body<'/v1/events', 'post'>, { events: unknown }>;
export type PostEventsResult = Json<paths['/v1/events']['post']['responses'][202]>;
export type ComplaintView = Ok<'/v1/complaints/{id}', 'get'>;
export type FaultView = Ok<'/v1/faults/{id}', 'get'>;
export type CallbackView = Ok<'/v1/callbacks/{id}', 'get'>;
export type Clock = Ok<'/v1/clocks', 'get'>['items'][number];
export type ClockQuery = Omit<Query<'/v1/clocks', 'get'>, 'cursor'>;
export type LedgerEntry = Ok<'/v1/ledger', 'get'>['items'][number];
export type LedgerQuery = Omit<Query<'/v1/ledger', 'get'>, 'cursor' | 'format'>;
export type SlaSummary = Ok<'/v1/sla/summary', 'get'>;
export type LedgerSummary = Ok<'/v1/ledger/summary', 'get'>;
export type PeriodClose = Ok<'/v1/periods/{period}/close', 'post'>;
export type Quotas = Ok<'/v1/quotas/{departmentId}/{period}', 'get'>;

/** An answer of the API that is not a success: its RFC 9457 problem details (API.md). */
export class EngineError extends Error {
  readonly status: number;
  readonly problem: {
    type?: string;
    title?: string;
    detail?: string;
    errors?: { path: string; message: string }[];
  };

  constructor(status: number, problem: EngineError['problem']) {
    super(`${status} ${problem.title ?? 'error'}: ${problem.detail ?? ''}`.trim());
    this.name = 'EngineError';
    this.status = status;
    this.problem = problem;
  }
}

export interface ClientOptions {
  baseUrl: string;
  apiKey: string;
  /** Attempts after the first on a network error, 429, 502, 503 or 504 (default 5). */
  retries?: number;
  /** The first backoff; it doubles with each retry, with jitter (default 200 ms). */
  backoffMs?: number;
  fetch?: typeof fetch;
}

const RETRYABLE = new Set([429, 502, 503, 504]);
const MAX_BATCH = 1_000;

/**
 * Every request the API answers is safe to repeat (events by their ids, PUTs and closes by their
 * nature), so a failed attempt is retried with backoff: an integrator never has to choose between
 * losing an event and sending it twice.
 */
function retryingFetch(options: ClientOptions): (request: Request) => Promise<Response> {
  const send = options.fetch ?? fetch;
  const retries = options.retries ?? 5;
  const backoff = options.backoffMs ?? 200;
  return async (request) => {
    for (let attempt = 0; ; attempt += 1) {
      try {
        const response = await send(request.clone());
        if (!RETRYABLE.has(response.status) || attempt >= retries) return response;
        await response.body?.cancel();
      } catch (error) {
        if (attempt >= retries) throw error;
      }
      await new Promise((r) => setTimeout(r, backoff * 2 ** attempt * (0.5 + Math.random())));
    }
  };
}

type Answer<T> = { data?: T; error?: unknown; response: Response };

/** The answer's body, or its problem details as an EngineError. */
function bodyOf<T>({ data, error, response }: Answer<T>): T {
  if (error !== undefined || data === undefined)
    throw new EngineError(response.status, (error ?? {}) as EngineError['problem']);
  return data;
}

const must = async <T>(call: Promise<Answer<T>>): Promise<T> => bodyOf(await call);

/** As must, but a 404 is undefined: the thing asked for does not exist (or is not the key's to see). */
async function maybe<T>(call: Promise<Answer<T>>): Promise<T | undefined> {
  const answer = await call;
  return answer.response.status === 404 ? undefined : bodyOf(answer);
}

/** A typed client of the engine's HTTP API; its types are generated from the served OpenAPI document. */
export function createEngineClient(options: ClientOptions) {
  // JSON answers only: the ledger also comes as CSV and xlsx (documented), read as streams below.
  const api = createClient<paths, `${string}/json`>({
    baseUrl: options.baseUrl.replace(/\/$/, ''),
    headers: { authorization: `Bearer ${options.apiKey}` },
    fetch: retryingFetch(options),
  });

  async function* pages<T, Q extends object>(
    read: (query: Q & { cursor?: string }) => Promise<{ items: T[]; nextCursor: string | null }>,
    query: Q,
  ): AsyncGenerator<T> {
    let cursor: string | undefined;
    do {
      const page = await read({ ...query, ...(cursor ? { cursor } : {}) });
      yield* page.items;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  return {
    /**
     * Posts events, in atomic batches of up to 1,000, retried until acknowledged: resending is
     * safe because the engine keeps each event id once (a resent one is a `duplicate`).
     */
    async postEvents(events: EngineEvent | readonly EngineEvent[]): Promise<PostEventsResult> {
      const list = Array.isArray(events) ? events : [events as EngineEvent];
      const total: PostEventsResult = { accepted: 0, duplicates: 0, results: [] };
      for (let i = 0; i < list.length; i += MAX_BATCH) {
        const batch = list.slice(i, i + MAX_BATCH);
        const data = await must(api.POST('/v1/events', { body: { events: batch } }));
        total.accepted += data.accepted;
        total.duplicates += data.duplicates;
        total.results.push(...data.results);
      }
      return total;
    },
    eventStatus: (id: string) => maybe(api.GET('/v1/events/{id}', { params: { path: { id } } })),
    complaint: (id: string) => maybe(api.GET('/v1/complaints/{id}', { params: { path: { id } } })),
    fault: (id: string) => maybe(api.GET('/v1/faults/{id}', { params: { path: { id } } })),
    callback: (id: string) => maybe(api.GET('/v1/callbacks/{id}', { params: { path: { id } } })),
    /** Every clock matching the query, page after page (keyset pagination). */
    clocks: (query: ClockQuery = {}): AsyncGenerator<Clock> =>
      pages((q) => must(api.GET('/v1/clocks', { params: { query: q } })), query),
    slaSummary: (query: Query<'/v1/sla/summary', 'get'>) =>
      must(api.GET('/v1/sla/summary', { params: { query } })),
    /** Every ledger entry matching the query, streamed page by page in posting order. */
    ledger: (query: LedgerQuery = {}): AsyncGenerator<LedgerEntry> =>
      pages((q) => must(api.GET('/v1/ledger', { params: { query: { ...q, format: 'json' } } })), query),
    /** The selection as CSV (UTF-8 with BOM, yuan with two decimals), as a byte stream. */
    async ledgerCsv(query: LedgerQuery = {}): Promise<ReadableStream<Uint8Array>> {
      const { response } = await api.GET('/v1/ledger', {
        params: { query: { ...query, format: 'csv' } },
        parseAs: 'stream',
      });
      if (!response.ok || !response.body)
        throw new EngineError(
          response.status,
          (await response.json().catch(() => ({}))) as EngineError['problem'],
        );
      return response.body;
    },
    ledgerSummary: (query: Query<'/v1/ledger/summary', 'get'>) =>
      must(api.GET('/v1/ledger/summary', { params: { query } })),
    quotas: (departmentId: string, period: string) =>
      must(api.GET('/v1/quotas/{departmentId}/{period}', { params: { path: { departmentId, period } } })),
    setQuotas: (
      departmentId: string,
      period: string,
      quotas: Body<'/v1/quotas/{departmentId}/{period}', 'put'>,
    ) =>
      must(
        api.PUT('/v1/quotas/{departmentId}/{period}', {
          params: { path: { departmentId, period } },
          body: quotas,
        }),
      ),
    closePeriod: (period: string) =>
      must(api.POST('/v1/periods/{period}/close', { params: { path: { period } } })),
    period: (period: string) => must(api.GET('/v1/periods/{period}', { params: { path: { period } } })),
    putDepartment: (id: string, body: Body<'/v1/departments/{id}', 'put'>) =>
      must(api.PUT('/v1/departments/{id}', { params: { path: { id } }, body })),
    putHall: (id: string, body: Body<'/v1/halls/{id}', 'put'>) =>
      must(api.PUT('/v1/halls/{id}', { params: { path: { id } }, body })),
    policies: () => must(api.GET('/v1/policies')),
    policy: (version: string) => maybe(api.GET('/v1/policies/{version}', { params: { path: { version } } })),
    putPolicy: (version: string, pack: Record<string, unknown>) =>
      must(api.PUT('/v1/policies/{version}', { params: { path: { version } }, body: pack })),
    /** The underlying typed openapi-fetch client, for anything not wrapped above. */
    raw: api,
  };
}

export type EngineClient = ReturnType<typeof createEngineClient>;
