import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RecordingLogger } from '../../testing/recording-logger';
import { watchConfigFile } from './config-watcher';

let dir: string;
let stop = () => {};
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiosk-watch-'));
});
afterEach(async () => {
  stop();
  await rm(dir, { recursive: true, force: true });
});

/** Waits long enough for a change that should not be reported to have been reported. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('watchConfigFile', () => {
  it('reports an edit in place once, after the writes settle', async () => {
    const file = join(dir, 'config.json');
    await writeFile(file, '{}');
    const onChange = vi.fn();
    stop = watchConfigFile(file, onChange, new RecordingLogger(), 50);
    await writeFile(file, '{"a":1}');
    await writeFile(file, '{"a":2}');
    await vi.waitFor(() => expect(onChange).toHaveBeenCalled());
    await settle();
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('reports a file replaced by rename, as config tools do', async () => {
    const file = join(dir, 'config.json');
    await writeFile(file, '{}');
    const onChange = vi.fn();
    stop = watchConfigFile(file, onChange, new RecordingLogger(), 50);
    await writeFile(join(dir, '.config.json.tmp'), '{"b":1}');
    await rename(join(dir, '.config.json.tmp'), file);
    await vi.waitFor(() => expect(onChange).toHaveBeenCalled());
  });

  it('ignores other files in the folder', async () => {
    const file = join(dir, 'config.json');
    await writeFile(file, '{}');
    const onChange = vi.fn();
    stop = watchConfigFile(file, onChange, new RecordingLogger(), 20);
    await writeFile(join(dir, 'notes.txt'), 'hello');
    await settle();
    expect(onChange).not.toHaveBeenCalled();
  });

  it('polls for a file whose folder does not exist yet, and reports it when it arrives', async () => {
    const log = new RecordingLogger();
    const file = join(dir, 'not-pushed-yet', 'config.json');
    const onChange = vi.fn();
    stop = watchConfigFile(file, onChange, log, 20, 50);
    expect(log.lines).toEqual([
      { level: 'warn', event: 'config-watch-polling', details: { file, cause: expect.stringContaining('ENOENT'), everySeconds: 0.05 } },
    ]);
    await settle();
    expect(onChange).not.toHaveBeenCalled();
    await mkdir(join(dir, 'not-pushed-yet'));
    await writeFile(file, '{}');
    await vi.waitFor(() => expect(onChange).toHaveBeenCalled());
  });
});
