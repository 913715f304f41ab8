import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '../fixtures/kiosk-host';

const SHIPPED = resolve(import.meta.dirname, '..', '..', 'content');
/**
 * A clinic's own content folder: the shipped one plus two bad handouts (an absolute path in the
 * config), copied in without "content build", so the kiosk reads the Markdown.
 */
const CONTENT = join(tmpdir(), `kiosk-content-problems-${process.pid}`);

test.beforeAll(async () => {
  await cp(SHIPPED, CONTENT, { recursive: true, filter: (source) => !source.endsWith('library.bundle.json') });
  const handouts = join(CONTENT, 'handouts');
  // Front matter that is not valid YAML.
  await writeFile(join(handouts, 'broken.en.md'), '---\nid: broken\nlang: en\ntitle: [not closed\n---\n\n## Overview\n\nSome text.\n');
  // A valid handout but for a javascript: link in its body.
  const fever = await readFile(join(handouts, 'fever.en.md'), 'utf8');
  await writeFile(
    join(handouts, 'unsafe-link.en.md'),
    fever
      .replace('id: fever', 'id: unsafe-link')
      .replace('title: Fever', 'title: Unsafe link')
      .replace('## Overview\n', '## Overview\n\n[Read more](javascript:alert(1))\n'),
  );
});
test.afterAll(() => rm(CONTENT, { recursive: true, force: true }));

test.use({ kioskConfig: { handouts: { contentDir: CONTENT } } });

test('a broken handout leaves the rest working and shows on the staff screen', async ({ kiosk, host }) => {
  await kiosk.toHandouts();
  await kiosk.button('All topics').click();
  const handouts = kiosk.screen('handouts');
  await expect(handouts.locator('[data-handout="fever"]').first()).toBeVisible();
  await expect(handouts.locator('[data-handout="flu-vaccine"]').first()).toBeVisible();
  await expect(handouts.locator('[data-handout="unsafe-link"], [data-handout="broken"]')).toHaveCount(0);

  const staff = await kiosk.openStaff();
  const problems = staff.getByTestId('content-problems');
  await expect(problems.getByRole('heading')).toHaveText('Content problems');
  await expect(problems).toContainText('2 problems in the health library. Tell IT:');
  await expect(problems.locator('[data-file="broken.en.md"]')).toContainText(/broken\.en\.md: \S/);
  await expect(problems.locator('[data-file="unsafe-link.en.md"]')).toContainText(/javascript/i);
  await kiosk.snap('staff-content-problems');
  expect(host.output()).toContain('"event":"content-problem"');
});

test.describe('with the shipped content', () => {
  test.use({ kioskConfig: {} });
  test('the staff screen has no content problems section', async ({ kiosk }) => {
    await kiosk.openStaff();
    await expect(kiosk.screen('staff').getByTestId('content-problems')).toHaveCount(0);
  });
});
