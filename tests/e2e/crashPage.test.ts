import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { STORAGE_KEYS } from '../../renderer/bridge/browserBridge';
import { DEFAULT_DESK_SETTINGS } from '../../shared/bridge/contract';
import { es } from '../../shared/i18n/es';
import { chromiumUnavailableReason, launchChromium } from './support/chromium';
import { startDeskServer, type DeskServer } from './support/deskServer';
import { screenshot } from './support/desk';

const skipReason = chromiumUnavailableReason();
if (skipReason) console.warn(`[e2e] crash page suite skipped: ${skipReason}`);

// crashed.html is what the desktop app shows after a crash loop (electron/app/crashRecovery.ts).
// Here it runs on the browser bridge: same page, same strings, same keyboard behaviour.
describe.skipIf(skipReason !== null)('crash page (crashed.html)', () => {
  let server: DeskServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startDeskServer();
    browser = await launchChromium();
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('speaks the desk language, focuses Restart, and Restart (Enter) reloads', async () => {
    await page.goto(server.url);
    await page.evaluate(
      ([key, value]) => localStorage.setItem(key, value),
      [STORAGE_KEYS.settings, JSON.stringify({ ...DEFAULT_DESK_SETTINGS, uiLanguageFallback: 'es' })] as const,
    );
    await page.goto(`${server.url}crashed.html`);
    await page.getByRole('heading', { name: es.crash.title }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(es.crash.restart);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(es.settings.saveDiagnostics);
    await screenshot(page, 'crash-page-es');
    await page.keyboard.press('Shift+Tab');
    const reloaded = page.waitForEvent('load');
    await page.keyboard.press('Enter');
    await reloaded;
  });
});
