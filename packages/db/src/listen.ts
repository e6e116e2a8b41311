import pg from 'pg';

/** A LISTEN connection that comes back by itself after Postgres restarts. */
export interface Listener {
  close: () => Promise<void>;
}

const RETRY_MS = 1_000;

/**
 * Listens on the given channels and calls `onNotification` for each notification; `onReconnect`
 * runs after the connection came back (notifications sent while it was down are lost: re-read).
 */
export function listenFor(
  databaseUrl: string,
  channels: readonly string[],
  handlers: {
    onNotification: (channel: string, payload: string) => void;
    onReconnect: () => void;
    onError: (error: Error) => void;
  },
): Listener {
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;
  const connect = async (again: boolean) => {
    const next = new pg.Client({ connectionString: databaseUrl });
    next.on('notification', (n) => handlers.onNotification(n.channel, n.payload ?? ''));
    next.on('error', (error) => {
      handlers.onError(error);
      client = null;
      schedule();
    });
    try {
      await next.connect();
      for (const channel of channels) await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (error) {
      handlers.onError(error as Error);
      await next.end().catch(() => {});
      schedule();
      return;
    }
    if (closed) {
      await next.end();
      return;
    }
    client = next;
    if (again) handlers.onReconnect();
  };
  const schedule = () => {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = null;
      void connect(true);
    }, RETRY_MS);
    retry.unref();
  };
  void connect(false);
  return {
    close: async () => {
      closed = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => {});
      client = null;
    },
  };
}
