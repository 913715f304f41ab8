import type { LogDetails, Logger, LogLevel } from './log';

/** How repeats of one kind of line are folded. */
export interface FoldingOptions {
  /** The first window after a line is written; repeats within it are counted, not written. Default one minute. */
  windowMs?: number;
  /** A flood that goes on doubles the window up to this. Default one hour. */
  maxWindowMs?: number;
  /** Fold only these events and pass every other line straight on. Default: fold every event. */
  only?: ReadonlySet<string>;
  /**
   * Events whose lines fold apart by one detail's value (e.g. `speech-unavailable` by `lang`: a
   * line per language is news, its repeats are not). Only for details the host has checked
   * against a short list, never a value a caller could vary without end.
   */
  byDetail?: Readonly<Record<string, string>>;
}

/** A Logger that folds repeats; `flush` writes the counts still pending (call it when the host stops). */
export interface FoldingLogger extends Logger {
  flush(): void;
}

interface Fold {
  level: LogLevel;
  event: string;
  /** The value of the event's `byDetail` detail, when it has one. */
  detail: string | undefined;
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
export function foldRepeats(log: Logger, { windowMs = MINUTE_MS, maxWindowMs = 60 * MINUTE_MS, only, byDetail = {} }: FoldingOptions = {}): FoldingLogger {
  const folds = new Map<string, Fold>();
  if (!flushedAtExit) {
    process.once('exit', flushFoldedLogs);
    flushedAtExit = true;
  }

  const keyOf = (level: LogLevel, event: string, detail: string | undefined) => `${level}:${event}:${detail ?? ''}`;
  const open = (level: LogLevel, event: string, detail: string | undefined, ms: number) => {
    const key = keyOf(level, event, detail);
    const timer = setTimeout(() => close(key), ms);
    // A pending count must not keep a stopping host alive.
    timer.unref();
    folds.set(key, { level, event, detail, openedAt: Date.now(), windowMs: ms, folded: 0, timer });
  };

  /** Ends a kind's window: its count, if any, is written, and a flood still going gets a longer window. */
  const close = (key: string, reopen = true) => {
    const fold = folds.get(key);
    if (!fold) return;
    clearTimeout(fold.timer);
    folds.delete(key);
    if (![...folds.values()].some((other) => other.folded > 0)) unwritten.delete(flush);
    if (fold.folded === 0) return;
    const by = byDetail[fold.event];
    log[fold.level]('log-folded', {
      kind: fold.event,
      ...(by && { [by]: fold.detail }),
      folded: fold.folded,
      seconds: Math.round((Date.now() - fold.openedAt) / 1000),
    });
    if (reopen) open(fold.level, fold.event, fold.detail, Math.min(fold.windowMs * 2, maxWindowMs));
  };

  const write = (level: LogLevel, event: string, details?: LogDetails) => {
    if (only && !only.has(event)) return log[level](event, details);
    const by = byDetail[event];
    const detail = by === undefined ? undefined : String(details?.[by]);
    const fold = folds.get(keyOf(level, event, detail));
    if (fold) {
      fold.folded++;
      unwritten.add(flush);
      return;
    }
    log[level](event, details);
    open(level, event, detail, windowMs);
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
