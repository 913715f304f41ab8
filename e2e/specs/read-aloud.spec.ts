import type { Page } from '@playwright/test';
import { expect, test as speechTest, VOICES_TIMEOUT } from '../fixtures/with-speech';
import { audit } from '../support/audit';

/**
 * "Read to me" with a real speech engine: speech-dispatcher and espeak-ng behind Chromium's
 * Web Speech API, into a silent PulseAudio sink that keeps real time (support/speech-engine.ts).
 * The page's speechSynthesis is the real one; a spy added before the kiosk loads only notes
 * each utterance it is given (text, language, volume) and its real start and end events.
 */
const test = speechTest.extend({
  page: async ({ page }, use) => {
    await page.addInitScript(() => {
      const heard: Array<{ text: string; lang: string; volume: number; events: string[] }> = [];
      const speak = speechSynthesis.speak.bind(speechSynthesis);
      const cancel = speechSynthesis.cancel.bind(speechSynthesis);
      (window as unknown as { heard: typeof heard; cancels: number }).heard = heard;
      (window as unknown as { cancels: number }).cancels = 0;
      speechSynthesis.speak = (u) => {
        const entry = { text: u.text, lang: u.lang, volume: u.volume, events: [] as string[] };
        heard.push(entry);
        u.addEventListener('start', () => entry.events.push('start'));
        u.addEventListener('end', () => entry.events.push('end'));
        u.addEventListener('error', (e) => entry.events.push(`error ${e.error}`));
        speak(u);
      };
      speechSynthesis.cancel = () => {
        (window as unknown as { cancels: number }).cancels += 1;
        cancel();
      };
    });
    await use(page);
  },
});

type Heard = { text: string; lang: string; volume: number; events: string[] };
const heard = (page: Page) => page.evaluate(() => (window as unknown as { heard: Heard[] }).heard);
const readButton = (page: Page) => page.locator('.read-aloud-button');

