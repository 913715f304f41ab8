import type { LogDetails, Logger, LogLevel } from './log';

/** How repeats of one kind of line are folded. */
export interface FoldingOptions {
  /** The first window after a line is written; repeats within it are counted, not written. Default one minute. */
  windowMs?: number;
  /** A flood that goes on doubles the window up to this. Default one hour. */
  maxWindowMs?: number;
  /** Fold only these events and pass every other line straight on. Default: fold every event. */
  only?: ReadonlySet<string>;
}

/** A Logger that folds repeats; `flush` writes the counts still pending (call it when the host stops). */
export interface FoldingLogger extends Logger {
  flush(): void;
}

interface Fold {
  level: LogLevel;
  event: string;
  openedAt: number;
  windowMs: number;
  folded: number;
  timer: NodeJS.Timeout;
}

const MINUTE_MS = 60_000;

/** The flush of every folding log that holds a count not yet written. */
const unwritten = new Set<() => void>();
let flushedAtExit = false;

/**
 * Writes every count still pending, in every folding log. The process does it as it exits (log
 * writes are synchronous), so a host that stops loses no count; tests call it to read the counts now.
 */
export function flushFoldedLogs(): void {
  for (const flush of [...unwritten]) flush();
}

/**
 * Wraps `log` for lines a caller can cause (refused requests, bad payloads): the first line of a
 * kind (level and event) is written as it is; repeats while its window is open are only counted,
 * and at the window's end one `log-folded` line says how many there were. While repeats keep
 * coming the window doubles (1, 2, 4... minutes, up to an hour), so a flood writes a few dozen
 * lines a day per kind: months of it fit in the kept log before older lines rotate. A window
 * that closes with nothing folded forgets the kind: the next line is written again. Event names
 * must be constants of the code, never something a caller sent.
 */
export function foldRepeats(log: Logger, { windowMs = MINUTE_MS, maxWindowMs = 60 * MINUTE_MS, only }: FoldingOptions = {}): FoldingLogger {
  const folds = new Map<string, Fold>();
  if (!flushedAtExit) {
    process.once('exit', flushFoldedLogs);
    flushedAtExit = true;
  }

  const open = (level: LogLevel, event: string, ms: number) => {
    const key = `${level}:${event}`;
    const timer = setTimeout(() => close(key), ms);
    // A pending count must not keep a stopping host alive.
    timer.unref();
    folds.set(key, { level, event, openedAt: Date.now(), windowMs: ms, folded: 0, timer });
  };

  /** Ends a kind's window: its count, if any, is written, and a flood still going gets a longer window. */
  const close = (key: string, reopen = true) => {
    const fold = folds.get(key);
    if (!fold) return;
    clearTimeout(fold.timer);
    folds.delete(key);
    if (![...folds.values()].some((other) => other.folded > 0)) unwritten.delete(flush);
    if (fold.folded === 0) return;
    log[fold.level]('log-folded', { kind: fold.event, folded: fold.folded, seconds: Math.round((Date.now() - fold.openedAt) / 1000) });
    if (reopen) open(fold.level, fold.event, Math.min(fold.windowMs * 2, maxWindowMs));
  };

  const write = (level: LogLevel, event: string, details?: LogDetails) => {
    if (only && !only.has(event)) return log[level](event, details);
    const fold = folds.get(`${level}:${event}`);
    if (fold) {
      fold.folded++;
      unwritten.add(flush);
      return;
    }
    log[level](event, details);
    open(level, event, windowMs);
  };

  const flush = () => {
    for (const key of [...folds.keys()]) close(key, false);
  };

  return {
    info: (event, details) => write('info', event, details),
    warn: (event, details) => write('warn', event, details),
    error: (event, details) => write('error', event, details),
    flush,
  };
}
