import { describe, expect, it } from 'vitest';
import { waitFor } from 'xstate';
import { freshContext, type PrintOutcome } from './kiosk-machine';
import { answerAll, fakePrint, settings, start, toHandouts, toOutcome } from './kiosk-machine-harness';

describe('kiosk flow', () => {
  it('starts on the welcome screen with a fresh context', () => {
    const k = start();
    expect(k.state()).toBe('welcome');
    expect(k.context()).toEqual(freshContext(settings));
    expect(k.recorded).toEqual([]);
  });

  it('all No: come in, recording the session start and the come-in, in that order', () => {
    const k = start();
    k.actor.send({ type: 'START' });
    expect(k.state()).toBe('policy');
    expect(k.recorded).toEqual([]);
    k.actor.send({ type: 'CHOOSE', party: 'patient' });
    expect(k.state()).toBe('screening');
    expect(k.recorded).toEqual(['session-start']);
    expect(k.context()).toMatchObject({ party: 'patient', people: ['patient'], personIndex: 0, questionIndex: 0 });

    for (let q = 0; q < 3; q++) {
      k.actor.send({ type: 'ANSWER', yes: false });
      expect(k.state()).toBe('screening');
      expect(k.context().questionIndex).toBe(q + 1);
    }
    k.actor.send({ type: 'ANSWER', yes: false });
    expect(k.state()).toBe('outcome');
    expect(k.context().outcome).toBe('come-in');
    expect(k.context().answers).toEqual([[false, false, false, false]]);
    expect(k.recorded).toEqual(['session-start', 'come-in']);
  });

  it('counts a person once, even after Back to the policy and a new choice', () => {
    const k = start();
    k.actor.send({ type: 'START' });
    k.actor.send({ type: 'BACK' });
    k.actor.send({ type: 'START' });
    k.actor.send({ type: 'CHOOSE', party: 'patient' });
    k.actor.send({ type: 'BACK' });
    expect(k.state()).toBe('policy');
    k.actor.send({ type: 'CHOOSE', party: 'patient-with-guardian' });
    expect(k.recorded).toEqual(['session-start']);
  });

  it('prints at most one phone slip per session', async () => {
    const k = start();
    k.actor.send({ type: 'START' });
    k.actor.send({ type: 'CHOOSE', party: 'patient' });
    for (const yes of [true, false, false, false]) k.actor.send({ type: 'ANSWER', yes });
    k.actor.send({ type: 'PRINT_SLIP' });
    await waitFor(k.actor, (s) => s.matches({ flow: 'printed' }));
    k.actor.send({ type: 'NEXT' });
    expect(k.state()).toBe('outcome');
    k.actor.send({ type: 'PRINT_SLIP' });
    expect(k.state()).toBe('outcome');
    expect(k.context().slipPrinted).toBe(true);
  });

  it('one Yes: stay out', () => {
    const k = start();
    toOutcome(k, 'patient', (n) => n === 2);
    expect(k.state()).toBe('outcome');
    expect(k.context().outcome).toBe('stay-out');
    expect(k.recorded).toEqual(['session-start', 'stay-out']);
  });

  it('a patient with a guardian answers every question for each of them', () => {
    const k = start();
    k.actor.send({ type: 'START' });
    k.actor.send({ type: 'CHOOSE', party: 'patient-with-guardian' });
    expect(k.context().people).toEqual(['patient', 'guardian']);

    const asked: Array<[string, number]> = [];
    while (k.state() === 'screening') {
      const { people, personIndex, questionIndex } = k.context();
      asked.push([people[personIndex]!, questionIndex]);
      k.actor.send({ type: 'ANSWER', yes: false });
    }
    expect(asked).toEqual([
      ['patient', 0],
      ['patient', 1],
      ['patient', 2],
      ['patient', 3],
      ['guardian', 0],
      ['guardian', 1],
      ['guardian', 2],
      ['guardian', 3],
    ]);
    expect(k.state()).toBe('outcome');
    expect(k.context().outcome).toBe('come-in');
  });

  it("a guardian's Yes keeps them both out", () => {
    const k = start();
    expect(toOutcome(k, 'patient-with-guardian', (n) => n === 7)).toBe(8);
    expect(k.context().answers).toEqual([
      [false, false, false, false],
      [false, false, false, true],
    ]);
    expect(k.context().outcome).toBe('stay-out');
  });

  it('Back from the first question goes to the policy; Back mid-way keeps the earlier answers', () => {
    const k = start();
    k.actor.send({ type: 'START' });
    k.actor.send({ type: 'CHOOSE', party: 'patient-with-guardian' });
    k.actor.send({ type: 'BACK' });
    expect(k.state()).toBe('policy');

    k.actor.send({ type: 'CHOOSE', party: 'patient-with-guardian' });
    const answers = [true, false, true, false, true]; // up to the guardian's first question
    for (const yes of answers) k.actor.send({ type: 'ANSWER', yes });
    expect(k.context()).toMatchObject({ personIndex: 1, questionIndex: 1 });

    k.actor.send({ type: 'BACK' });
    expect(k.context()).toMatchObject({ personIndex: 1, questionIndex: 0 });
    k.actor.send({ type: 'BACK' }); // back across people: the patient's last question
    expect(k.state()).toBe('screening');
    expect(k.context()).toMatchObject({ personIndex: 0, questionIndex: 3 });
    expect(k.context().answers).toEqual([
      [true, false, true, false],
      [true, false, false, false],
    ]);

    // Changing an answer on the way back, then going on.
    k.actor.send({ type: 'ANSWER', yes: false });
    expect(k.context()).toMatchObject({ personIndex: 1, questionIndex: 0 });
    expect(k.context().answers[0]).toEqual([true, false, true, false]);
  });

  it('Back on the policy screen goes back to a fresh welcome', () => {
    const k = start();
    k.actor.send({ type: 'START' });
    k.actor.send({ type: 'SET_LANG', lang: 'es' });
    k.actor.send({ type: 'BACK' });
    expect(k.state()).toBe('welcome');
    expect(k.context()).toEqual(freshContext(settings));
  });

  it('turns a visitor away when there are no visitors, then goes back to welcome', () => {
    const k = start();
    k.actor.send({ type: 'START' });
    k.actor.send({ type: 'CHOOSE', party: 'visitor' });
    expect(k.state()).toBe('turnedAway');
    expect(k.recorded).toEqual(['session-start', 'turned-away']);

    k.clock.increment(7999);
    expect(k.state()).toBe('turnedAway');
    k.clock.increment(1);
    expect(k.state()).toBe('welcome');
    expect(k.context()).toEqual(freshContext(settings));
  });

  it('screens a visitor when visitors are allowed', () => {
    for (const visitorMode of ['open', 'one-visitor'] as const) {
      const k = start({ settings: { ...settings, visitorMode } });
      k.actor.send({ type: 'START' });
      k.actor.send({ type: 'CHOOSE', party: 'visitor' });
      expect(k.state()).toBe('screening');
      expect(k.context().people).toEqual(['visitor']);
      expect(answerAll(k)).toBe(4);
      expect(k.recorded).toEqual(['session-start', 'come-in']);
    }
  });

  it('selects at most maxHandouts handouts, and toggles one off', () => {
    const k = start();
    toOutcome(k);
    k.actor.send({ type: 'NEXT' });
    expect(k.state()).toBe('handouts');
    for (const id of ['a', 'b', 'c', 'd']) k.actor.send({ type: 'TOGGLE_HANDOUT', id });
    expect(k.context().selected).toEqual(['a', 'b', 'c']);
    k.actor.send({ type: 'TOGGLE_HANDOUT', id: 'b' });
    expect(k.context().selected).toEqual(['a', 'c']);
    k.actor.send({ type: 'TOGGLE_HANDOUT', id: 'd' });
    expect(k.context().selected).toEqual(['a', 'c', 'd']);
  });

  it('does not print with nothing selected', async () => {
    const fake = fakePrint();
    const k = start({ print: fake.print });
    toOutcome(k);
    await toHandouts(k);
    k.actor.send({ type: 'PRINT_HANDOUTS' });
    expect(k.state()).toBe('handouts');
    k.actor.send({ type: 'TOGGLE_HANDOUT', id: 'fever' });
    k.actor.send({ type: 'TOGGLE_HANDOUT', id: 'fever' });
    k.actor.send({ type: 'PRINT_HANDOUTS' });
    expect(k.state()).toBe('handouts');
    expect(fake.requests).toEqual([]);
  });

  it('prints the selected handouts in the chosen language and shows how it went', async () => {
    let finish: (outcome: PrintOutcome) => void = () => {};
    const fake = fakePrint(() => new Promise((resolve) => (finish = resolve)));
    const k = start({ print: fake.print });
    k.actor.send({ type: 'START' });
    k.actor.send({ type: 'SET_LANG', lang: 'es' });
    k.actor.send({ type: 'CHOOSE', party: 'patient' });
    answerAll(k);
    await toHandouts(k);
    k.actor.send({ type: 'TOGGLE_HANDOUT', id: 'fever' });
    k.actor.send({ type: 'TOGGLE_HANDOUT', id: 'flu-vaccine' });
    k.actor.send({ type: 'PRINT_HANDOUTS' });

    expect(k.state()).toBe('printing');
    expect(fake.requests).toEqual([{ kind: 'handouts', lang: 'es', ids: ['fever', 'flu-vaccine'] }]);
    finish('done');
    await waitFor(k.actor, (s) => s.matches({ flow: 'printed' }));
    expect(k.context().printOutcome).toBe('done');

    k.actor.send({ type: 'NEXT' });
    expect(k.state()).toBe('done');
  });

  it('passes on a limit refusal as its own outcome', async () => {
    const k = start({ print: fakePrint(async () => 'limit').print });
    toOutcome(k);
    await toHandouts(k);
    k.actor.send({ type: 'TOGGLE_HANDOUT', id: 'fever' });
    k.actor.send({ type: 'PRINT_HANDOUTS' });
    await waitFor(k.actor, (s) => s.matches({ flow: 'printed' }));
    expect(k.context().printOutcome).toBe('limit');
  });

  it('shows a failed print when printing rejects', async () => {
    const k = start({ print: fakePrint(async () => Promise.reject(new Error('host gone'))).print });
    toOutcome(k);
    await toHandouts(k);
    k.actor.send({ type: 'TOGGLE_HANDOUT', id: 'fever' });
    k.actor.send({ type: 'PRINT_HANDOUTS' });
    await waitFor(k.actor, (s) => s.matches({ flow: 'printed' }));
    expect(k.context().printOutcome).toBe('failed');
    expect(k.actor.getSnapshot().status).toBe('active');
  });

  it('prints the phone slip from the outcome screen and goes back to it', async () => {
    const fake = fakePrint();
    const k = start({ print: fake.print });
    toOutcome(k, 'patient', () => true);
    k.actor.send({ type: 'PRINT_SLIP' });
    expect(k.state()).toBe('printing');
    expect(fake.requests).toEqual([{ kind: 'phone-slip', lang: 'en' }]);
    await waitFor(k.actor, (s) => s.matches({ flow: 'printed' }));
    expect(k.context()).toMatchObject({ printKind: 'phone-slip', printOutcome: 'done' });

    k.actor.send({ type: 'NEXT' });
    expect(k.state()).toBe('outcome');
    expect(k.context().outcome).toBe('stay-out');

    // Handouts can still be printed after the slip.
    await toHandouts(k);
    k.actor.send({ type: 'TOGGLE_HANDOUT', id: 'fever' });
    k.actor.send({ type: 'PRINT_HANDOUTS' });
    expect(fake.requests.at(-1)).toEqual({ kind: 'handouts', lang: 'en', ids: ['fever'] });
    await waitFor(k.actor, (s) => s.matches({ flow: 'printed' }));
    k.actor.send({ type: 'NEXT' });
    expect(k.state()).toBe('done');
  });

  it('records the outcome once, even after printing the phone slip', async () => {
    const k = start();
    toOutcome(k, 'patient', () => true);
    k.actor.send({ type: 'PRINT_SLIP' });
    await waitFor(k.actor, (s) => s.matches({ flow: 'printed' }));
    k.actor.send({ type: 'NEXT' });
    expect(k.recorded).toEqual(['session-start', 'stay-out']);
  });

  it('changes the language at any point without losing the answers', () => {
    const k = start();
    k.actor.send({ type: 'START' });
    k.actor.send({ type: 'CHOOSE', party: 'patient' });
    k.actor.send({ type: 'ANSWER', yes: true });
    k.actor.send({ type: 'SET_LANG', lang: 'es' });
    expect(k.context().lang).toBe('es');
    expect(k.context()).toMatchObject({ questionIndex: 1, answers: [[true, false, false, false]] });
    expect(k.state()).toBe('screening');
  });

  it('changes the text size and contrast at any point without losing the place, and the next person starts at normal', () => {
    const k = start();
    expect(k.context().textSize).toBe('normal');
    k.actor.send({ type: 'START' });
    k.actor.send({ type: 'CHOOSE', party: 'patient' });
    k.actor.send({ type: 'ANSWER', yes: false });
    k.actor.send({ type: 'SET_TEXT_SIZE', size: 'x-large' });
    k.actor.send({ type: 'SET_CONTRAST', high: true });
    expect(k.context()).toMatchObject({ textSize: 'x-large', highContrast: true, questionIndex: 1 });
    expect(k.state()).toBe('screening');
    k.actor.send({ type: 'END_SESSION', reason: 'staff' });
    expect(k.context()).toMatchObject({ textSize: 'normal', highContrast: false });
  });

  it('END_SESSION from the middle forgets everything', async () => {
    let finish: (outcome: PrintOutcome) => void = () => {};
    const k = start({ print: fakePrint(() => new Promise((resolve) => (finish = resolve))).print });
    k.actor.send({ type: 'START' });
    k.actor.send({ type: 'SET_LANG', lang: 'es' });
    k.actor.send({ type: 'SET_TEXT_SIZE', size: 'large' });
    k.actor.send({ type: 'CHOOSE', party: 'patient-with-guardian' });
    k.actor.send({ type: 'ANSWER', yes: true });
    k.actor.send({ type: 'ANSWER', yes: true });
    k.actor.send({ type: 'END_SESSION', reason: 'staff' });
    expect(k.state()).toBe('welcome');
    expect(k.context()).toEqual(freshContext(settings));
    expect(k.context().answers).toEqual([]);

    // Also while a print is under way: its late answer changes nothing.
    toOutcome(k);
    await toHandouts(k);
    k.actor.send({ type: 'TOGGLE_HANDOUT', id: 'fever' });
    k.actor.send({ type: 'PRINT_HANDOUTS' });
    expect(k.state()).toBe('printing');
    k.actor.send({ type: 'END_SESSION', reason: 'staff' });
    finish('done');
    await Promise.resolve();
    await Promise.resolve();
    expect(k.state()).toBe('welcome');
    expect(k.context()).toEqual(freshContext(settings));
  });

  it('goes from done back to welcome after doneSeconds, or at once on FINISH', () => {
    const k = start();
    toOutcome(k);
    k.actor.send({ type: 'FINISH' });
    expect(k.state()).toBe('done');
    k.clock.increment(settings.doneSeconds * 1000 - 1);
    expect(k.state()).toBe('done');
    k.clock.increment(1);
    expect(k.state()).toBe('welcome');
    expect(k.context()).toEqual(freshContext(settings));

    toOutcome(k);
    k.actor.send({ type: 'NEXT' });
    k.actor.send({ type: 'FINISH' });
    expect(k.state()).toBe('done');
    k.actor.send({ type: 'FINISH' });
    expect(k.state()).toBe('welcome');
    // The cancelled timer does not fire later into a new session.
    k.actor.send({ type: 'START' });
    k.clock.increment(settings.doneSeconds * 1000);
    expect(k.state()).toBe('policy');
  });

  describe('"What brings you in today?"', () => {
    const asking = { ...settings, askReason: true, visitorMode: 'open' as const };

    it('after come-in: a reason chosen is kept for the handouts screen, and nothing of it is recorded', () => {
      const k = start({ settings: asking });
      toOutcome(k);
      k.actor.send({ type: 'NEXT' });
      expect(k.state()).toBe('reason');
      k.actor.send({ type: 'CHOOSE_REASON', reason: 'pregnancy' });
      expect(k.state()).toBe('handouts');
      expect(k.context().reason).toBe('pregnancy');
      expect(k.recorded).toEqual(['session-start', 'come-in']);
    });

    it('Skip goes to the handouts with no reason', () => {
      const k = start({ settings: asking });
      toOutcome(k, 'patient-with-guardian');
      k.actor.send({ type: 'NEXT' });
      expect(k.state()).toBe('reason');
      k.actor.send({ type: 'SKIP' });
      expect(k.state()).toBe('handouts');
      expect(k.context().reason).toBeNull();
    });

    it.each([
      ['a patient is asked after come-in', 'reason', asking, 'patient', false],
      ['no one is asked after stay-out', 'handouts', asking, 'patient', true],
      ['a visitor is not asked', 'handouts', asking, 'visitor', false],
      ['no one is asked when the config or content says not to', 'handouts', { ...asking, askReason: false }, 'patient', false],
    ] as const)('%s: NEXT goes to %s', (_, next, flowSettings, party, stayOut) => {
      const k = start({ settings: flowSettings });
      toOutcome(k, party, () => stayOut);
      k.actor.send({ type: 'NEXT' });
      expect(k.state()).toBe(next);
    });

    it('END_SESSION forgets the reason', () => {
      const k = start({ settings: asking });
      toOutcome(k);
      k.actor.send({ type: 'NEXT' });
      k.actor.send({ type: 'CHOOSE_REASON', reason: 'child-visit' });
      k.actor.send({ type: 'END_SESSION', reason: 'staff' });
      expect(k.context()).toEqual(freshContext(asking));
      expect(k.context().reason).toBeNull();
    });
  });
});
