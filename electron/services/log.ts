import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type LogLevel = 'info' | 'warn' | 'error';
/** Details are ids, counts, paths and reasons. Never answers, names or anything about a person. */
export type LogDetails = Record<string, string | number | boolean | undefined>;

export interface Logger {
  info(event: string, details?: LogDetails): void;
  warn(event: string, details?: LogDetails): void;
  error(event: string, details?: LogDetails): void;
}

/**
 * One JSON object per line, to a file and to stderr. Writes are synchronous so the last line
 * before a crash is not lost; a failing log file never stops the kiosk.
 */
export function createLogger(file?: string, echo: (line: string) => void = (line) => process.stderr.write(line + '\n')): Logger {
  if (file) mkdirSync(dirname(file), { recursive: true });
  const write = (level: LogLevel, event: string, details: LogDetails = {}) => {
    const line = JSON.stringify({ time: new Date().toISOString(), level, event, ...details });
    echo(line);
    if (!file) return;
    try {
      appendFileSync(file, line + '\n');
    } catch {
      // The log file is gone or full: stderr still has the line; the kiosk must keep running.
    }
  };
  return {
    info: (event, details) => write('info', event, details),
    warn: (event, details) => write('warn', event, details),
    error: (event, details) => write('error', event, details),
  };
}
