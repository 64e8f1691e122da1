import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Package, Resident, Staff, Unit } from '../../shared/domain/model';
import { en } from '../../shared/i18n/en';
import { fr } from '../../shared/i18n/fr';
import { chromiumUnavailableReason, launchChromium } from './support/chromium';
import { startCentralService, type CentralService } from './support/centralService';
import { startDeskServer, type DeskServer } from './support/deskServer';
import { screenshot, signIn } from './support/desk';
import { readStore } from './support/indexedDb';

const skipReason = chromiumUnavailableReason();
if (skipReason) console.warn(`[e2e] manage suite skipped: ${skipReason}`);

const LAPTOP = { width: 1366, height: 768 };
const LOBBY = { width: 1920, height: 1080 };

async function signOut(page: Page): Promise<void> {
  await page.locator('.nav-footer .nav-item').last().click();
  await page.locator('.sign-in').waitFor();
}

const editor = (page: Page) => page.locator('.manage-editor');
const field = (page: Page, name: string) => editor(page).locator(`[name="${name}"]`);

describe.skipIf(skipReason !== null)('managing residents, units and staff from the desk (browser build)', () => {
  let server: DeskServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startDeskServer();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: LOBBY });
    page = await context.newPage();
    page.on('pageerror', (error) => console.error('[page error]', error));
    await page.goto(server.url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('is not offered to doorpersons', async () => {
    await signIn(page, 'Ben Carter', '2222');
    expect(await page.locator('.nav').getByText(en.nav.manage, { exact: true }).count()).toBe(0);
    await page.keyboard.press('F6');
    expect(await page.locator('.manage').count()).toBe(0);
    await signOut(page);
  });

  it('a manager corrects a resident, adds one, moves one out, and is stopped by the rules (in French)', async () => {
    await signIn(page, 'Chloé Lefèvre', '3333');
    await page.keyboard.press('F6');
    await page.locator('.manage').waitFor();
    await page.getByRole('heading', { name: fr.manage.title }).waitFor();
    await screenshot(page, 'manage-01-residents-fr');

    const residents = await readStore<Resident>(page, 'residents');
    const units = await readStore<Unit>(page, 'units');
    const waiting = (await readStore<Package>(page, 'packages')).filter((pkg) => pkg.status === 'waiting');
    const busy = new Set(waiting.map((pkg) => pkg.residentId));
    const fullName = (resident: Resident) => `${resident.firstName} ${resident.lastName}`;
    const unique = (resident: Resident) => residents.filter((other) => fullName(other) === fullName(resident)).length === 1;
    const target = residents.find((resident) => !busy.has(resident.id) && resident.authorizedPickups.length === 0 && unique(resident));
    const blocked = residents.find((resident) => busy.has(resident.id));
    if (!target || !blocked) throw new Error('the demo building lacks the residents this test needs');
    const targetUnit = units.find((unit) => unit.id === target.unitId);
    if (!targetUnit) throw new Error('no unit');

    // Find by name with the keyboard, open with Enter, correct, add a pickup person, save with Enter.
    await page.keyboard.type(fullName(target), { delay: 20 });
    await page.locator('.manage-row.active').waitFor();
    await expect.poll(() => page.locator('.manage-row.active').textContent()).toContain(`${target.lastName}, ${target.firstName}`);
    await page.keyboard.press('Enter');
    await field(page, 'firstName').waitFor();
    expect(await field(page, 'firstName').evaluate((input) => document.activeElement === input)).toBe(true);
    await field(page, 'phone').fill('+33 1 23 45 67 89');
    await editor(page).getByRole('button', { name: fr.manage.residents.addPickup }).click();
    await page.keyboard.type('Nino Quincampoix');
    await field(page, 'authorizedPickups.0.relationship').fill('Conjoint');
    await screenshot(page, 'manage-02-resident-edit-fr');
    await field(page, 'phone').press('Enter');
    await field(page, 'firstName').waitFor({ state: 'detached' });
    await expect
      .poll(async () => (await readStore<Resident>(page, 'residents')).find((resident) => resident.id === target.id))
      .toMatchObject({ phone: '+33 1 23 45 67 89', authorizedPickups: [{ name: 'Nino Quincampoix', relationship: 'Conjoint' }] });

    // A new resident (Alt+N): mistakes are shown next to their fields, translated; nothing is saved.
    await page.keyboard.press('Alt+N');
    await field(page, 'firstName').waitFor();
    await page.keyboard.type('Amélie');
    await field(page, 'unitId').fill('ZZ-404');
    await field(page, 'email').fill('pas-une-adresse');
    await editor(page).getByRole('button', { name: fr.manage.residents.create }).click();
    await editor(page).getByText(fr.manage.residents.unitUnknown).waitFor();
    await editor(page).getByText(fr.text.invalidEmail).waitFor();
    await editor(page).getByText(fr.text.required).waitFor(); // last name
    await screenshot(page, 'manage-03-resident-errors-fr');
    expect(await field(page, 'lastName').evaluate((input) => document.activeElement === input)).toBe(true);
    await field(page, 'lastName').fill('Poulain');
    await field(page, 'unitId').fill(targetUnit.label.toLowerCase());
    await field(page, 'email').fill('amelie@example.org');
    await field(page, 'email').press('Enter');
    await field(page, 'firstName').waitFor({ state: 'detached' });
    const created = (await readStore<Resident>(page, 'residents')).find((resident) => resident.lastName === 'Poulain');
    expect(created).toMatchObject({ firstName: 'Amélie', unitId: targetUnit.id, email: 'amelie@example.org', phone: null });

    // Move the new resident out again.
    await page.keyboard.type('Poulain', { delay: 20 });
    await expect.poll(() => page.locator('.manage-row.active').textContent()).toContain('Poulain');
    await page.keyboard.press('Enter');
    await editor(page).getByRole('button', { name: fr.manage.residents.moveOut }).click();
    await screenshot(page, 'manage-04-move-out-confirm-fr');
    await editor(page).getByRole('button', { name: fr.manage.residents.moveOutConfirm, exact: true }).click();
    await expect.poll(async () => (await readStore<Resident>(page, 'residents')).some((resident) => resident.id === created?.id)).toBe(false);

    // A resident with packages waiting cannot be moved out.
    await page.locator('.manage .filters input').fill(blocked.lastName);
    await page.locator(`#manage-resident-${blocked.id}`).click();
    await expect.poll(() => editor(page).getByRole('button', { name: fr.manage.residents.moveOut }).isDisabled()).toBe(true);
    const count = waiting.filter((pkg) => pkg.residentId === blocked.id).length;
    await editor(page).getByText(new RegExp(`^${count} colis attend`)).waitFor();
    await page.keyboard.press('Escape');

    const outbox = await readStore<{ name: string; staffId: string }>(page, 'outbox');
    expect(outbox.filter((entry) => entry.name === 'upsertResident')).toHaveLength(2);
    expect(outbox.filter((entry) => entry.name === 'moveOutResident')).toHaveLength(1);
  });

  it('a manager adds a unit and is told when a label is taken', async () => {
    await page.keyboard.press('Alt+2');
    await page.getByTestId('manage-unit-list').waitFor();
    await page.keyboard.press('Alt+N');
    await field(page, 'label').waitFor();
    await page.keyboard.type('101');
    await field(page, 'floor').fill('1');
    await field(page, 'floor').press('Enter');
    await page.locator('.notice.error').getByText(fr.rejection.unitLabelTaken.replace('{{label}}', '101')).waitFor();
    await screenshot(page, 'manage-05-unit-taken-fr');
    await page.locator('.notice.error .dismiss').click();
    await field(page, 'label').fill('ph 1');
    await field(page, 'floor').fill('12');
    await field(page, 'floor').press('Enter');
    await field(page, 'label').waitFor({ state: 'detached' });
    expect((await readStore<Unit>(page, 'units')).find((unit) => unit.label === 'PH 1')).toMatchObject({ floor: 12 });
  });

  it('a manager adds a doorperson, resets a PIN and disables someone; the sign-in screen follows', async () => {
    await page.keyboard.press('Alt+3');
    await page.getByTestId('manage-staff-list').waitFor();
    await screenshot(page, 'manage-06-staff-fr');
    await page.keyboard.press('Alt+N');
    await field(page, 'displayName').waitFor();
    // A manager may only add doorpersons.
    expect(await field(page, 'role').locator('option').allTextContents()).toEqual([fr.signIn.roles.doorperson]);
    await page.keyboard.type('Eve Martin');
    await field(page, 'pin').fill('5678');
    await field(page, 'pinAgain').fill('5679');
    await field(page, 'pinAgain').press('Enter');
    await editor(page).getByText(fr.manage.staff.pinMismatch).waitFor();
    await screenshot(page, 'manage-07-staff-add-fr');
    await field(page, 'pinAgain').fill('5678');
    await field(page, 'pinAgain').press('Enter');
    await field(page, 'displayName').waitFor({ state: 'detached' });
    const eve = (await readStore<Staff>(page, 'staff')).find((member) => member.displayName === 'Eve Martin');
    expect(eve).toMatchObject({ role: 'doorperson', active: true, language: 'fr', pin: { algorithm: 'PBKDF2-SHA-256' } });
    expect(JSON.stringify(await readStore(page, 'outbox'))).not.toContain('"5678"');

    // Reset Ana's PIN, disable Ben.
    await page.getByRole('button', { name: fr.manage.staff.resetPinFor.replace('{{name}}', 'Ana García') }).click();
    await field(page, 'pin').fill('9090');
    await field(page, 'pinAgain').fill('9090');
    await field(page, 'pinAgain').press('Enter');
    await field(page, 'pin').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: fr.manage.staff.disableName.replace('{{name}}', 'Ben Carter') }).click();
    await screenshot(page, 'manage-08-staff-disable-fr');
    await editor(page).getByRole('button', { name: fr.manage.staff.disableConfirm }).click();
    await expect.poll(async () => (await readStore<Staff>(page, 'staff')).find((member) => member.displayName === 'Ben Carter')?.active).toBe(false);
    // Managers cannot touch other managers, admins, or disable themselves.
    expect(await page.getByRole('button', { name: fr.manage.staff.disableName.replace('{{name}}', 'Dana Whitfield') }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: fr.manage.staff.disableName.replace('{{name}}', 'Chloé Lefèvre') }).isDisabled()).toBe(true);

    await signOut(page);
    await page.getByRole('button', { name: /Eve Martin/ }).waitFor();
    expect(await page.getByRole('button', { name: /Ben Carter/ }).count()).toBe(0);
    await signIn(page, 'Ana García', '9090');
    await signOut(page);
    await signIn(page, 'Eve Martin', '5678');
    expect(await page.locator('.nav').getByText(fr.nav.manage, { exact: true }).count()).toBe(0);
    await signOut(page);
  });

  it('signs out a staff member who is disabled while signed in (another window of the desk)', async () => {
    const other = await context.newPage();
    other.on('pageerror', (error) => console.error('[page error]', error));
    await other.goto(server.url);
    await signIn(other, 'Eve Martin', '5678');

    await signIn(page, 'Dana Whitfield', '4444');
    await page.keyboard.press('F6');
    await page.keyboard.press('Alt+3');
    await page.getByRole('button', { name: en.manage.staff.disableName.replace('{{name}}', 'Eve Martin') }).click();
    await editor(page).getByRole('button', { name: en.manage.staff.disableConfirm }).click();

    await other.locator('.sign-in').waitFor({ timeout: 10_000 });
    await other.getByText(fr.signIn.accessRemoved).waitFor();
    await screenshot(other, 'manage-09-signed-out-fr');
    expect(await other.getByRole('button', { name: /Eve Martin/ }).count()).toBe(0);
    await other.close();
  });

  it('looks right in English, on the lobby PC and on a laptop', async () => {
    // Dana (administrator, English) is signed in from the previous test.
    for (const [size, viewport] of [['lobby', LOBBY], ['laptop', LAPTOP]] as const) {
      await page.setViewportSize(viewport);
      await page.keyboard.press('Alt+1');
      await page.getByTestId('manage-resident-list').waitFor();
      await page.locator('.manage-row').first().click();
      await field(page, 'firstName').waitFor();
      await screenshot(page, `manage-10-residents-en-${size}`);
      await page.keyboard.press('Escape');
      await page.keyboard.press('Alt+2');
      await page.locator('.manage-row').first().click();
      await field(page, 'label').waitFor();
      await screenshot(page, `manage-11-units-en-${size}`);
      await page.keyboard.press('Escape');
      await page.keyboard.press('Alt+3');
      await page.keyboard.press('Alt+N');
      await field(page, 'displayName').waitFor();
      // An administrator may add every role.
      expect(await field(page, 'role').locator('option').count()).toBe(3);
      await screenshot(page, `manage-12-staff-en-${size}`);
      await page.keyboard.press('Escape');
    }
    await page.setViewportSize(LAPTOP);
    await page.keyboard.press('F9');
    await page.locator('#language-select').selectOption('es');
    await page.keyboard.press('F6');
    await page.keyboard.press('Alt+1');
    await page.locator('.manage-row').nth(2).click();
    await field(page, 'firstName').waitFor();
    await screenshot(page, 'manage-13-residents-es-laptop');
    await page.keyboard.press('Alt+3');
    await screenshot(page, 'manage-14-staff-es-laptop');
  });
});

