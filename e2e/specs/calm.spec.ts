import { expect, test, VOICES_TIMEOUT } from '../fixtures/with-speech';
import { autoplayingMedia, countSounds, restlessAnimations, soundsMade } from '../support/calm';
import { walkEveryScreen } from '../support/walk';

/** Calm: nothing flashes or blinks on and on, nothing moves when asked not to, nothing sounds without a touch. */

test('no screen flashes or blinks on and on, and no media plays by itself', async ({ kiosk, page }) => {
  await walkEveryScreen(kiosk, 'English', async (screen) => {
    expect.soft(await restlessAnimations(page), `animations on ${screen}`).toEqual([]);
    expect.soft(await autoplayingMedia(page), `autoplaying media on ${screen}`).toEqual([]);
  });
});

test('with reduced motion asked for, nothing on any screen moves', async ({ kiosk, page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await walkEveryScreen(kiosk, 'English', async (screen) => {
    expect.soft(await restlessAnimations(page, { reducedMotion: true }), `animations on ${screen}`).toEqual([]);
  });
});

test.describe('no sound without a touch', () => {
  test.use({ kioskConfig: { idle: { warnAfterSeconds: 2, countdownSeconds: 3, doneSeconds: 2 } } });

  test('a session left alone, through the idle warning and back to Welcome, makes no sound; nor does Welcome; "Read to me" speaks when touched', async ({
    kiosk,
    page,
  }) => {
    await countSounds(page);
    await page.reload();
    // "Read to me" is offered (a real speech engine behind this Chromium: fixtures/with-speech.ts).
    await expect(page.getByRole('button', { name: /read to me/i })).toBeVisible(VOICES_TIMEOUT);
    await page.clock.install();
    await kiosk.expectScreen('welcome');
    await page.clock.runFor(5_000);
    expect(await soundsMade(page), 'sounds on Welcome, untouched').toEqual([]);

    // A person starts, answers, and walks away: the warning, the countdown, the reset.
    // "Read to me" is there, and left alone.
    await kiosk.start();
    await kiosk.choose('I am the patient');
    await kiosk.answer([false, false, false, false]);
    await kiosk.expectScreen('come-in');
    const touched = await soundsMade(page);
    await page.clock.runFor(2_000);
    await kiosk.expectScreen('idle');
    await page.clock.runFor(3_000);
    await kiosk.expectScreen('welcome');
    await page.clock.runFor(5_000);
    expect(await soundsMade(page), 'sounds after the last touch').toEqual(touched);

    // Guards the count itself: a touch on "Read to me" is heard.
    await page.getByRole('button', { name: /read to me/i }).click();
    await expect.poll(() => soundsMade(page)).toContain('speechSynthesis.speak()');
  });
});
