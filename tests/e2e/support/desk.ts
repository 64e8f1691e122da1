import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { scanBurst } from '../../../bench/desk/scanner';

export const SCREENSHOT_DIR = join('test-results', 'screenshots');

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: false });
}

/** Pick yourself on the sign-in screen and type the PIN, as staff do. */
export async function signIn(page: Page, displayName: string, pin: string): Promise<void> {
  await page.getByRole('button', { name: new RegExp(displayName) }).click();
  await page.locator('#pin').fill(pin);
  await page.keyboard.press('Enter');
  await page.locator('.shell').waitFor();
}

const sessions = new WeakMap<Page, Promise<CDPSession>>();

/**
 * A USB scanner: the whole code in a burst 4 ms per key, then Enter, with hardware-like event
 * timestamps (see bench/desk/scanner.ts: Playwright's keyboard.type waits a round trip per key,
 * which on a loaded machine stretches the gaps past what any scanner produces).
 */
export async function scan(page: Page, code: string): Promise<void> {
  let session = sessions.get(page);
  if (!session) {
    session = page.context().newCDPSession(page);
    sessions.set(page, session);
  }
  await scanBurst(await session, code);
}

/** Draws a short zig-zag on the signature canvas with the mouse. */
export async function sign(page: Page): Promise<void> {
  const box = await page.getByTestId('signature-canvas').boundingBox();
  if (!box) throw new Error('no signature canvas');
  await page.mouse.move(box.x + 20, box.y + box.height / 2);
  await page.mouse.down();
  for (let step = 1; step <= 8; step++) await page.mouse.move(box.x + 20 + step * 30, box.y + box.height / 2 + (step % 2 ? -30 : 30), { steps: 4 });
  await page.mouse.up();
}
