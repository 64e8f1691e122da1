import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import type { Browser, Page } from 'playwright-core';
import { generateBuilding } from '../../shared/demo/fixture';
import type { MessageThread } from '../../shared/domain/messaging';
import { SmtpSink } from '../../server/testing/smtpSink';
import { chromiumUnavailableReason, launchChromium } from './support/chromium';
import { startCentralService, type CentralService } from './support/centralService';
import { screenshot, signIn } from './support/desk';
import { readStore } from './support/indexedDb';

// Resident messaging end to end: a desk writes to a resident, the central service e-mails them
// through a real SMTP server (captured here), the resident opens the page from the e-mail's
// one-time link on a phone-sized screen in another browser context, reads and replies, and the
// desk sees the reply arrive, with its unread count, without reloading.

const skipReason = chromiumUnavailableReason();
if (skipReason) console.warn(`[e2e] messaging suite skipped: ${skipReason}`);

describe.skipIf(skipReason !== null)('resident messaging through the real central service and a real SMTP server', () => {
  let sink: SmtpSink;
  let service: CentralService;
  let browser: Browser;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    // No reminders: the demo building's old waiting packages would otherwise be reminded at start.
    service = await startCentralService({ enrollmentCodes: 2, smtpUrl: sink.url, env: { REMINDER_AFTER_HOURS: 'off' } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await service?.stop();
    await sink?.stop();
  });

  async function openDesk(code: string, staff = { name: 'Ben Carter', pin: '2222' }): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1600, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error('[desk page error]', error));
    await page.goto(`${service.url}/?enroll=${code}`);
    await page.getByRole('button', { name: new RegExp(staff.name) }).waitFor({ timeout: 30_000 });
    await signIn(page, staff.name, staff.pin);
    return page;
  }

  it('desk → e-mail → resident page → reply → desk, live and in the resident’s language', async () => {
    const [code] = service.codes;
    if (!code) throw new Error('the service printed no enrollment code');
    // The demo building is deterministic: a Spanish-speaking resident with an e-mail address.
    const fixture = await generateBuilding({ size: 'demo', now: new Date(), pinIterations: 1 });
    const resident = fixture.residents.find((candidate) => candidate.email !== null && candidate.language === 'es');
    if (!resident?.email) throw new Error('the demo building has no Spanish-speaking resident with e-mail');
    const unit = fixture.units.find((candidate) => candidate.id === resident.unitId);

    const desk = await openDesk(code);
    await desk.keyboard.press('F7');
    await desk.locator('#thread-search').waitFor();
    await desk.keyboard.press('Alt+N');
    await desk.locator('#compose-to').waitFor();
    const fullName = `${resident.firstName} ${resident.lastName}`;
    await desk.keyboard.type(fullName, { delay: 20 });
    await desk.locator('#compose-choices .recipient-option', { hasText: fullName }).first().waitFor();
    // Keyboard only: move down to the resident's own line, then Enter.
    const options = await desk.locator('#compose-choices .recipient-option').allTextContents();
    for (let step = 0; step < options.findIndex((text) => text.startsWith(fullName)); step++) await desk.keyboard.press('ArrowDown');
    await desk.keyboard.press('Enter');
    expect(await desk.getByTestId('compose-recipient').textContent()).toContain(fullName);
    await desk.locator('#compose-subject').waitFor();
    expect(await desk.locator('#compose-subject').evaluate((element) => element === document.activeElement)).toBe(true);
    await desk.keyboard.type('Paquete grande en recepción', { delay: 10 });
    await desk.keyboard.press('Tab');
    await desk.keyboard.type('Hola {{residentName}}, su paquete está en recepción.', { delay: 5 });
    await screenshot(desk, '40-messages-compose');
    await desk.keyboard.press('Control+Enter');

    const sentLine = desk.getByTestId('thread-view').locator('[data-testid="delivery"]').first();
    await desk.getByTestId('thread-view').waitFor();
    await expect.poll(async () => sentLine.getAttribute('data-state'), { timeout: 30_000, interval: 100 }).toBe('sent');
    await screenshot(desk, '41-messages-sent');

    await expect.poll(() => sink.mails.filter((candidate) => candidate.recipients.includes(resident.email ?? '')).length, { timeout: 30_000 }).toBe(1);
    const mail = sink.mails.find((candidate) => candidate.recipients.includes(resident.email ?? ''));
    if (!mail) throw new Error('no e-mail captured');
    expect(mail.recipients).toEqual([resident.email]);
    expect(mail.subject).toBe('Paquete grande en recepción');
    expect(mail.text).toContain(`Hola ${resident.firstName}, su paquete está en recepción.`);
    expect(mail.text).toContain('Lea y responda en su página');
    const link = SmtpSink.linkIn(mail);
    expect(link.startsWith(`${service.url}/r/l/`)).toBe(true);

    // Back to the list, so the reply stays unread on this desk until it is opened. The demo's
    // conversations have unread replies of their own: the reply must add one.
    expect(await desk.locator('#message-reply').evaluate((element) => element === document.activeElement)).toBe(true);
    await desk.keyboard.press('Escape');
    await desk.getByTestId('thread-view').waitFor({ state: 'detached' });
    const unreadBefore = (await readStore<MessageThread>(desk, 'threads')).reduce((sum, thread) => sum + thread.unread, 0);
    const navUnread = async () => Number((await desk.getByTestId('nav-unread').textContent({ timeout: 500 }).catch(() => '0')) ?? '0');
    expect(await navUnread()).toBe(unreadBefore);

    // The resident, on a phone.
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await phone.newPage();
    page.on('pageerror', (error) => console.error('[resident page error]', error));
    await page.goto(link);
    await page.getByRole('button', { name: 'Abrir mi página' }).click();
    await page.getByRole('heading', { name: `Hola, ${resident.firstName}` }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await screenshot(page, '42-resident-page');
    await page.getByRole('link', { name: 'Paquete grande en recepción' }).click();
    await page.getByText(`Hola ${resident.firstName}, su paquete está en recepción.`).waitFor();
    const reply = `Gracias, paso esta noche. (${unit?.label ?? ''})`;
    await page.locator('#reply').fill(reply);
    const repliedAt = Date.now();
    await page.getByRole('button', { name: 'Enviar' }).click();
    await page.getByText('Enviado. Recepción ya lo ve.').waitFor();
    await screenshot(page, '43-resident-replied');

    // The desk: the reply arrives by poke and pull, unread, without a reload.
    const ours = desk.getByTestId('thread-row').filter({ hasText: 'Paquete grande en recepción' });
    await ours.getByTestId('thread-unread').waitFor({ timeout: 15_000 });
    console.info(`[e2e] resident reply on the desk after ${Date.now() - repliedAt} ms`);
    expect(await navUnread()).toBe(unreadBefore + 1);
    await screenshot(desk, '44-desk-unread-reply');
    // Newest first: the reply put this conversation on top; Enter opens it.
    await desk.locator('#thread-search').focus();
    await desk.keyboard.press('Enter');
    await desk.getByTestId('message-list').getByText(reply).waitFor();
    await ours.getByTestId('thread-unread').waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(navUnread, { timeout: 15_000 }).toBe(unreadBefore);
    await screenshot(desk, '45-desk-reads-reply');

    // The link was for one use only.
    const again = await phone.newPage();
    await again.goto(link);
    await again.getByText('Este enlace ya se usó').waitFor();
  });

  it('a message to a unit that e-mail cannot fully reach: the desk says who was missed and why, and Reports lists it with what to do', async () => {
    const code = service.codes[1];
    if (!code) throw new Error('the service printed no second enrollment code');
    // A unit of the deterministic demo building where some residents have no e-mail address and
    // one has an address that the mail server will refuse for good.
    const fixture = await generateBuilding({ size: 'demo', now: new Date(), pinIterations: 1 });
    const unit = fixture.units.find((candidate) => {
      const living = fixture.residents.filter((resident) => resident.unitId === candidate.id);
      return living.some((resident) => resident.email === null) && living.filter((resident) => resident.email !== null && !resident.emailOptOut).length === 1;
    });
    if (!unit) throw new Error('the demo building has no unit with both a missing and a single e-mail address');
    const living = fixture.residents.filter((resident) => resident.unitId === unit.id);
    const reachable = living.find((resident) => resident.email !== null && !resident.emailOptOut);
    if (!reachable?.email) throw new Error('no reachable resident');
    const withoutAddress = living.filter((resident) => resident.email === null).length;
    sink.refuse(reachable.email, 550);

    // Dana (admin, English) writes to the whole unit, from the keyboard.
    const desk = await openDesk(code, { name: 'Dana Whitfield', pin: '4444' });
    await desk.keyboard.press('F7');
    await desk.locator('#thread-search').waitFor();
    await desk.keyboard.press('Alt+N');
    await desk.locator('#compose-to').waitFor();
    await desk.keyboard.type(unit.label, { delay: 20 });
    await desk.locator('#compose-choices .recipient-option.selected', { hasText: `Everyone in ${unit.label}` }).waitFor();
    await desk.keyboard.press('Enter');
    await desk.locator('#compose-subject').waitFor();
    await desk.keyboard.type('Water shut-off on Tuesday', { delay: 5 });
    await desk.keyboard.press('Tab');
    await desk.keyboard.type('The water will be off from 10:00 to 12:00.', { delay: 5 });
    await desk.keyboard.press('Control+Enter');
    const deliveryLine = desk.getByTestId('thread-view').locator('[data-testid="delivery"]').first();
    await expect.poll(async () => deliveryLine.getAttribute('data-state'), { timeout: 30_000, interval: 100 }).toBe('failed');
    expect(sink.mails.some((mail) => mail.recipients.includes(reachable.email ?? ''))).toBe(false);
    await screenshot(desk, '46-messages-not-delivered');
    await desk.keyboard.press('Escape');

    // Reports → Message delivery, reached with the arrow keys.
    await desk.keyboard.press('F10');
    await desk.getByRole('tab', { name: 'Package aging' }).focus();
    for (let step = 0; step < 3; step++) await desk.keyboard.press('ArrowRight');
    expect(await desk.getByRole('tab', { name: 'Message delivery' }).getAttribute('aria-selected')).toBe('true');
    const row = desk.getByTestId('delivery-row').filter({ hasText: 'Water shut-off on Tuesday' });
    await row.waitFor();
    expect(await row.textContent()).toContain(`0 of ${living.length}`);
    expect(await row.textContent()).toContain(`No e-mail address: ${withoutAddress}`);
    expect(await row.textContent()).toContain('Address refused: 1');
    const problems = desk.getByTestId('delivery-problems');
    expect(await problems.locator('[data-problem="refused"]').textContent()).toContain('Correct the address in Manage (F6)');
    // The refused address is marked on the resident (it syncs back from the service) and listed to correct.
    await desk.getByTestId('delivery-bounced').getByText(`${reachable.firstName} ${reachable.lastName}`).waitFor({ timeout: 15_000 });
    await screenshot(desk, '47-reports-delivery');

    const [download] = await Promise.all([desk.waitForEvent('download'), desk.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('delivery-failures.csv');
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(await download.path(), 'utf8');
    const [header, ...rows] = Papa.parse<string[]>(text.slice(1).trim(), { newline: '\r\n' }).data;
    const ours = rows.find((cells) => cells[1] === 'Water shut-off on Tuesday');
    expect(ours?.slice(2, 7)).toEqual([String(living.length), '0', '1', String(withoutAddress), '0']);
    expect(ours?.[header?.indexOf('no_email') ?? -1]).toBe(String(withoutAddress));
    expect(ours?.[header?.indexOf('refused') ?? -1]).toBe('1');
  });
});
