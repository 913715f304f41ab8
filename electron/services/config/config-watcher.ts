import { unwatchFile, watch, watchFile } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Logger } from '../log';

/**
 * Calls `onChange` once a config file has changed and stayed still for `settleMs`. Watches the
 * folder rather than the file: editors, Ansible and MDM agents often replace the file with a new
 * one (write, then rename), which a watch on the old file would miss. When the folder does not
 * exist yet (a fresh install whose config has not been pushed), it polls the path every `pollMs`
 * instead, so the file is still noticed when it arrives. Returns a stop function.
 */
export function watchConfigFile(path: string, onChange: () => void, log: Logger, settleMs = 300, pollMs = 2000): () => void {
  const name = basename(path);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(onChange, settleMs);
  };
  try {
    const watcher = watch(dirname(path), (_event, filename) => {
      // Some platforms do not say which file changed; then any change in the folder counts.
      if (!filename || filename === name) changed();
    });
    watcher.on('error', (error) => log.warn('config-watch-failed', { file: path, cause: error.message }));
    return () => {
      clearTimeout(timer);
      watcher.close();
    };
  } catch (error) {
    log.warn('config-watch-polling', { file: path, cause: (error as Error).message, everySeconds: pollMs / 1000 });
    const poll = (now: { mtimeMs: number }, before: { mtimeMs: number }) => {
      if (now.mtimeMs !== before.mtimeMs) changed();
    };
    watchFile(path, { interval: pollMs, persistent: false }, poll);
    return () => {
      clearTimeout(timer);
      unwatchFile(path, poll);
    };
  }
}
