import { join } from 'node:path';
import { expect, test } from '../fixtures/kiosk-host';
import { pdfsIn, pdfText, waitForNewPdfs } from '../support/pdf';

test('a patient searches with the on-screen keyboard, finds a handout by a lay word, and prints it', async ({ kiosk, host, page }) => {
  await kiosk.toHandouts();
  await kiosk.button('Search').click();
  const searchbox = page.getByRole('searchbox', { name: 'Search words' });
  await expect(searchbox).toBeVisible();
  // Never a real text field: that would pop up the OS keyboard over the kiosk.
  await expect(page.locator('input, textarea, [contenteditable="true"]')).toHaveCount(0);
  await expect(page.getByText('Type a word, like “fever” or “cramps”.', { exact: false })).toBeVisible();
  await kiosk.snap('search-01-empty');

  await kiosk.searchFor('charley');
  const results = page.getByTestId('search-results');
  await expect(results.locator('[data-handout]').first()).toHaveAttribute('data-handout', 'leg-cramps-pregnancy');
  await expect(results.getByRole('heading', { name: 'Leg cramps during pregnancy' })).toBeVisible();
  await kiosk.snap('search-02-results');

  // The keys are real buttons, at least 64 px tall.
  const key = page.getByRole('button', { name: 'Letter q' });
  expect((await key.boundingBox())!.height).toBeGreaterThanOrEqual(64);
  // Delete takes back one letter; Clear empties the field.
  await kiosk.button('Delete').click();
  await expect(searchbox).toHaveText('charle');
  await kiosk.button('Clear').click();
  await expect(searchbox).not.toContainText('charle');
  // Keys work from a keyboard too (Tab to a key, Enter), and a physical keyboard types.
  await page.getByRole('button', { name: 'Letter f' }).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.type('ev');
  await expect(searchbox).toHaveText('fev');
  await expect(results.locator('[data-handout]').first()).toHaveAttribute('data-handout', 'fever');
  await kiosk.button('Clear').click();
  await kiosk.searchFor('charley horse');
  await results.getByRole('button', { name: 'Read: Leg cramps during pregnancy' }).click();
  const preview = kiosk.screen('handout-preview');
  await expect(preview.getByRole('heading', { name: 'Leg cramps during pregnancy' })).toBeVisible();
  await preview.getByRole('button', { name: 'Close' }).click();
  await results.getByRole('button', { name: 'Add to my pages: Leg cramps during pregnancy' }).click();
  await expect(page.getByText('1 of 3 chosen')).toBeVisible();

  const printed = join(host.dataDir, 'printed');
  const before = await pdfsIn(printed);
  await kiosk.button('Print my handouts (1)').click();
  await kiosk.expectScreen('printed-done');
  const [pdf] = await waitForNewPdfs(printed, before, 1);
  expect(await pdfText(pdf!)).toContain('Leg cramps during pregnancy');
});

test('in Spanish, the keyboard has ñ and "calambres" finds the Spanish leg-cramp handout', async ({ kiosk, page }) => {
  await kiosk.toHandouts();
  await kiosk.chooseLanguage('Español');
  await kiosk.button('Buscar').click();
  await expect(page.getByRole('searchbox', { name: 'Palabras que busca' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Letra ñ' })).toBeVisible();
  await kiosk.searchFor('calambres');
  const results = page.getByTestId('search-results');
  await expect(results.locator('[data-handout]').first()).toHaveAttribute('data-handout', 'leg-cramps-pregnancy');
  await expect(results.getByRole('heading', { name: /^Calambres en las piernas/ })).toBeVisible();
  await kiosk.snap('search-03-results-es');
  // Without the accent, and with a slip: "coagulo" finds "Coágulos de sangre".
  await kiosk.button('Borrar todo').click();
  await kiosk.searchFor('coagulo');
  await expect(results.locator('[data-handout]').first()).toHaveAttribute('data-handout', 'dvt-blood-clots');
  await expect(page.locator('body')).not.toContainText(/\b(Search|Letter|Delete|Clear|handouts found)\b/);
});

test('no match says so kindly and offers the topics, never a blank screen', async ({ kiosk, page }) => {
  await kiosk.toHandouts();
  await kiosk.button('Search').click();
  await kiosk.searchFor('zzxq');
  const none = page.getByTestId('search-none');
  await expect(none).toContainText("We couldn't find a handout for “zzxq”. Try another word, or choose a topic:");
  await expect(none.getByRole('button', { name: 'Pregnancy' })).toBeVisible();
  await kiosk.snap('search-04-no-results');
  await none.getByRole('button', { name: 'Pregnancy' }).click();
  await expect(page.getByRole('button', { name: 'Pregnancy', pressed: true })).toBeVisible();
  await expect(page.locator('[data-handout="leg-cramps-pregnancy"]')).toBeVisible();
});

test('the search screen fits a landscape screen and a tablet: keys, results and actions all on screen', async ({ kiosk, page }) => {
  await kiosk.toHandouts();
  await kiosk.button('Search').click();
  await kiosk.searchFor('flu');
  for (const shape of [
    { name: 'landscape', width: 1920, height: 1080 },
    { name: 'tablet', width: 1280, height: 800 },
    { name: 'square', width: 1280, height: 1024 },
  ]) {
    await page.setViewportSize(shape);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    for (const name of ['Letter q', 'Letter m', 'Space', 'Delete', 'Clear', "I'm done"]) {
      const button = page.getByRole('button', { name, exact: true });
      expect((await button.boundingBox())!.height, `${shape.name}: ${name}`).toBeGreaterThanOrEqual(64);
      // Wholly visible: not below the screen, nor hidden in a scrolled-away part of it.
      await expect(button, `${shape.name}: ${name}`).toBeInViewport({ ratio: 1 });
    }
    await expect(page.getByTestId('search-results').locator('[data-handout]').first()).toBeInViewport();
    await kiosk.snap(`search-05-${shape.name}`);
  }
});

test('keys faster than the answers: a late answer to an earlier prefix never replaces the results for what the field says', async ({ kiosk, page }) => {
  await kiosk.toHandouts();
  await kiosk.button('Search').click();
  const search = (query: string) =>
    page.evaluate(async (q) => {
      const response = await fetch('/api/content:search', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ lang: 'en', query: q }),
      });
      return ((await response.json()) as { value: { handouts: Array<{ id: string }> } }).value.handouts.map((h) => h.id);
    }, query);
  const [early, final] = [await search('pr'), await search('pregnancy')];
  // Otherwise the test could not tell one answer from the other.
  expect(early).not.toEqual(final);

  // The answer to "pr" is held back until the whole word has been answered and shown.
  let releaseEarly!: () => void;
  const earlyHeld = new Promise<void>((resolve) => (releaseEarly = resolve));
  let earlyAnswered!: () => void;
  const earlyDone = new Promise<void>((resolve) => (earlyAnswered = resolve));
  await page.route('**/api/content:search', async (route) => {
    if ((route.request().postDataJSON() as { query: string }).query !== 'pr') return route.continue();
    await earlyHeld;
    await route.continue();
    earlyAnswered();
  });
  await kiosk.searchFor('pregnancy');
  const shown = () =>
    page
      .getByTestId('search-results')
      .locator('[data-handout]')
      .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-handout')));
  await expect.poll(shown).toEqual(final);
  releaseEarly();
  await earlyDone;
  // The late answer has reached the page: what shows is still the whole word's.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 100))));
  expect(await shown()).toEqual(final);
  await expect(page.getByRole('searchbox')).toHaveText('pregnancy');
});
