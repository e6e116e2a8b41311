import type { Config } from '@engine/config';
import { type DestinationStream, type Logger, pino } from 'pino';
import pretty from 'pino-pretty';

/**
 * The engine's logger: JSON lines for machines (a log shipper, journald), or pino-pretty's readable
 * lines for people, by LOG_FORMAT (auto: pretty when stdout is a terminal). `to` replaces stdout
 * (tests read the lines).
 */
export function createLogger(
  config: Pick<Config, 'LOG_LEVEL' | 'LOG_FORMAT'>,
  to?: DestinationStream,
): Logger {
  const options = { level: config.LOG_LEVEL };
  if (to) return pino(options, to);
  const readable = config.LOG_FORMAT === 'pretty' || (config.LOG_FORMAT === 'auto' && process.stdout.isTTY);
  if (!readable) return pino(options);
  return pino(
    options,
    pretty({
      colorize: process.stdout.isTTY === true,
      translateTime: 'SYS:yyyy-mm-dd HH:MM:ss.l',
      // A request line reads "request completed GET /v1/ledger 200 (3.1 ms)", not two objects below it.
      messageFormat:
        '{msg}{if req.method} {req.method} {req.url}{end}{if res.statusCode} {res.statusCode}{end}{if responseTime} ({responseTime} ms){end}',
      ignore: 'pid,hostname,req,res,responseTime',
    }),
  );
}
