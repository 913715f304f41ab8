import { expect, test } from '../fixtures/kiosk-host';
import { WORDS, type WalkLanguage } from '../pages/kiosk-page';
import { expectLaidOut, SHAPES } from '../support/layout';

/**
 * Every screen, in English and Spanish, at the three screen shapes: one page per language and
 * shape walks every path, checks each screen's layout (nothing wider than the screen, nothing
 * cut off, no targets on top of each other, the actions on screen) and saves it as
 * output/screens/<lang>/<shape>/<screen>.png, to be looked at.
 */
for (const language of ['English', 'Español'] as const satisfies WalkLanguage[]) {
  const w = WORDS[language];
  for (const shape of SHAPES) {
    test(`every screen in ${language} at ${shape.name} ${shape.width}x${shape.height}: laid out, and saved`, async ({ kiosk, page }) => {
      test.setTimeout(120_000);
      await page.setViewportSize({ width: shape.width, height: shape.height });
      const look = async (screen: string) => {
        await expectLaidOut(page, `${screen} (${language}, ${shape.name})`);
        await kiosk.snap(`${w.lang}/${shape.name}/${screen}`);
      };
      /** From Welcome (where every session starts in the default language) to the policy, in this language. */
      const begin = async () => {
        await kiosk.expectScreen('welcome');
        if (language !== 'English') await kiosk.chooseLanguage(language);
        await kiosk.start();
      };

      // The come-in path, the health library and printing.
      await kiosk.expectScreen('welcome');
      if (language !== 'English') await kiosk.chooseLanguage(language);
      await look('01-welcome');
      await kiosk.start();
      await look('02-policy');
      await kiosk.choose(w.patient);
      await look('03-question');
      await kiosk.answer([false, false, false, false], w.yes, w.no);
      await kiosk.expectScreen('come-in');
      await look('04-come-in');
      await kiosk.button(w.handouts).click();
      await kiosk.expectScreen('reason');
      await look('05-reason');
      await kiosk.button(w.skip).click();
      await expect(page.locator('[data-handout]').first()).toBeVisible();
      await kiosk.button(w.add).first().click();
      await look('06-handouts');
      await kiosk.button(w.read).first().click();
      await expect(kiosk.screen('handout-preview').getByRole('note')).toBeVisible();
      await look('07-handout-preview');
      await kiosk.button(w.close).click();
      await kiosk.button(w.search).click();
      await kiosk.searchFor(w.word);
      await expect(page.locator('.search-results [data-handout]').first()).toBeVisible();
      await look('08-search-keyboard');

      // Printing: the host's answer is held back so the busy screen stays to be seen, then
      // stands in for a job that printed (printing itself is print-cups.spec's; here a real
      // PDF would take seconds on every shape and language).
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route(
        (url) => url.pathname === '/api/print:submit',
        async (route) => {
          await held;
          await route.fulfill({ json: { ok: true, value: { id: 'screens-spec', state: 'done' } } });
        },
      );
      await kiosk.button(w.print).click();
      await kiosk.expectScreen('printing');
      await look('09-printing');
      release();
      await kiosk.expectScreen('printed-done');
      await look('10-printed');
      await kiosk.button(w.continue).click();
      await kiosk.expectScreen('done');
      await look('11-done');
      await kiosk.button(w.done).click();

      // Stay out, and a visitor turned away.
      await begin();
      await kiosk.choose(w.patient);
      await kiosk.answer([false, false, false, true], w.yes, w.no);
      await kiosk.expectScreen('stay-out');
      await look('12-stay-out');
      await kiosk.button(w.done).click();
      await kiosk.button(w.done).click();
      await begin();
      await kiosk.choose(w.visitor);
      await kiosk.expectScreen('turned-away');
      await look('13-turned-away');
      await kiosk.button(w.ok).click();

      // A session left alone warns before it starts over. The page's clock is Playwright's from
      // here on: it still runs on its own, and jumps ahead to the warning.
      await page.clock.install();
      await begin();
      await page.clock.runFor(60_000);
      await kiosk.expectScreen('idle');
      await look('14-idle-warning');
      await kiosk.button(w.moreTime).click();

      // Staff, over a session in this language, and last, out of service.
      await kiosk.openStaffPinPad();
      await look('15-staff-pin');
      await kiosk.enterPin('1234');
      await expect(kiosk.screen('staff').locator('.staff-counts')).toBeVisible();
      await look('16-staff');
      await kiosk.button(w.takeOut).click();
      await kiosk.button(w.back).click();
      await kiosk.expectScreen('out-of-service');
      await look('17-out-of-service');
    });
  }
}