test.describe('with a voice for each language', () => {
  test('nothing is spoken without a touch; Read speaks the screen in English, then Spanish; Stop cancels; Read again repeats', async ({ kiosk, page }) => {
    await expect(readButton(page)).toHaveText('Read to me', VOICES_TIMEOUT);
    await kiosk.start();
    await kiosk.choose('I am the patient');
    expect(await heard(page), 'no sound without a touch').toEqual([]);

    await kiosk.button('Read to me').click();
    await expect(readButton(page)).toHaveText('Stop reading');
    const english = await heard(page);
    const texts = english.map((h) => h.text);
    expect(texts.slice(0, 2)).toEqual(['About the patient', 'Question 1 of 4']);
    expect(texts.slice(-3)).toEqual(['Yes, button', 'No, button', 'Back, button']);
    expect(english.every((h) => /^en\b/.test(h.lang) && Math.abs(h.volume - 0.7) < 1e-6)).toBe(true);
    // The header's controls are not read: only the screen.
    expect(english.map((h) => h.text).join(' ')).not.toMatch(/Español|Large text|Read to me/);
    await expect(readButton(page)).toHaveText('Read again', { timeout: 60_000 });
    expect(
      (await heard(page)).every((h) => h.events.join() === 'start,end'),
      'the engine spoke every part to its end',
    ).toBe(true);

    await kiosk.chooseLanguage('Español');
    await kiosk.button('Leer en voz alta').click();
    await expect(readButton(page)).toHaveText('Dejar de leer');
    const spanish = (await heard(page)).slice(english.length);
    expect(spanish.slice(0, 2).map((h) => h.text)).toEqual(['Sobre el paciente', 'Pregunta 1 de 4']);
    expect(spanish.at(-3)!.text).toBe('Sí, botón');
    expect(spanish.every((h) => /^es\b/.test(h.lang))).toBe(true);

    // Stop: the engine is told to cancel, and nothing after the part being heard is started.
    await readButton(page).click();
    await expect(readButton(page)).toHaveText('Leer otra vez');
    expect(await page.evaluate(() => speechSynthesis.speaking)).toBe(false);
    const stopped = await heard(page);
    expect(stopped.at(-1)!.events).not.toContain('end');

    // Read again: the whole screen once more.
    await readButton(page).click();
    const again = (await heard(page)).slice(stopped.length);
    expect(again.map((h) => h.text)).toEqual(spanish.map((h) => h.text));
    await readButton(page).click();
  });

  test('the volume steps quieter and louder and changes the utterances, even mid-reading; a new screen stops the reading', async ({ kiosk, page }) => {
    await expect(readButton(page)).toBeVisible(VOICES_TIMEOUT);
    await kiosk.start();
    const volume = page.locator('.read-aloud-volume');
    await expect(volume).toHaveAccessibleName('Volume 2 of 3');
    await kiosk.button('Louder').click();
    await expect(volume).toHaveAccessibleName('Volume 3 of 3');
    await expect(kiosk.button('Louder')).toBeDisabled();
    await kiosk.button('Read to me').click();
    await expect(readButton(page)).toHaveText('Stop reading');
    expect((await heard(page)).every((h) => h.volume === 1)).toBe(true);

    // Quieter while reading: the reading goes on from the part being heard, quieter.
    const before = (await heard(page)).length;
    await kiosk.button('Quieter').click();
    await expect(volume).toHaveAccessibleName('Volume 2 of 3');
    const after = (await heard(page)).slice(before);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((h) => Math.abs(h.volume - 0.7) < 1e-6)).toBe(true);
    await kiosk.button('Quieter').click();
    await expect(kiosk.button('Quieter')).toBeDisabled();
    expect((await heard(page)).at(-1)!.volume).toBeCloseTo(0.4, 6);

    // A new screen stops the reading, and offers "Read to me" again.
    await kiosk.button('Read again').click();
    await expect(readButton(page)).toHaveText('Stop reading');
    await kiosk.choose('I am the patient');
    await expect(readButton(page)).toHaveText('Read to me');
    expect(await page.evaluate(() => speechSynthesis.speaking)).toBe(false);
  });

  test('the read control passes the audit (WCAG 2.2 AA, 48 px targets) in English and Spanish', async ({ kiosk, page }) => {
    await expect(readButton(page)).toBeVisible(VOICES_TIMEOUT);
    await kiosk.start();
    await kiosk.button('Read to me').click();
    await audit(page, 'policy, reading aloud');
    await kiosk.chooseLanguage('Español');
    await audit(page, 'policy in Spanish, with "Read to me"');
  });
});

test.describe('the idle timer', () => {
  test.use({ kioskConfig: { idle: { warnAfterSeconds: 2, countdownSeconds: 3 } } });

  test('waits while the screen is read, warns after it ends, and reads the warning to a person who listens; the session end resets the volume', async ({
    kiosk,
    page,
  }) => {
    await expect(readButton(page)).toBeVisible(VOICES_TIMEOUT);
    // The page's timers run on Playwright's clock; speech runs in real time in the engine.
    await page.clock.install();
    await kiosk.start();
    await kiosk.choose('I am the patient');
    await kiosk.button('Louder').click();
    await kiosk.button('Read to me').click();
    await expect(readButton(page)).toHaveText('Stop reading');
    await page.clock.runFor(6_000);
    await expect(kiosk.screen('idle')).toBeHidden();
    await expect(page.locator('.progress')).toHaveText('Question 1 of 4');

    await expect(readButton(page)).toHaveText('Read again', { timeout: 60_000 });
    const read = (await heard(page)).length;
    await page.clock.runFor(2_000);
    await expect(kiosk.screen('idle')).toBeVisible();
    await expect.poll(async () => (await heard(page)).slice(read).map((h) => h.text)).toContain('Are you still there?');
    // The warning's own countdown does not wait for its reading.
    await page.clock.runFor(3_000);
    await kiosk.expectScreen('welcome');
    expect(await page.evaluate(() => speechSynthesis.speaking)).toBe(false);
    await expect(page.locator('.read-aloud-volume')).toHaveAccessibleName('Volume 2 of 3');
    await expect(readButton(page)).toHaveText('Read to me');
  });
});