describe.skipIf(skipReason !== null)('a staff member disabled on one desk, through the real central service', () => {
  let service: CentralService;
  let browser: Browser;

  beforeAll(async () => {
    service = await startCentralService({ enrollmentCodes: 2 });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await service?.stop();
  });

  async function openDesk(code: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error('[page error]', error));
    await page.goto(`${service.url}/?enroll=${code}`);
    await page.getByRole('button', { name: /Ben Carter/ }).waitFor({ timeout: 30_000 });
    return page;
  }

  it('is signed out on the other desk and can no longer sign in anywhere once it has synced', async () => {
    const [codeA, codeB] = service.codes;
    if (!codeA || !codeB) throw new Error('the service printed no enrollment codes');
    const deskA = await openDesk(codeA);
    const deskB = await openDesk(codeB);
    await signIn(deskB, 'Ben Carter', '2222');

    await signIn(deskA, 'Chloé Lefèvre', '3333');
    await deskA.keyboard.press('F6');
    await deskA.keyboard.press('Alt+3');
    await deskA.getByRole('button', { name: fr.manage.staff.disableName.replace('{{name}}', 'Ben Carter') }).click();
    await editor(deskA).getByRole('button', { name: fr.manage.staff.disableConfirm }).click();

    // Desk B pulls the change (poke) and ends Ben's session; Ben is gone from its sign-in screen.
    await deskB.locator('.sign-in').waitFor({ timeout: 15_000 });
    await deskB.getByText(en.signIn.accessRemoved).waitFor();
    expect(await deskB.getByRole('button', { name: /Ben Carter/ }).count()).toBe(0);
    // The server applied it (the outbox drained), and a desk's staff row says disabled.
    await expect.poll(async () => (await readStore<unknown>(deskA, 'outbox')).length, { timeout: 10_000 }).toBe(0);
    expect((await readStore<Staff>(deskB, 'staff')).find((member) => member.displayName === 'Ben Carter')?.active).toBe(false);
    await screenshot(deskB, 'manage-20-desk-b-signed-out');
  });
});
