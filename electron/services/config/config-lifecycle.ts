import type { Language } from '../../contract/config';
import { KioskError } from '../kiosk-error';
import type { Logger } from '../log';
import { watchConfigFile } from './config-watcher';
import { loadKiosk, type KioskLoadOptions, type Loaded, type Ready } from './kiosk-load';

export interface ConfigLifecycleDeps {
  load: KioskLoadOptions;
  log: Logger;
  now: () => Date;
  /** Whether a person may be using the kiosk now (in service): a new config then waits to be offered a resting moment. */
  inService: () => boolean;
  /** Called as a config is applied, with the one it replaces, before listeners hear of it. */
  onApply: (next: Loaded, previous: Loaded) => void;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The config in force and its life: loaded at start, the file watched, a valid edit applied at
 * once while no one can be using the kiosk or else held until the touch UI says it rests, an
 * invalid edit refused (the last good config stays), and a content bundle found out of date read
 * again from its files. The kiosk never runs on a half-valid config.
 */
export class ConfigLifecycle {
  current: Loaded;
  /** A valid edit waiting for a resting moment. */
  pending: Loaded | undefined;
  loadedAt: Date;
  /** Config files refused, at start or on an edit (for /metrics). */
  loadErrors: number;
  private bundleStale = false;
  private closed = false;
  private reloads = Promise.resolve();
  private readonly listeners: Array<() => void> = [];
  private readonly stopWatching: () => void;

  private constructor(
    private readonly deps: ConfigLifecycleDeps,
    first: Loaded,
  ) {
    this.current = first;
    this.loadedAt = deps.now();
    this.loadErrors = first.ok ? 0 : 1;
    this.watchBundle();
    const file = deps.load.configPath;
    this.stopWatching = file ? watchConfigFile(file, () => this.queueReload(), deps.log) : () => {};
  }

  static async start(deps: ConfigLifecycleDeps): Promise<ConfigLifecycle> {
    return new ConfigLifecycle(deps, await loadKiosk(deps.load, deps.log));
  }

  /** The kiosk as loaded, or `unavailable` while it is out of service for its config or content. */
  ready(): Ready {
    if (!this.current.ok) throw new KioskError('unavailable', 'the kiosk is out of service');
    return this.current;
  }

  /** The kiosk for content in `lang`: a language the config offers, not merely any language code. */
  inLanguage(lang: Language): Ready {
    const loaded = this.ready();
    if (!loaded.config.languages.includes(lang))
      throw new KioskError('bad-request', `"${lang}" is not a language of this kiosk (${loaded.config.languages.join(', ')})`);
    return loaded;
  }

  /** No one is using the kiosk now: a config waiting for that applies. */
  resting(): void {
    if (this.pending) this.apply(this.pending);
  }

  /** Called after a config is applied, or saved again unchanged (hosts restart the servers whose settings changed or that failed). */
  onApplied(listener: () => void): void {
    this.listeners.push(listener);
  }

  close(): void {
    this.closed = true;
    this.stopWatching();
  }

  private apply(next: Loaded): void {
    const previous = this.current;
    // The same printer keeps its spooler, so jobs under way are still followed.
    this.current = next.ok && previous.ok && sameJson(next.config.print.spooler, previous.config.print.spooler) ? { ...next, spooler: previous.spooler } : next;
    this.pending = undefined;
    this.loadedAt = this.deps.now();
    if (this.current.ok) this.deps.log.info('config-reloaded', { config: this.current.source });
    this.deps.onApply(this.current, previous);
    this.notify();
    this.watchBundle();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  private queueReload(): void {
    this.reloads = this.reloads.then(() => this.reload());
  }

  /**
   * When the bundle in force turns out older than its files, they are read again and shown at
   * the next resting moment, like an edited config: a corrected handout must not keep printing.
   */
  private watchBundle(): void {
    if (!this.current.ok) return;
    const { library, afterStart } = this.current;
    void afterStart.then(({ bundleStale }) => {
      if (!bundleStale || this.bundleStale || this.closed || !this.current.ok || this.current.library !== library) return;
      this.bundleStale = true;
      this.queueReload();
    });
  }

  /** Reads the config file again after an edit: refused, applied now, or held for the next resting moment. */
  private async reload(): Promise<void> {
    const { log } = this.deps;
    const next = await loadKiosk(this.deps.load, log, this.bundleStale);
    const current = this.current;
    if (!next.ok) {
      this.loadErrors += 1;
      const first = next.state.problems[0];
      log.error('config-reload-refused', {
        file: next.state.source,
        problems: next.state.problems.length,
        problem: first && `${first.path}: ${first.message}`,
      });
      // Already out of service: show staff the newest problems. Otherwise the last good config stays.
      if (!current.ok) this.apply(next);
      return;
    }
    if (
      current.ok &&
      sameJson(next.config, current.config) &&
      next.library.version === current.library.version &&
      sameJson(next.contentRules, current.contentRules)
    ) {
      // Saved back to what is in force: nothing is waiting any more. Listeners still hear of it,
      // so saving again retries a server that could not start (a port in use, a certificate).
      this.pending = undefined;
      return this.notify();
    }
    if (!current.ok || !this.deps.inService()) return this.apply(next);
    this.pending = next;
    log.info('config-reload-pending', { config: next.source });
  }
}
