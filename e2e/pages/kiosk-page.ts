import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';

/** Screenshots of every screen land here, to be looked at after a run. */
export const SCREENS_DIR = resolve(import.meta.dirname, '..', 'output', 'screens');

/** The kiosk as a person sees it: one method per thing they can do. */
export class KioskPage {
  constructor(
    readonly page: Page,
    readonly url: string,
  ) {}

  async open(): Promise<void> {
    await this.page.goto(this.url);
  }

  /** The current screen's root, by its data-screen name. */
  screen(name: string): Locator {
    return this.page.locator(`[data-screen="${name}"]`);
  }

  button(name: string | RegExp): Locator {
    return this.page.getByRole('button', { name, exact: typeof name === 'string' });
  }

  async expectScreen(name: string): Promise<void> {
    await expect(this.screen(name)).toBeVisible();
  }

  async start(): Promise<void> {
    await this.button(/Touch to start|Toque para empezar/).click();
    await this.expectScreen('policy');
  }

  async chooseLanguage(label: 'English' | 'Español'): Promise<void> {
    await this.button(label).click();
    await expect(this.page.locator('html')).toHaveAttribute('lang', label === 'English' ? 'en' : 'es');
  }

  /** On the handouts screen: the topic button, named with its handout count ("Pregnancy (2)"). */
  async chooseTopic(label: string): Promise<void> {
    await this.page.getByRole('button', { name: new RegExp(`^${label} \\(\\d+\\)$`) }).click();
  }

  async choose(party: string | RegExp): Promise<void> {
    await this.button(party).click();
  }

  /** Answers screening questions in order from the current one, checking each screen is the next ("Question 2 of 4"). */
  async answer(answers: boolean[], yes = 'Yes', no = 'No'): Promise<void> {
    const first = Number(/\d+/.exec((await this.page.locator('.progress').textContent()) ?? '')?.[0]);
    for (const [index, answer] of answers.entries()) {
      await expect(this.page.locator('.progress')).toHaveText(new RegExp(`^\\D*${first + index}\\D`));
      await this.button(answer ? yes : no).click();
    }
  }

  /** Presses and holds the hidden top-left corner until the PIN pad opens. */
  async openStaffPinPad(): Promise<void> {
    // Pressed before the app has drawn it (just after a reload), the corner never sees the press.
    await this.page.locator('.staff-corner').waitFor();
    await this.page.mouse.move(20, 20);
    await this.page.mouse.down();
    await expect(this.screen('staff-pin')).toBeVisible({ timeout: 10_000 });
    await this.page.mouse.up();
  }

  async enterPin(pin: string): Promise<void> {
    for (const digit of pin) await this.page.getByRole('button', { name: new RegExp(`^(Digit|Dígito) ${digit}$`) }).click();
    await this.button(/^(Enter|Entrar)$/).click();
  }

  /** Opens the staff screen with the hold gesture and the PIN. */
  async openStaff(pin = '1234'): Promise<Locator> {
    await this.openStaffPinPad();
    await this.enterPin(pin);
    await this.expectScreen('staff');
    return this.screen('staff');
  }

  /** Goes from Welcome to the handouts screen as a patient with no symptoms. */
  async toHandouts(): Promise<void> {
    await this.start();
    await this.choose('I am the patient');
    await this.answer([false, false, false, false]);
    await this.openHandouts();
  }

  /**
   * From the outcome screen to the handouts, skipping "What brings you in today?" where the
   * kiosk asks it (after come-in, when the content has reasons). suggestions.spec.ts tests that screen.
   */
  async openHandouts(): Promise<void> {
    await this.button('Health handouts for you').click();
    const reason = this.screen('reason');
    await expect(reason.or(this.screen('handouts'))).toBeVisible();
    if (await reason.isVisible()) await this.button('Skip').click();
    await this.expectScreen('handouts');
  }

  /**
   * Types `text` on the handout search's on-screen keyboard, key by key, as a person would
   * (letters, and the Space key between words), in whichever language the session is in.
   */
  async searchFor(text: string): Promise<void> {
    for (const char of text.toLowerCase()) await this.key(char).click();
    await expect(this.page.getByRole('searchbox')).toHaveText(text.toLowerCase());
  }

  /** The on-screen keyboard's key for one lowercase letter, or ' ' for the Space key, in either language. */
  key(char: string): Locator {
    const name = char === ' ' ? /^(Space|Espacio)$/ : new RegExp(`^(Letter|Letra) ${char}$`);
    return this.page.getByTestId('on-screen-keyboard').getByRole('button', { name });
  }

  /** Saves a full-page screenshot as e2e/output/screens/<name>.png (`name` may hold folders: `es/tablet/policy`). */
  async snap(name: string): Promise<string> {
    const path = join(SCREENS_DIR, `${name}.png`);
    mkdirSync(dirname(path), { recursive: true });
    await this.page.screenshot({ path });
    return path;
  }
}

/** The words each path needs, per language: a walk is the same in both, only the labels differ. */
export const WORDS = {
  English: {
    lang: 'en',
    patient: 'I am the patient',
    visitor: 'I am a visitor',
    yes: 'Yes',
    no: 'No',
    handouts: 'Health handouts for you',
    skip: 'Skip',
    add: /^Add to my pages: /,
    read: /^Read: /,
    close: 'Close',
    search: 'Search',
    word: 'fever',
    print: /^Print my handouts/,
    continue: 'Continue',
    done: "I'm done",
    ok: 'OK',
    moreTime: 'I need more time',
    back: 'Back to the kiosk',
    takeOut: 'Take out of service',
    putBack: 'Put back in service',
  },
  Español: {
    lang: 'es',
    patient: 'Yo soy el paciente',
    visitor: 'Vengo de visita',
    yes: 'Sí',
    no: 'No',
    handouts: 'Hojas de salud para usted',
    skip: 'Omitir',
    add: /^Agregar a mis hojas: /,
    read: /^Leer: /,
    close: 'Cerrar',
    search: 'Buscar',
    word: 'fiebre',
    print: /^Imprimir mis hojas/,
    continue: 'Continuar',
    done: 'Terminé',
    ok: 'Entendido',
    moreTime: 'Necesito más tiempo',
    back: 'Volver al quiosco',
    takeOut: 'Poner fuera de servicio',
    putBack: 'Volver a poner en servicio',
  },
} as const;

/** A language the kiosk's walks run in, named as its language button is. */
export type WalkLanguage = keyof typeof WORDS;

/**
 * Holds the kiosk's next print request until `release` is called, then answers it as a job that
 * printed, without printing: for tests about how the printing screens look, not about printing
 * (the print-* specs print for real). Lets the busy screen stay long enough to be looked at.
 */
export async function holdPrinting(page: Page): Promise<{ release: () => void }> {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(
    (url) => url.pathname === '/api/print:submit',
    async (route) => {
      await held;
      await route.fulfill({ json: { ok: true, value: { id: 'held-print', state: 'done' } } });
    },
  );
  return { release };
}
