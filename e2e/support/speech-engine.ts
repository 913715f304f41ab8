import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real speech engine for Chromium's Web Speech API on a machine with no sound card:
 * speech-dispatcher with espeak-ng (Chromium starts it itself with --enable-speech-dispatcher),
 * playing into a PulseAudio null sink, which keeps real time, so speech lasts as long as it
 * would from a speaker. Everything lives in a throwaway runtime folder: nothing of the machine's
 * own sound or speech set-up is touched. (Without a working audio output speech-dispatcher's
 * espeak-ng module dies on the first utterance, and Chromium then lists no voices.)
 */
export class SpeechEngine {
  private pulse: ChildProcess | undefined;

  private constructor(private readonly dir: string) {}

  /** What Chromium needs to find the engine: the flag and the folders speech-dispatcher reads. */
  get launch(): { args: string[]; env: Record<string, string> } {
    return {
      args: ['--enable-speech-dispatcher'],
      env: { ...(process.env as Record<string, string>), XDG_RUNTIME_DIR: join(this.dir, 'run'), XDG_CONFIG_HOME: join(this.dir, 'config') },
    };
  }

  static async start(): Promise<SpeechEngine> {
    // The espeak-ng module, not the espeak-ng program: speech-dispatcher runs the module.
    for (const program of ['/usr/bin/pulseaudio', '/usr/bin/speech-dispatcher', '/usr/lib/speech-dispatcher-modules/sd_espeak-ng']) {
      if (!existsSync(program)) throw new Error(`${program} is missing: install pulseaudio, speech-dispatcher and speech-dispatcher-espeak-ng (.ci/run does)`);
    }
    const engine = new SpeechEngine(await mkdtemp(join(tmpdir(), 'kiosk-speech-')));
    const run = join(engine.dir, 'run');
    await mkdir(run, { mode: 0o700 });
    await mkdir(join(engine.dir, 'config', 'speech-dispatcher'), { recursive: true });
    await writeFile(
      join(engine.dir, 'config', 'speech-dispatcher', 'speechd.conf'),
      'Include "/etc/speech-dispatcher/speechd.conf"\nAudioOutputMethod "pulse"\n',
    );
    const pulse = spawn(
      'pulseaudio',
      [
        '--daemonize=no',
        '-n',
        '--load=module-null-sink',
        '--load=module-native-protocol-unix',
        '--exit-idle-time=-1',
        '--disallow-exit',
        '--log-target=stderr',
      ],
      {
        env: engine.launch.env,
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    engine.pulse = pulse;
    let log = '';
    pulse.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const socket = join(run, 'pulse', 'native');
    for (let waited = 0; !existsSync(socket); waited += 100) {
      if (pulse.exitCode !== null || waited > 10_000) throw new Error(`PulseAudio did not start:\n${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return engine;
  }

  /** Stops PulseAudio and the speech-dispatcher Chromium started for it, and removes the folder. */
  async stop(): Promise<void> {
    const pidFile = join(this.dir, 'run', 'speech-dispatcher', 'pid', 'speech-dispatcher.pid');
    const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).trim());
    if (pid > 0) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // it had already gone (speech-dispatcher leaves on its own when idle)
      }
    }
    if (this.pulse && this.pulse.exitCode === null) {
      const exited = new Promise((r) => this.pulse!.once('exit', r));
      this.pulse.kill('SIGTERM');
      await exited;
    }
    await rm(this.dir, { recursive: true, force: true });
  }
}
