import type { SpeechUnavailableReason } from '../../electron/contract/channels';

/** The parts of `window.speechSynthesis` the speaker uses, so tests can hand it a stand-in. */
export type Synthesis = Pick<SpeechSynthesis, 'speak' | 'cancel' | 'getVoices' | 'speaking' | 'pending' | 'addEventListener' | 'removeEventListener'>;
export type Voice = Pick<SpeechSynthesisVoice, 'lang' | 'localService' | 'default' | 'name'>;
/** What the speaker sets on an utterance and listens to. */
export type Utterance = Pick<SpeechSynthesisUtterance, 'voice' | 'lang' | 'volume' | 'onstart' | 'onend' | 'onerror'>;

export type VoiceChoice = { ok: true; voice: Voice } | { ok: false; reason: SpeechUnavailableReason };

/** Volume levels (0..1) the person steps through; speech starts at the middle one. */
export const VOLUMES = [0.4, 0.7, 1] as const;
export const DEFAULT_VOLUME_LEVEL = 1;

const primary = (lang: string) => lang.toLowerCase().split(/[-_]/)[0];
const normalized = (lang: string) => lang.toLowerCase().replace(/_/g, '-');

/**
 * The voice for a session language: same primary subtag (es matches es-419), an exact match
 * first, then the engine's default. Only voices on this machine: a network voice would send
 * what is on screen (a suggested handout says why someone came) off the kiosk.
 */
export function chooseVoice(voices: readonly Voice[], lang: string): VoiceChoice {
  if (voices.length === 0) return { ok: false, reason: 'no-voices' };
  const sameLanguage = voices.filter((v) => primary(v.lang) === primary(lang));
  if (sameLanguage.length === 0) return { ok: false, reason: 'no-voice-for-language' };
  const local = sameLanguage.filter((v) => v.localService);
  if (local.length === 0) return { ok: false, reason: 'network-voices-only' };
  const exact = local.filter((v) => normalized(v.lang) === normalized(lang));
  const best = [exact, local].map((list) => list.find((v) => v.default) ?? list[0]).find(Boolean);
  return { ok: true, voice: best! };
}

export interface SpeakerState {
  speaking: boolean;
  /** Index into VOLUMES. */
  volumeLevel: number;
}

export interface SpeakerOptions {
  createUtterance?: (text: string) => Utterance;
  /** Runs `check` every second while speaking (tests pass their own). */
  every?: (check: () => void) => () => void;
}

/**
 * Reads text aloud with `speechSynthesis`: one utterance per part (heading, paragraph, button),
 * so a volume change goes on from the part being read. Subscribers hear of every change of
 * state, and of voices arriving (engines load them late and announce `voiceschanged`).
 */
export class Speaker {
  private state: SpeakerState = { speaking: false, volumeLevel: DEFAULT_VOLUME_LEVEL };
  private readonly listeners = new Set<() => void>();
  /**
   * What is being read: its parts, language and the part now heard. Kept so utterances are not
   * garbage-collected mid-speech (a Chromium bug that loses `end`).
   */
  private reading: { parts: string[]; lang: string; at: number; utterances: Utterance[] } | undefined;
  /** Bumped by every speak and stop, so events of cancelled utterances are ignored. */
  private generation = 0;
  private stopWatch: (() => void) | undefined;
  private readonly createUtterance: (text: string) => Utterance;
  private readonly every: (check: () => void) => () => void;

  constructor(
    private readonly synthesis: Synthesis | undefined,
    options: SpeakerOptions = {},
  ) {
    this.createUtterance = options.createUtterance ?? ((text) => new SpeechSynthesisUtterance(text));
    this.every =
      options.every ??
      ((check) => {
        const handle = window.setInterval(check, 1000);
        return () => window.clearInterval(handle);
      });
  }

  voiceFor(lang: string): VoiceChoice {
    if (!this.synthesis) return { ok: false, reason: 'no-speech-api' };
    return chooseVoice(this.synthesis.getVoices(), lang);
  }

  snapshot = (): SpeakerState => this.state;

  /** Listens for voices arriving only while someone subscribes (so an unmounted kiosk leaves no listener behind). */
  subscribe = (listener: () => void): (() => void) => {
    if (this.listeners.size === 0) this.synthesis?.addEventListener('voiceschanged', this.voicesChanged);
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.synthesis?.removeEventListener('voiceschanged', this.voicesChanged);
    };
  };

  /** Reads `parts` in order in `lang`, from the first, replacing whatever was being read. */
  speak(parts: string[], lang: string): void {
    // Nothing to read is not "speaking": it would hold the idle timer until the watch gave up.
    if (parts.length === 0) return this.stop();
    this.speakFrom({ parts, lang, at: 0, utterances: [] });
  }

  stop(): void {
    this.generation += 1;
    this.synthesis?.cancel();
    this.reading = undefined;
    this.finish();
  }

  /** Steps the volume; what is being read goes on from its current part at the new volume. */
  setVolumeLevel(level: number): void {
    const volumeLevel = Math.max(0, Math.min(VOLUMES.length - 1, level));
    this.set({ volumeLevel });
    if (this.state.speaking && this.reading) this.speakFrom(this.reading);
  }

  /** The session is over: silence, and the next person starts at the default volume. */
  reset(): void {
    this.stop();
    this.set({ volumeLevel: DEFAULT_VOLUME_LEVEL });
  }

  private speakFrom(reading: NonNullable<Speaker['reading']>): void {
    const synthesis = this.synthesis;
    const choice = this.voiceFor(reading.lang);
    if (!synthesis || !choice.ok) return;
    this.stop();
    const generation = this.generation;
    const current = () => generation === this.generation;
    const rest = reading.parts.slice(reading.at);
    const utterances = rest.map((text, i) => {
      const utterance = this.createUtterance(text);
      utterance.voice = choice.voice as SpeechSynthesisVoice;
      utterance.lang = choice.voice.lang;
      utterance.volume = VOLUMES[this.state.volumeLevel]!;
      utterance.onstart = () => {
        if (current() && this.reading) this.reading.at = reading.at + i;
      };
      utterance.onend = () => {
        if (current() && i === rest.length - 1) this.finish();
      };
      // Cancelling fires `interrupted` or `canceled` on utterances of an old generation: ignored.
      // Any other error ends the reading, so the idle timer is never held by a silent engine.
      utterance.onerror = () => {
        if (current()) this.finish();
      };
      return utterance;
    });
    this.reading = { ...reading, utterances };
    this.set({ speaking: true });
    for (const utterance of utterances) synthesis.speak(utterance as SpeechSynthesisUtterance);
    // An engine that goes quiet without `end` (it happens) must not leave the kiosk "speaking".
    let quiet = 0;
    this.stopWatch = this.every(() => {
      quiet = synthesis.speaking || synthesis.pending ? 0 : quiet + 1;
      if (quiet >= 2 && current()) this.finish();
    });
  }

  private finish(): void {
    this.stopWatch?.();
    this.stopWatch = undefined;
    if (this.state.speaking) this.set({ speaking: false });
  }

  private set(change: Partial<SpeakerState>): void {
    this.state = { ...this.state, ...change };
    this.notify();
  }

  /** A new snapshot, so a component showing the control looks at the voices again. */
  private readonly voicesChanged = () => this.set({});

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
