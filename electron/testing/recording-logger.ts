import type { LogDetails, Logger, LogLevel } from '../services/log';

/**
 * For tests only: a Logger that keeps every line, in order, for the test to read.
 * `details` is exactly what the caller passed (`undefined` when it passed none).
 */
export class RecordingLogger implements Logger {
  readonly lines: Array<{ level: LogLevel; event: string; details?: LogDetails }> = [];
  info(event: string, details?: LogDetails): void {
    this.lines.push({ level: 'info', event, details });
  }
  warn(event: string, details?: LogDetails): void {
    this.lines.push({ level: 'warn', event, details });
  }
  error(event: string, details?: LogDetails): void {
    this.lines.push({ level: 'error', event, details });
  }
}
