import { join } from 'node:path';
import { expect, test } from '../fixtures/kiosk-host';
import { pdfsIn, pdfText, waitForNewPdfs } from '../support/pdf';

test('a Spanish speaker goes through the whole kiosk in Spanish and prints a Spanish handout', async ({ kiosk, host, page }) => {
  await kiosk.chooseLanguage('Español');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bienvenido a Clínica Familiar Riverside');
  await kiosk.start();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nuestra política de visitas');
  await expect(page.getByText('Por ahora no se permiten visitas.')).toBeVisible();
  await kiosk.choose('Yo soy el paciente');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('¿Tiene fiebre o se siente con fiebre?');
  await kiosk.answer([false, false, false, true], 'Sí', 'No');

  await kiosk.expectScreen('stay-out');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Por favor, no entre hoy/);
  await kiosk.button('Hojas de salud para usted').click();
  await kiosk.button('Todos los temas').click();
  await kiosk.chooseTopic('Embarazo');
  await kiosk.button(/^Agregar a mis hojas: Calambres/).click();

  const printed = join(host.dataDir, 'printed');
  const before = await pdfsIn(printed);
  await kiosk.button('Imprimir mis hojas (1)').click();
  await kiosk.expectScreen('printed-done');
  await expect(page.getByRole('status')).toHaveText('Sus hojas se están imprimiendo. Tómelas de la impresora, por favor.');
  const [pdf] = await waitForNewPdfs(printed, before, 1);
  const text = await pdfText(pdf!);
  expect(text).toContain('Calambres');
  expect(text).toContain('No reemplaza los consejos de su médico');
  expect(text).toMatch(/Vigente al 15 de noviembre de 2026/);
  expect(text).toMatch(/\b1 de \d+\b/);
  expect(text).not.toMatch(/\b1 of \d+\b/);

  // No English anywhere on the Spanish screens.
  await kiosk.button('Continuar').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('¡Gracias!');
  await expect(page.locator('body')).not.toContainText(/\b(Please|Thank|Back|Continue|printer)\b/);
});

test('changing language mid-session keeps the place', async ({ kiosk, page }) => {
  await kiosk.start();
  await kiosk.choose('I am the patient');
  await kiosk.answer([false]);
  await kiosk.chooseLanguage('Español');
  await expect(page.locator('.progress')).toHaveText('Pregunta 2 de 4');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('¿Tiene tos nueva?');
});
