import { describe, expect, it } from 'vitest';
import { chooseVoice, DEFAULT_VOLUME_LEVEL, Speaker, VOLUMES, type Synthesis, type Utterance, type Voice } from './speaker';

const voice = (lang: string, extra: Partial<Voice> = {}): Voice => ({ name: `${lang} voice`, lang, localService: true, default: false, ...extra });

class FakeUtterance implements Utterance {
  voice: SpeechSynthesisVoice | null = null;
  lang = '';
  volume = 1;
  onstart: Utterance['onstart'] = null;
  onend: Utterance['onend'] = null;
  onerror: Utterance['onerror'] = null;
  constructor(readonly text: string) {}
}

/**
 * A stand-in for the browser's speechSynthesis (Node has none): it queues what it is given,
 * and the test plays the engine, starting and ending utterances in order.
 */
class FakeSynthesis implements Synthesis {
  voices: Voice[] = [];
  queue: FakeUtterance[] = [];
  spoken: FakeUtterance[] = [];
  cancels = 0;
  private readonly voiceListeners = new Set<() => void>();
  get speaking() {
    return this.queue.length > 0;
  }
  get pending() {
    return this.queue.length > 1;
  }
  getVoices = () => this.voices as SpeechSynthesisVoice[];
  speak = (u: SpeechSynthesisUtterance) => void this.queue.push(u as unknown as FakeUtterance);
  cancel = () => {
    this.cancels += 1;
    const dropped = this.queue.splice(0);
    for (const u of dropped) u.onerror?.call(u as never, { error: 'interrupted' } as never);
  };
  addEventListener = ((_: string, fn: () => void) => void this.voiceListeners.add(fn)) as Synthesis['addEventListener'];
  removeEventListener = ((_: string, fn: () => void) => void this.voiceListeners.delete(fn)) as Synthesis['removeEventListener'];
  voicesArrive(voices: Voice[]) {
    this.voices = voices;
    for (const fn of this.voiceListeners) fn();
  }
  /** Starts the first queued utterance. */
  start() {
    this.queue[0]!.onstart?.call(this.queue[0] as never, {} as never);
  }
  /** Starts and ends the first queued utterance. */
  finishOne() {
    const u = this.queue[0]!;
    u.onstart?.call(u as never, {} as never);
    this.queue.shift();
    this.spoken.push(u);
    u.onend?.call(u as never, {} as never);
  }
}

function setup(voices: Voice[] = [voice('en-US'), voice('es-ES')]) {
  const synthesis = new FakeSynthesis();
  synthesis.voices = voices;
  let watch: (() => void) | undefined;
  const speaker = new Speaker(synthesis, {
    createUtterance: (text) => new FakeUtterance(text),
    every: (check) => {
      watch = check;
      return () => (watch = undefined);
    },
  });
  const changes: boolean[] = [];
  const unsubscribe = speaker.subscribe(() => changes.push(speaker.snapshot().speaking));
  return { synthesis, speaker, changes, unsubscribe, tick: () => watch?.() };
}

describe('chooseVoice', () => {
  it('matches the primary subtag, prefers the exact language, then the default voice', () => {
    const voices = [voice('es-MX'), voice('en-GB'), voice('es-ES', { default: true }), voice('es')];
    expect(chooseVoice(voices, 'es')).toEqual({ ok: true, voice: voices[3] });
    expect(chooseVoice(voices, 'es-MX')).toEqual({ ok: true, voice: voices[0] });
    expect(chooseVoice(voices, 'es-AR')).toEqual({ ok: true, voice: voices[2] });
    expect(chooseVoice(voices, 'en')).toEqual({ ok: true, voice: voices[1] });
    expect(chooseVoice([voice('en_US')], 'en-us')).toEqual({ ok: true, voice: { ...voice('en_US') } });
  });

  it('says why there is none: no voices, none for the language, or only network ones', () => {
    expect(chooseVoice([], 'en')).toEqual({ ok: false, reason: 'no-voices' });
    expect(chooseVoice([voice('en-US'), voice('eo')], 'es')).toEqual({ ok: false, reason: 'no-voice-for-language' });
    expect(chooseVoice([voice('es-ES', { localService: false })], 'es')).toEqual({ ok: false, reason: 'network-voices-only' });
    expect(chooseVoice([voice('es-ES', { localService: false }), voice('es-US')], 'es')).toMatchObject({ ok: true, voice: { lang: 'es-US' } });
  });
});

