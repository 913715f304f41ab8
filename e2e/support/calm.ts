import type { Page } from '@playwright/test';

/** Faster than this many flashes a second can bring on a seizure (WCAG 2.3.1). */
const MAX_FLASHES_PER_SECOND = 3;
/** Blinking may go on this long in all, then stop by itself (WCAG 2.2.2). */
const MAX_BLINKING_MS = 5000;

/**
 * What moves on the page now that should not: an animation repeating faster than three times a
 * second, or blinking (opacity, visibility, colors) that goes on for more than five seconds.
 * With `reducedMotion`, anything running at all.
 */
export async function restlessAnimations(page: Page, { reducedMotion = false } = {}): Promise<string[]> {
  return page.evaluate(
    ({ maxPerSecond, maxBlinkMs, reducedMotion }) => {
      const blinks = /^(opacity|visibility|color|background|background-color|border-color|outline-color|fill|stroke|filter)$/;
      return document.getAnimations().flatMap((animation) => {
        const effect = animation.effect as KeyframeEffect | null;
        const timing = effect?.getComputedTiming();
        const target = effect?.target;
        const name = (animation as CSSAnimation).animationName ?? (animation as CSSTransition).transitionProperty ?? animation.id;
        const what = `${animation.constructor.name} "${name}" on ${target?.tagName.toLowerCase() ?? '?'}.${[...(target?.classList ?? [])].join('.')}`;
        if (animation.playState !== 'running') return [];
        if (reducedMotion) return [`${what} runs with reduced motion asked for`];
        const duration = Number(timing?.duration ?? 0);
        const iterations = Number(timing?.iterations ?? 1);
        const problems: string[] = [];
        if (iterations > 1 && duration > 0 && duration < 1000 / maxPerSecond) problems.push(`${what} repeats every ${duration} ms`);
        const properties = (effect?.getKeyframes() ?? []).flatMap((frame) =>
          Object.keys(frame).filter((key) => !['offset', 'computedOffset', 'easing', 'composite'].includes(key)),
        );
        const blinking = properties.map((p) => p.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)).filter((p) => blinks.test(p));
        if (blinking.length > 0 && duration * iterations > maxBlinkMs)
          problems.push(`${what} blinks (${[...new Set(blinking)].join(', ')}) for ${iterations === Infinity ? 'ever' : `${duration * iterations} ms`}`);
        return problems;
      });
    },
    { maxPerSecond: MAX_FLASHES_PER_SECOND, maxBlinkMs: MAX_BLINKING_MS, reducedMotion },
  );
}

/** Media that would play by itself: <audio> or <video> with autoplay. */
export async function autoplayingMedia(page: Page): Promise<string[]> {
  return page.evaluate(() => [...document.querySelectorAll<HTMLMediaElement>('audio, video')].filter((m) => m.autoplay).map((m) => m.outerHTML.slice(0, 80)));
}

/**
 * Installs, before the page's own scripts, a count of every way it could make a sound: an
 * AudioContext made or a source started, a media element played, speech spoken. Read it with
 * `soundsMade`.
 */
export async function countSounds(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const sounds: string[] = [];
    Object.defineProperty(window, '__soundsMade', { value: sounds });
    const wrap = <T extends object>(proto: T | undefined, name: keyof T & string, label: string) => {
      if (!proto) return;
      const original = proto[name] as unknown as (...args: unknown[]) => unknown;
      Object.defineProperty(proto, name, {
        configurable: true,
        writable: true,
        value(this: unknown, ...args: unknown[]) {
          sounds.push(label);
          return original.apply(this, args);
        },
      });
    };
    wrap(window.HTMLMediaElement?.prototype, 'play', 'media play()');
    wrap(window.AudioScheduledSourceNode?.prototype, 'start', 'audio source start()');
    wrap(window.SpeechSynthesis?.prototype, 'speak', 'speechSynthesis.speak()');
    const Context = window.AudioContext;
    if (Context) {
      window.AudioContext = class extends Context {
        constructor(...args: ConstructorParameters<typeof AudioContext>) {
          super(...args);
          sounds.push('new AudioContext');
        }
      };
    }
  });
}

/** Every sound the page has tried to make since it loaded (see `countSounds`). */
export async function soundsMade(page: Page): Promise<string[]> {
  return page.evaluate(() => [...((window as unknown as { __soundsMade?: string[] }).__soundsMade ?? ['the sound counter is not installed'])]);
}
