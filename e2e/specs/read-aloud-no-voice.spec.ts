import { expect, test } from '../fixtures/kiosk-host';

/**
 * The real "no voice here" path: this project's Chromium starts without speech-dispatcher, so it
 * has no voices at all (read-aloud.spec.ts gives it a real engine).
 */
test('with no voice, "Read to me" is hidden and the host logs why, once per language', async ({ kiosk, host, page }) => {
  await kiosk.start();
  const lines = () =>
    host
      .output()
      .split('\n')
      .filter((line) => line.includes('"speech-unavailable"'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  await expect.poll(lines, { timeout: 20_000 }).toHaveLength(2);
  expect(lines()).toEqual([
    expect.objectContaining({ level: 'warn', lang: 'en', reason: 'no-voices' }),
    expect.objectContaining({ level: 'warn', lang: 'es', reason: 'no-voices' }),
  ]);
  await expect(page.locator('.read-aloud')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Read to me' })).toHaveCount(0);

  // Another language and screen do not log it again.
  await kiosk.chooseLanguage('Español');
  await kiosk.choose('Yo soy el paciente');
  await expect(page.getByRole('button', { name: 'Leer en voz alta' })).toHaveCount(0);
  expect(lines()).toHaveLength(2);
});
