import { appendFileSync, renameSync, rmSync, statSync, truncateSync } from 'node:fs';
import { dirname } from 'node:path';
import { makeFolder } from './fs/make-folder';
import { errorCode, type SaveWatcher } from './fs/save-problems';

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
 * rotated by size. A log file that cannot be written never stops the kiosk: its folder cannot
 * be made, the disk is full, a file is in the way. Lines then go to stderr alone, after one line
 * there saying why (`log-file-unwritable`), and each later line tries the file again; `watcher`
 * hears of every attempt, so staff can be told.
 */
export function createLogger(
  file?: string,
  echo: (line: string) => void = (line) => process.stderr.write(line + '\n'),
  rotation: LogRotation = DEFAULT_ROTATION,
  watcher?: SaveWatcher,
): Logger {
  /** Set while the file cannot be written; lines then try to make its folder first. */
  let failing = false;
  const format = (level: LogLevel, event: string, details: LogDetails) => JSON.stringify({ time: new Date().toISOString(), level, event, ...details });

  const cannotWrite = (path: string, error: unknown) => {
    watcher?.failed(path, error);
    if (failing) return;
    failing = true;
    echo(
      format('error', 'log-file-unwritable', {
        file: path,
        code: errorCode(error),
        cause: (error as Error).message?.split('\n')[0],
        action: 'logging to stderr only',
      }),
    );
  };
  const toFile = (path: string, line: string) => {
    let size: number | undefined;
    try {
      if (failing) makeFolder(dirname(path));
      // The file's real size, not a count kept here: IT may delete or empty it while the kiosk runs.
      size = statSync(path, { throwIfNoEntry: false })?.size ?? 0;
      if (size > 0 && size + Buffer.byteLength(line) > rotation.maxBytes) {
        try {
          rotate(path, rotation.keep);
          size = 0;
        } catch {
          // Not rotated this time (the file is locked, or just went): carry on in whatever file is there.
        }
      }
      appendFileSync(path, line);
    } catch (error) {
      // A full disk takes part of a line: cut it off again, so the file stays whole lines.
      if (size !== undefined) {
        try {
          truncateSync(path, size);
        } catch {
          // nothing was written, or the file cannot be touched at all
        }
      }
      return cannotWrite(path, error);
    }
    watcher?.saved(path);
    if (!failing) return;
    failing = false;
    write('info', 'log-file-writable', { file: path });
  };
  const write = (level: LogLevel, event: string, details: LogDetails = {}) => {
    const line = format(level, event, details);
    echo(line);
    if (file) toFile(file, line + '\n');
  };
  if (file) {
    try {
      makeFolder(dirname(file));
    } catch (error) {
      cannotWrite(file, error);
    }
  }
  return {
    info: (event, details) => write('info', event, details),
    warn: (event, details) => write('warn', event, details),
    error: (event, details) => write('error', event, details),
  };
}
