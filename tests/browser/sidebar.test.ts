/**
 * The real sidebar in Debian's Chromium (playwright-core, no browser download), against the
 * local server of `npm start` on a blank workbook: run the setup menu item, see the tabs appear in
 * the grid and the record counts in the sidebar. Screenshots go to artifacts/screenshots/.
 */
import type { FrameLocator, Page } from 'playwright-core';
import { expectText, shot, showSheet, startSession, type CrmSession } from './helpers';

let session: CrmSession;
let page: Page;
let sidebar: FrameLocator;

beforeAll(async () => {
  session = await startSession({ blank: true, viewport: { width: 1400, height: 860 } });
  ({ page, sidebar } = session);
});

afterAll(() => session?.close());

test('setup from the menu creates the tabs, and the sidebar counts the records', async () => {
  await page.locator('#banner').waitFor({ state: 'visible' });
  await page.locator('#tabs .tab', { hasText: 'Feuille 1' }).waitFor();
  // A workbook without the CRM structure opens the sidebar on Système, where the setup is.
  await sidebar.locator('#setup').waitFor();
  await shot(page, '01-blank-workbook');

  await page.getByRole('button', { name: 'CRM UTPLA ▾' }).click();
  await page.getByRole('button', { name: 'Installer / réparer la structure' }).click();
  await page.locator('#dialog[open]').waitFor();
  await expectText(page.locator('#dialog-body'), 'Onglet « Organisations » créé');
  await shot(page, '02-setup-report');
  await page.locator('#dialog-ok').click();

  for (const name of ['Organisations', 'Contacts', 'Opportunites', 'Journal', 'Parametres']) {
    await page.locator('#tabs .tab', { hasText: name }).waitFor();
  }
  await expectText(await showSheet(page, 'Contacts'), 'Prénom');

  // The menu reloads the sidebar, which opens on Accueil now that the structure is there.
  await sidebar.locator('#nav-home[aria-current="page"]').waitFor();
  await sidebar.locator('#nav-system').click();
  await sidebar.locator('[data-testid="count-Parametres"]').waitFor();
  const count = await sidebar.locator('[data-testid="count-Parametres"]').textContent();
  expect(Number(count)).toBeGreaterThan(0);
  expect(await sidebar.locator('[data-testid="count-Contacts"]').textContent()).toBe('0');
  await shot(page, '03-after-setup');

  await sidebar.locator('#automations-toggle').click();
  await expectText(sidebar.locator('#automations-state'), 'Activées');
  await shot(page, '04-automations-on');
});
