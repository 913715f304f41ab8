import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { writeBigLibrary } from '../../electron/testing/big-library';
import { expect, test } from '../fixtures/kiosk-host';

// 1,200 made-up handouts in two languages, 1,000 of them in one topic, compiled as a clinic would.
const library = join(tmpdir(), `kiosk-e2e-big-library-${process.pid}`);
test.beforeAll(async () => {
  await writeBigLibrary(library, 1200, 1000);
  await promisify(execFile)(process.execPath, [join(import.meta.dirname, '../../dist/electron/cli.cjs'), 'content', 'build', library]);
});
test.afterAll(() => rm(library, { recursive: true, force: true }));
test.use({ kioskConfig: { handouts: { contentDir: library } } });

test('a topic with 1,000 handouts shows its count, scrolls smoothly to the end, and keeps only a few cards on the page', async ({ kiosk, page, host }) => {
  await kiosk.toHandouts();
  expect(host.output()).toMatch(/"event":"content-loaded".*"source":"bundle","handouts":2400/);
  await expect(page.getByRole('button', { name: 'Big topic (1000)' })).toBeVisible();
  await kiosk.chooseTopic('Big topic');
  const list = page.locator('.handout-list--virtual');
  await expect(list).toHaveAttribute('data-count', '1000');
  await expect(list.locator('li').first()).toHaveAttribute('aria-posinset', '1');
  const rendered = await list.locator('li').count();
  expect(rendered).toBeGreaterThan(0);
  expect(rendered).toBeLessThan(40);

  // Scroll to the end, as a patient flicking down would.
  const body = page.locator('.screen-body');
  await expect(async () => {
    await body.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await expect(list.locator('li[aria-posinset="1000"]')).toBeInViewport();
  }).toPass();
  expect(await list.locator('li').count()).toBeLessThan(40);
  await kiosk.snap('big-topic-end');
});
