import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '../fixtures/kiosk-host';
import type { KioskPage } from '../pages/kiosk-page';

/** The ids of the handouts shown, in order (the "Suggested for you" list when it is chosen). */
const shownIds = (kiosk: KioskPage) =>
  kiosk
    .screen('handouts')
    .locator('[data-handout]')
    .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-handout')));

test('after come-in, "What brings you in today?": Pregnancy puts the pregnancy handouts first, and nothing of it is kept', async ({ kiosk, page, host }) => {
  await page.setViewportSize({ width: 1080, height: 1920 });
  await kiosk.start();
  await kiosk.choose('I am the patient');
  await kiosk.answer([false, false, false, false]);
  await kiosk.button('Health handouts for you').click();

  await kiosk.expectScreen('reason');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('What brings you in today?');
  const buttons = kiosk.screen('reason').getByRole('button');
  await expect(buttons).toHaveText(['Pregnancy', "A child's visit", 'A cold or the flu', 'A long-term condition', 'Something else', 'Skip']);
  await kiosk.snap('portrait-08b-reason');

  await kiosk.button('Pregnancy').click();
  await kiosk.expectScreen('handouts');
  await expect(kiosk.button('Suggested for you')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => shownIds(kiosk)).toEqual(['leg-cramps-pregnancy', 'cover-coughs-clean-hands', 'flu-vaccine']);

  // The answer went into one request and nowhere else: not the log, not the counts.
  await kiosk.button("I'm done").click();
  await kiosk.button("I'm done").click();
  await kiosk.expectScreen('welcome');
  expect(host.output()).not.toContain('pregnancy');
  expect(await readFile(join(host.dataDir, 'counts.json'), 'utf8')).not.toContain('pregnancy');
});

test('Skip goes on to the handouts suggested for come-in', async ({ kiosk }) => {
  await kiosk.start();
  await kiosk.choose('I am the patient');
  await kiosk.answer([false, false, false, false]);
  await kiosk.button('Health handouts for you').click();
  await kiosk.button('Skip').click();
  await kiosk.expectScreen('handouts');
  await expect.poll(() => shownIds(kiosk)).toEqual(['cover-coughs-clean-hands', 'flu-vaccine']);
});

test('in Spanish, the question and its answers are in Spanish', async ({ kiosk, page, host }) => {
  await kiosk.chooseLanguage('Español');
  await kiosk.start();
  await kiosk.choose('Yo soy el paciente');
  await kiosk.answer([false, false, false, false], 'Sí', 'No');
  await kiosk.button('Hojas de salud para usted').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('¿Qué le trae hoy a la clínica?');
  await expect(kiosk.screen('reason').getByRole('button')).toHaveText([
    'Embarazo',
    'La consulta de un niño',
    'Un resfriado o la gripe',
    'Una enfermedad de largo plazo',
    'Otra cosa',
    'Omitir',
  ]);
  await kiosk.button('Un resfriado o la gripe').click();
  await expect.poll(() => shownIds(kiosk)).toEqual(['respiratory-illness-home-care', 'cover-coughs-clean-hands', 'fever', 'flu-vaccine']);
  expect(host.output()).not.toContain('cold-or-flu');
});

test('after stay-out, no question: home care for a breathing illness comes first', async ({ kiosk }) => {
  await kiosk.start();
  await kiosk.choose('I am the patient');
  await kiosk.answer([false, true, false, false]);
  await kiosk.expectScreen('stay-out');
  await kiosk.button('Health handouts for you').click();
  await kiosk.expectScreen('handouts');
  await expect.poll(() => shownIds(kiosk)).toEqual(['respiratory-illness-home-care', 'cover-coughs-clean-hands', 'fever']);
});

test('a patient with a parent or guardian: the fever handout (fever in children) comes first', async ({ kiosk }) => {
  await kiosk.start();
  await kiosk.choose('A patient with their parent or guardian');
  await kiosk.answer(Array<boolean>(8).fill(false));
  await kiosk.openHandouts();
  await expect.poll(() => shownIds(kiosk)).toEqual(['fever', 'cover-coughs-clean-hands', 'flu-vaccine']);
});

test.describe('a config that does not ask', () => {
  test.use({ kioskConfig: { handouts: { askReason: false } } });

  test('come-in goes straight to the handouts', async ({ kiosk }) => {
    await kiosk.start();
    await kiosk.choose('I am the patient');
    await kiosk.answer([false, false, false, false]);
    await kiosk.button('Health handouts for you').click();
    await kiosk.expectScreen('handouts');
    await expect.poll(() => shownIds(kiosk)).toEqual(['cover-coughs-clean-hands', 'flu-vaccine']);
  });
});
