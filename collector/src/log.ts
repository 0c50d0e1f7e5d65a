/**
 * The process logger: structured JSON lines through pino (one line per failure, with its cause under
 * `err`), readable colour lines when stdout is a terminal (`npm start` in a shell). Level from
 * `LOG_LEVEL` (options.logLevel).
 */
import pino, { type Logger } from 'pino';

export type { Logger };

export interface LoggerOptions {
  /** @default 'info' */
  level?: string;
  /** Readable lines instead of JSON. @default process.stdout.isTTY */
  pretty?: boolean;
}

export function createLogger({ level = 'info', pretty = process.stdout.isTTY === true }: LoggerOptions = {}) {
  if (!pretty) return pino({ level, base: { pid: process.pid } });
  return pino({
    level,
    transport: { target: 'pino-pretty', options: { colorize: true, ignore: 'pid,hostname' } },
  });
}

/** A logger that writes nothing: the default of library entry points and unit tests. */
export const silentLogger: Logger = pino({ level: 'silent' });
