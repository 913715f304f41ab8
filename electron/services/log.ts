import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

export type LogLevel = 'info' | 'warn' | 'error';
/** Details are ids, counts, paths and reasons. Never answers, names or anything about a person. */
export type LogDetails = Record<string, string | number | boolean | undefined>;

export interface Logger {
  info(event: string, details?: LogDetails): void;
  warn(event: string, details?: LogDetails): void;
  error(event: string, details?: LogDetails): void;
}

/** When the log file is rotated: at `maxBytes`, keeping `keep` old files (kiosk.1.log is the newest). */
export interface LogRotation {
  maxBytes: number;
  keep: number;
}

/** About 5 MB of lines in all: months of a busy kiosk's events, and small enough to email. */
const DEFAULT_ROTATION: LogRotation = { maxBytes: 1024 * 1024, keep: 4 };

/** kiosk.log → kiosk.1.log; kiosk.1.log → kiosk.2.log; and so on. */
function rotated(file: string, n: number): string {
  return file.replace(/(\.log)?$/, `.${n}$1`);
}

/** Shifts the old files up by one, dropping the oldest, so `file` can start empty. */
function rotate(file: string, keep: number): void {
  // Check first: shifting the old files for a log that is gone (or held open on Windows)
  // would drop the oldest at every line and keep nothing.
  renameSync(file, `${file}.rotating`);
  rmSync(rotated(file, keep), { force: true });
  for (let n = keep - 1; n >= 1; n--) {
    try {
      renameSync(rotated(file, n), rotated(file, n + 1));
    } catch {
      // that old file does not exist (yet)
    }
  }
  renameSync(`${file}.rotating`, rotated(file, 1));
}

/**
 * One JSON object per line, to a file and to stderr. Writes are synchronous so the last line
 * before a crash is not lost (the reason this is not an async logging library); the file is
 * rotated by size. A failing log file never stops the kiosk.
 */
export function createLogger(
  file?: string,
  echo: (line: string) => void = (line) => process.stderr.write(line + '\n'),
  rotation: LogRotation = DEFAULT_ROTATION,
): Logger {
  if (file) mkdirSync(dirname(file), { recursive: true });
  const write = (level: LogLevel, event: string, details: LogDetails = {}) => {
    const line = JSON.stringify({ time: new Date().toISOString(), level, event, ...details }) + '\n';
    echo(line.trimEnd());
    if (!file) return;
    // The file's real size, not a count kept here: IT may delete or empty it while the kiosk runs.
    const size = statSync(file, { throwIfNoEntry: false })?.size ?? 0;
    if (size > 0 && size + Buffer.byteLength(line) > rotation.maxBytes) {
      try {
        rotate(file, rotation.keep);
      } catch {
        // Not rotated this time (the file is locked, or just went): carry on in whatever file is there.
      }
    }
    try {
      appendFileSync(file, line);
    } catch {
      // The log file cannot be written: stderr still has the line; the kiosk must keep running.
    }
  };
  return {
    info: (event, details) => write('info', event, details),
    warn: (event, details) => write('warn', event, details),
    error: (event, details) => write('error', event, details),
  };
}
