import { expect, test, VOICES_TIMEOUT } from '../fixtures/with-speech';
import { WORDS, type WalkLanguage } from '../pages/kiosk-page';
import { expectActionsInReach } from '../support/audit';
import { expectLaidOut, SHAPES } from '../support/layout';
import { walkEveryScreen } from '../support/walk';

/**
 * Every screen, in English and Spanish, at the three screen shapes: one page per language and
 * shape walks every path, checks each screen's layout (nothing wider than the screen, nothing
 * cut off, nothing over a target, no targets on top of each other, the actions on screen, and
 * on a portrait screen in its lower half) and saves it as
 * output/screens/<lang>/<shape>/<screen>.png, to be looked at.
 */
for (const language of ['English', 'Español'] as const satisfies WalkLanguage[]) {
  for (const shape of SHAPES) {
    test(`every screen in ${language} at ${shape.name} ${shape.width}x${shape.height}: laid out, and saved`, async ({ kiosk, page }) => {
      test.setTimeout(120_000);
      await page.setViewportSize({ width: shape.width, height: shape.height });
      // The header at its fullest, as where the machine has voices: with "Read to me".
      await expect(page.locator('.read-aloud-button')).toBeVisible(VOICES_TIMEOUT);
      await walkEveryScreen(kiosk, language, async (screen) => {
        await expectLaidOut(page, `${screen} (${language}, ${shape.name})`);
        await expectActionsInReach(page, `${screen} (${language}, ${shape.name})`);
        await kiosk.snap(`${WORDS[language].lang}/${shape.name}/${screen}`);
      });
    });
  }
}