describe('Speaker', () => {
  it('without a speech API it says so for every language, and speaks nothing', () => {
    const speaker = new Speaker(undefined);
    expect(speaker.voiceFor('en')).toEqual({ ok: false, reason: 'no-speech-api' });
    speaker.speak(['Hello'], 'en');
    expect(speaker.snapshot().speaking).toBe(false);
  });

  it('reads the parts in order in the chosen voice at the volume, and is speaking until the last ends', () => {
    const { synthesis, speaker, changes } = setup();
    speaker.speak(['Welcome', 'Touch to start, button'], 'es');
    expect(speaker.snapshot().speaking).toBe(true);
    expect(synthesis.queue.map((u) => [u.text, u.lang, u.volume, u.voice?.lang])).toEqual([
      ['Welcome', 'es-ES', VOLUMES[DEFAULT_VOLUME_LEVEL], 'es-ES'],
      ['Touch to start, button', 'es-ES', VOLUMES[DEFAULT_VOLUME_LEVEL], 'es-ES'],
    ]);
    synthesis.finishOne();
    expect(speaker.snapshot().speaking).toBe(true);
    synthesis.finishOne();
    expect(speaker.snapshot().speaking).toBe(false);
    expect(changes).toEqual([true, false]);
  });

  it('reading nothing stops what was being read and is not speaking (the idle timer is not held for it)', () => {
    const { synthesis, speaker } = setup();
    speaker.speak(['One'], 'en');
    speaker.speak([], 'en');
    expect(synthesis.queue).toEqual([]);
    expect(speaker.snapshot().speaking).toBe(false);
  });

  it('stop cancels: nothing more is heard and it is not speaking; old events are ignored', () => {
    const { synthesis, speaker } = setup();
    speaker.speak(['One', 'Two'], 'en');
    const first = synthesis.queue[0]!;
    speaker.stop();
    expect(synthesis.cancels).toBeGreaterThan(0);
    expect(synthesis.queue).toEqual([]);
    expect(speaker.snapshot().speaking).toBe(false);
    speaker.speak(['Three'], 'en');
    first.onend?.call(first as never, {} as never); // a late event from the cancelled reading
    expect(speaker.snapshot().speaking).toBe(true);
  });

  it('speaking again replaces what was being read', () => {
    const { synthesis, speaker } = setup();
    speaker.speak(['Old'], 'en');
    speaker.speak(['New'], 'en');
    expect(synthesis.queue.map((u) => u.text)).toEqual(['New']);
    synthesis.finishOne();
    expect(synthesis.spoken.map((u) => u.text)).toEqual(['New']);
    expect(speaker.snapshot().speaking).toBe(false);
  });

  it('a volume change while reading goes on from the current part at the new volume', () => {
    const { synthesis, speaker } = setup();
    speaker.speak(['One', 'Two', 'Three'], 'en');
    synthesis.finishOne();
    synthesis.start(); // "Two" is being heard
    speaker.setVolumeLevel(VOLUMES.length - 1);
    expect(synthesis.queue.map((u) => [u.text, u.volume])).toEqual([
      ['Two', 1],
      ['Three', 1],
    ]);
    speaker.setVolumeLevel(-5);
    expect(speaker.snapshot().volumeLevel).toBe(0);
    expect(synthesis.queue.map((u) => u.volume)).toEqual([VOLUMES[0], VOLUMES[0]]);
  });

  it('a volume change while silent says nothing; reset stops and goes back to the default volume', () => {
    const { synthesis, speaker } = setup();
    speaker.setVolumeLevel(2);
    expect(synthesis.queue).toEqual([]);
    expect(speaker.snapshot()).toEqual({ speaking: false, volumeLevel: 2 });
    speaker.speak(['One'], 'en');
    speaker.reset();
    expect(synthesis.queue).toEqual([]);
    expect(speaker.snapshot()).toEqual({ speaking: false, volumeLevel: DEFAULT_VOLUME_LEVEL });
  });

  it('an engine error ends the reading', () => {
    const { synthesis, speaker } = setup();
    speaker.speak(['One', 'Two'], 'en');
    const u = synthesis.queue[0]!;
    u.onerror?.call(u as never, { error: 'synthesis-failed' } as never);
    expect(speaker.snapshot().speaking).toBe(false);
  });

  it('an engine that goes quiet without an end event stops being "speaking" after two silent checks', () => {
    const { synthesis, speaker, tick } = setup();
    speaker.speak(['One'], 'en');
    tick();
    expect(speaker.snapshot().speaking).toBe(true); // still queued: the engine is busy
    synthesis.queue.splice(0); // the engine drops it, says nothing
    tick();
    expect(speaker.snapshot().speaking).toBe(true);
    tick();
    expect(speaker.snapshot().speaking).toBe(false);
  });

  it('says nothing in a language it has no voice for, and tells subscribers when voices arrive late', () => {
    const { synthesis, speaker, changes, unsubscribe } = setup([]);
    expect(speaker.voiceFor('en')).toEqual({ ok: false, reason: 'no-voices' });
    speaker.speak(['Hello'], 'en');
    expect(synthesis.queue).toEqual([]);
    const before = speaker.snapshot();
    synthesis.voicesArrive([voice('en-US')]);
    expect(speaker.snapshot()).not.toBe(before);
    expect(changes.length).toBe(1);
    expect(speaker.voiceFor('en')).toMatchObject({ ok: true });
    unsubscribe(); // the last subscriber gone: no listener is left on speechSynthesis
    synthesis.voicesArrive([]);
    expect(changes.length).toBe(1);
  });
});
