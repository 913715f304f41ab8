/** When a tap's effect was in the DOM and when it was painted, in ms from the tap (the page's own clock). */
export interface TapTiming {
  dom: number;
  painted: number;
}

/** What a tap should bring: a screen (by its data-screen name) with a new heading, and, if asked, its first handout cards. */
export interface ExpectedTap {
  screen: string;
  cards?: boolean;
}

/** The probe installTapProbe puts on `window`: arm, tap, then read. */
export interface TapProbe {
  arm(expected: ExpectedTap): void;
  /** The screen painted, and its first cards painted when they were asked for. */
  read(): Promise<{ screen: TapTiming; cards?: TapTiming }>;
}

declare global {
  interface Window {
    tapProbe?: TapProbe;
    /** Set by watchWelcome: when the Welcome heading was first painted, in ms from navigation. */
    welcomePainted?: Promise<number>;
  }
}

/**
 * Runs inside a page (page.evaluate: it stands alone). The tap's time is its click event's time
 * stamp; a MutationObserver sees the screen in the DOM; a task posted from the next animation
 * frame runs after that frame is painted. Works on the kiosk and on the bare React page alike:
 * both mark a screen with data-screen and head it with an h1.
 */
export function installTapProbe(timeoutMs: number): void {
  let reading: Promise<{ screen: TapTiming; cards?: TapTiming }> | undefined;
  const painted = () =>
    new Promise<number>((resolve) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now());
        channel.port2.postMessage(null);
      }),
    );
  /** The time `holds()` first held, checked now and after each DOM change, then the time of the frame that painted it. */
  const seen = (holds: () => boolean, what: string) =>
    new Promise<{ dom: number; painted: number }>((resolve, reject) => {
      const done = () => {
        const dom = performance.now();
        void painted().then((at) => resolve({ dom, painted: at }));
      };
      if (holds()) return done();
      const observer = new MutationObserver(() => {
        if (!holds()) return;
        finish();
        done();
      });
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`the page never showed ${what}; it shows: ${document.body.textContent?.slice(0, 300)}`));
      }, timeoutMs);
      const finish = () => {
        observer.disconnect();
        clearTimeout(timer);
      };
      observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });

  window.tapProbe = {
    arm({ screen, cards }) {
      const before = document.querySelector('main h1')?.textContent ?? '';
      const tap = new Promise<number>((resolve) => window.addEventListener('click', (event) => resolve(event.timeStamp), { capture: true, once: true }));
      const heading = () => document.querySelector(`[data-screen="${screen}"] h1`);
      const shown = seen(() => !!heading() && heading()!.textContent !== before, `the ${screen} screen`);
      const cardsShown = cards ? seen(() => !!document.querySelector(`[data-screen="${screen}"] [data-handout]`), `handout cards on ${screen}`) : undefined;
      reading = (async () => {
        const t0 = await tap;
        const since = (at: { dom: number; painted: number }) => ({ dom: at.dom - t0, painted: at.painted - t0 });
        return { screen: since(await shown), ...(cardsShown ? { cards: since(await cardsShown) } : {}) };
      })();
    },
    read: () => reading ?? Promise.reject(new Error('the tap probe was read before it was armed')),
  };
}

/**
 * An init script (context.addInitScript: it runs in every new document before the page's own
 * scripts): `window.welcomePainted` resolves with the time, from navigation start, of the frame
 * that first painted the Welcome heading.
 */
export function watchWelcome(): void {
  window.welcomePainted = new Promise<number>((resolve) => {
    const found = () => !!document.querySelector('[data-screen="welcome"] h1');
    const resolveAfterPaint = () =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now());
        channel.port2.postMessage(null);
      });
    const observer = new MutationObserver(() => {
      if (!found()) return;
      observer.disconnect();
      resolveAfterPaint();
    });
    observer.observe(document, { childList: true, subtree: true });
  });
}
