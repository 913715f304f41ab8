import { readFile, writeFile } from 'node:fs/promises';
import { expect, test } from '../fixtures/kiosk-host';

/** Rewrites the running host's config file with one change, as IT's tools would. */
async function editConfig(file: string, change: (config: { clinic: { name: { en: string } } }) => void): Promise<void> {
  const config = JSON.parse(await readFile(file, 'utf8')) as { clinic: { name: { en: string } } };
  change(config);
  await writeFile(file, JSON.stringify(config, null, 2));
}

test('a valid config edit waits for the person at the kiosk to finish, then applies without a restart', async ({ kiosk, page, host }) => {
  await kiosk.start();
  await kiosk.choose('I am the patient');
  await editConfig(host.configFile, (c) => (c.clinic.name.en = 'Lakeside Clinic'));
  await expect.poll(() => host.output()).toContain('"event":"config-reload-pending"');

  // Mid-session nothing changes under the person.
  await expect(page.locator('.clinic-name')).toHaveText('Riverside Family Clinic');
  await kiosk.answer([false]);
  await expect(page.locator('.progress')).toHaveText('Question 2 of 4');

  const staff = await kiosk.openStaff();
  await expect(staff).toContainText('New settings are waiting');
  await kiosk.button('End this session now').click();
  await expect(page.locator('.clinic-name')).toHaveText('Lakeside Clinic');
  await kiosk.expectScreen('welcome');
});

test('an invalid edit is refused and logged, and the kiosk keeps the last good config', async ({ kiosk, page, host }) => {
  await writeFile(host.configFile, '{ "clinic": ');
  await expect.poll(() => host.output()).toContain('"event":"config-reload-refused"');
  // Two resting polls after the refusal: nothing is applied.
  for (let poll = 0; poll < 2; poll++)
    await page.waitForResponse((r) => r.url().endsWith('/api/kiosk:state') && r.request().postData()?.includes('"resting":true') === true);
  await kiosk.expectScreen('welcome');
  await expect(page.locator('.clinic-name')).toHaveText('Riverside Family Clinic');

  const staff = await kiosk.openStaff();
  await expect(staff.locator('[data-event="config-refused"]')).toContainText('not valid JSON');
});
