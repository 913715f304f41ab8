/** What one tap on the on-screen keyboard took, in ms from the tap, in the page's own clock. */
export interface KeystrokeTiming {
  /** The letter shown in the search field. */
  echo: number;
  /** Only when the tap changed the query (not a Space, say): the content:search request it caused. */
  search?: {
    /** The request sent. */
    sent: number;
    /** Its answer back in the page. */
    answered: number;
    /** The host's own time for it (its Server-Timing header): validating, searching, validating the answer. */
    host: number;
    /** The answer's results in the page (the DOM), or the "no handouts" message. */
    shown: number;
    /** The frame that painted them. */
    painted: number;
  };
}

/** What a tap on a topic chip took, in ms from the tap. */
export interface TopicTiming {
  /** The list's first cards in the DOM. */
  cards: number;
  /** The frame that shows them painted (a task posted from its requestAnimationFrame runs after the paint). */
  painted: number;
}

/** What the page expects a keystroke to show: the field's text, and the query sent for it (null: none is sent). */
export interface ExpectedKeystroke {
  text: string;
  query: string | null;
}

/**
 * The probe, installed on `window` by installProbe. Arm, tap, then read the timing: it resolves
 * once the tap's effect is shown, or rejects saying what never was.
 */
export interface Probe {
  armKeystroke(expected: ExpectedKeystroke): void;
  keystroke(): Promise<KeystrokeTiming>;
  armTopic(count: number): void;
  topic(): Promise<TopicTiming>;
}

declare global {
  interface Window {
    kioskBench?: Probe;
  }
}

/**
 * Runs inside the kiosk page (page.evaluate: it must stand alone, using nothing from outside).
 * Arm, tap with Playwright (a real click), then read the timing. Times are performance.now()
 * and the tap's event.timeStamp, the page's own clock, so the protocol round trips of the test
 * runner are not in them. A MutationObserver callback runs right after the DOM change that
 * fired it (before the frame is painted): its time is when React committed that change.
 */
export function installProbe(timeoutMs: number): void {
  type Search = { query: string; sent: number; answered?: number; host?: number; ids?: string[] };
  const searches: Search[] = [];
  const searchArrived: Array<() => void> = [];
  const notArmed = () => Promise.reject(new Error('the probe was read before it was armed'));
  let keystroke: Promise<KeystrokeTiming> | undefined;
  let topic: Promise<TopicTiming> | undefined;

  // The screen's content:search calls, seen from inside the page: when sent, when answered, which handouts.
  const pageFetch = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.endsWith('/api/content:search')) return pageFetch(input, init);
    const search: Search = { query: (JSON.parse(String(init?.body)) as { query: string }).query, sent: performance.now() };
    searches.push(search);
    const response = await pageFetch(input, init);
    search.answered = performance.now();
    const hostMs = /dispatch;dur=([\d.]+)/.exec(response.headers.get('server-timing') ?? '')?.[1];
    if (hostMs === undefined) throw new Error('content:search answered without its Server-Timing header');
    search.host = Number(hostMs);
    void response
      .clone()
      .json()
      .then((result: { ok: boolean; value?: { handouts: Array<{ id: string }> } }) => {
        search.ids = result.ok ? result.value!.handouts.map((h) => h.id) : ['(content:search failed)'];
        searchArrived.splice(0).forEach((wake) => wake());
      });
    return response;
  };

  /** The time just after the next frame is painted (a task posted from its requestAnimationFrame). */
  const nextPaint = () =>
    new Promise<number>((resolve) =>
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve(performance.now());
        channel.port2.postMessage(null);
      }),
    );

  /** The time of the next tap (the click event's own time stamp). */
  const nextTap = () => new Promise<number>((resolve) => window.addEventListener('click', (event) => resolve(event.timeStamp), { capture: true, once: true }));

  /** Resolves with the time `holds()` first became true, checked now and after each DOM change under `root`. */
  const when = (root: Element, holds: () => boolean, what: string) =>
    new Promise<number>((resolve, reject) => {
      if (holds()) return resolve(performance.now());
      const observer = new MutationObserver(() => {
        if (!holds()) return;
        finish();
        resolve(performance.now());
      });
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`the kiosk page never showed ${what}; it shows: ${root.textContent?.slice(0, 300)}`));
      }, timeoutMs);
      const finish = () => {
        observer.disconnect();
        clearTimeout(timer);
      };
      observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
    });

  const element = (selector: string) => {
    const found = document.querySelector(selector);
    if (!found) throw new Error(`the kiosk page has no ${selector}`);
    return found;
  };

  /** Resolves when the screen has asked content:search for `query` (after `from`) and read the answer. */
  const searchFor = (query: string, from: number) =>
    new Promise<Search>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the kiosk page never searched for "${query}"`)), timeoutMs);
      const check = () => {
        const search = searches.slice(from).find((s) => s.query === query && s.ids);
        if (!search) return void searchArrived.push(check);
        clearTimeout(timer);
        resolve(search);
      };
      check();
    });

  /**
   * When the search results show this answer: its handouts in order, or the "no handouts" message
   * with the query. That is the last DOM change in the results (`lastChange()`), or the answer's
   * arrival when they already showed it (the same handouts as the last prefix's).
   */
  const resultsShown = async (search: Search, results: Element, lastChange: () => number) => {
    const showsIt = () =>
      search.ids!.length === 0
        ? !!results.querySelector('[data-testid="search-none"]')?.textContent?.includes(`“${search.query}”`)
        : [...results.querySelectorAll('[data-handout]')].map((card) => card.getAttribute('data-handout')).join() === search.ids!.join();
    await when(results, showsIt, `the results for "${search.query}"`);
    return Math.max(lastChange(), search.answered!);
  };

  window.kioskBench = {
    armKeystroke(expected) {
      const field = element('[data-testid="search-field"]');
      const results = element('[data-testid="search-results"]');
      const from = searches.length;
      // Watched from now: React may show the answer before this probe has read it too.
      let lastChange = 0;
      const changes = new MutationObserver(() => (lastChange = performance.now()));
      changes.observe(results, { subtree: true, childList: true, characterData: true, attributes: true });
      const tap = nextTap();
      const echo = when(field, () => field.querySelector('.search-text')?.textContent === expected.text, `"${expected.text}" in the search field`);
      const search = expected.query === null ? null : searchFor(expected.query, from);
      const shown = search?.then((s) => resultsShown(s, results, () => lastChange));
      keystroke = (async () => {
        try {
          const t0 = await tap;
          const timing: KeystrokeTiming = { echo: (await echo) - t0 };
          if (search && shown) {
            const s = await search;
            const shownAt = await shown;
            timing.search = { sent: s.sent - t0, answered: s.answered! - t0, host: s.host!, shown: shownAt - t0, painted: (await nextPaint()) - t0 };
          }
          return timing;
        } finally {
          changes.disconnect();
        }
      })();
    },
    armTopic(count) {
      const tap = nextTap();
      const cards = when(document.body, () => !!document.querySelector(`.handout-list--virtual[data-count="${count}"] li`), `a list of ${count} handouts`);
      topic = (async () => {
        const t0 = await tap;
        const cardsAt = await cards;
        return { cards: cardsAt - t0, painted: (await nextPaint()) - t0 };
      })();
    },
    keystroke: () => keystroke ?? notArmed(),
    topic: () => topic ?? notArmed(),
  };
}
