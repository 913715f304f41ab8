import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { SCREENS_DIR } from './kiosk-page';

/** The front-desk page as desk staff use it, with a mouse or the keyboard. */
export class DeskPage {
  constructor(
    readonly page: Page,
    readonly url: string,
  ) {}

  async open(): Promise<void> {
    await this.page.goto(this.url);
    await expect(this.pinPad).toBeVisible();
  }

  get pinPad(): Locator {
    return this.page.locator('[data-screen="desk-pin"]');
  }

  get status(): Locator {
    return this.page.locator('[data-screen="desk-status"]');
  }

  /** The PIN pad's message: wrong PIN and tries left, lockout, why it locked. */
  get pinMessage(): Locator {
    return this.pinPad.getByRole('alert');
  }

  /** What the last action did (or why it failed). */
  get message(): Locator {
    return this.page.getByTestId('desk-message');
  }

  get serviceState(): Locator {
    return this.page.getByTestId('service-state');
  }

  get printerState(): Locator {
    return this.page.getByTestId('printer-state');
  }

  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  /** Types the PIN on the keyboard and presses Enter, or clicks the keypad. */
  async enterPin(pin: string, by: 'keyboard' | 'mouse' = 'mouse'): Promise<void> {
    if (by === 'keyboard') {
      await this.page.keyboard.type(pin);
      await this.page.keyboard.press('Enter');
      return;
    }
    for (const digit of pin) await this.button(`Digit ${digit}`).click();
    await this.button('Enter').click();
  }

  async unlock(pin = '1234', by: 'keyboard' | 'mouse' = 'mouse'): Promise<void> {
    await this.enterPin(pin, by);
    await expect(this.status).toBeVisible();
    await expect(this.serviceState).toBeVisible();
  }

  async endSession(): Promise<void> {
    await this.button('End the current session').click();
    await expect(this.message).toHaveText(/^Done: the session on the kiosk was ended/);
  }

  async takeOutOfService(): Promise<void> {
    await this.button('Take out of service').click();
    await expect(this.message).toHaveText(/^Done: the kiosk is out of service/);
    await expect(this.serviceState).toHaveText('Out of service');
  }

  async putBackInService(): Promise<void> {
    await this.button('Put back in service').click();
    await expect(this.message).toHaveText(/^Done: the kiosk is back in service/);
    await expect(this.serviceState).toHaveText('In service');
  }

  async lock(): Promise<void> {
    await this.button('Lock').click();
    await expect(this.pinPad).toBeVisible();
  }

  /** Saves a screenshot as e2e/output/screens/desk-<name>.png. */
  async snap(name: string): Promise<string> {
    mkdirSync(SCREENS_DIR, { recursive: true });
    const path = join(SCREENS_DIR, `desk-${name}.png`);
    await this.page.screenshot({ path, fullPage: true });
    return path;
  }
}
