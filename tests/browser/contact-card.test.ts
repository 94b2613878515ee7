/**
 * A contact's 360° card on the demo workbook, at Google's 300 px: opened from the row the cursor
 * is on in the grid (getSelectedCard), an interaction logged from it in two clicks shows at the
 * top of the timeline with its next action among the open tasks; a next action due today shows
 * in "Mes tâches du jour" and is closed there with one click. A lost connection is told in
 * French, and the card comes back with "Réessayer".
 */
import type { FrameLocator, Page } from 'playwright-core';
import {
  expectText,
  pageState,
  recordCount,
  sheetRecords,
  shot,
  showSheet,
  startSession,
  type CrmSession,
  type LocalServer,
} from './helpers';

let session: CrmSession;
let server: LocalServer;
let page: Page;
let sidebar: FrameLocator;

beforeAll(async () => {
  session = await startSession();
  ({ server, page, sidebar } = session);
});

afterAll(() => session?.close());

/** `yyyy-MM-dd` in Paris, `days` after the script's clock. */
async function parisDay(days: number): Promise<string> {
  const now = new Date((await pageState(server)).nowIso);
  const day = new Date(now.getTime() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(day);
}

test('the card of the selected row: log an interaction, see it in the timeline', async () => {
  const contact = (await sheetRecords(server, 'contacts')).find(
    (c) => c.prenom !== '' && c.nom !== '' && c.optOut !== 'TRUE',
  );
  if (!contact) throw new Error('the demo workbook has no contact');
  const name = `${contact.prenom} ${contact.nom}`;
  const interactionsBefore = await recordCount(server, 'Interactions');

  // The cursor on the contact's row, as clicking a cell in Sheets puts it.
  const grid = await showSheet(page, 'Contacts');
  const row = grid.locator('tr', {
    has: page.locator('td', { hasText: new RegExp(`^${contact.id}$`) }),
  });
  await row.locator('td').nth(1).click();
  await sidebar.locator('#nav-home').click();
  await sidebar.locator('#selected-card').click();
  await expectText(sidebar.locator('[data-testid="card-title"]'), name);
  await shot(page, 'c1-selected-contact-card');

  // Click 1: open the form; click 2: save. Type and direction keep their defaults.
  await sidebar.locator('#open-interaction').click();
  const form = sidebar.locator('#log-interaction');
  await form.locator('#log-interaction-objet').fill('Appel de suivi — devis ruches');
  await form
    .locator('#log-interaction-resume')
    .fill('Intéressée par 4 ruches sur le toit du siège ; attend le devis.');
  await form.locator('#log-interaction-prochaineAction').fill('Envoyer le devis ruches');
  await form.locator('#log-interaction-prochaineActionLe').fill(await parisDay(2));
  await shot(page, 'c2-interaction-form');
  await form.locator('[data-testid="submit"]').click();

  await expectText(sidebar.locator('#notice'), 'Échange enregistré');
  const latest = sidebar.locator('[data-testid="timeline"] > li').first();
  await expectText(latest, 'Appel de suivi — devis ruches');
  await expectText(latest, 'Prochaine action : Envoyer le devis ruches');
  await expectText(sidebar.locator('.tasks .task'), 'Envoyer le devis ruches');
  await latest.scrollIntoViewIfNeeded();
  await shot(page, 'c3-interaction-in-timeline');
  expect(await recordCount(server, 'Interactions')).toBe(interactionsBefore + 1);
  const logged = (await sheetRecords(server, 'interactions')).filter(
    (i) => i.contactId === contact.id && i.objet === 'Appel de suivi — devis ruches',
  );
  expect(logged).toHaveLength(1);
});

test('a next action due today shows in "Mes tâches du jour" and is done in one click', async () => {
  // Still on the contact's card from the test above. Click 1: open; click 2: add.
  await sidebar.locator('#open-task').click();
  const form = sidebar.locator('#add-task');
  await form.locator('#add-task-titre').fill('Rappeler pour le rendez-vous sur site');
  await form.locator('#add-task-echeance').fill(await parisDay(0));
  await form.locator('[data-testid="submit"]').click();
  await expectText(sidebar.locator('#notice'), 'ajoutée');
  await expectText(sidebar.locator('.tasks .task'), 'Rappeler pour le rendez-vous sur site');

  await sidebar.locator('#nav-home').click();
  const task = await expectText(
    sidebar.locator('#view-home .task'),
    'Rappeler pour le rendez-vous sur site',
  );
  await expectText(task, 'Aujourd’hui');
  await shot(page, 'd1-today-tasks');
  const id = (await task.getAttribute('data-testid'))?.replace(/^task-/, '') ?? '';
  const countBefore = Number(await sidebar.locator('[data-testid="today-count"]').textContent());

  await task.locator(`[data-testid="done-${id}"]`).click();
  await expectText(sidebar.locator('#notice'), 'marquée comme faite');
  await sidebar.locator(`#view-home [data-testid="task-${id}"]`).waitFor({ state: 'detached' });
  expect(Number(await sidebar.locator('[data-testid="today-count"]').textContent())).toBe(
    countBefore - 1,
  );
  await shot(page, 'd2-task-done');
  const stored = (await sheetRecords(server, 'taches')).find((t) => t.id === id);
  expect(stored?.statut).toBe('Fait');
});

test('a lost connection is told in plain French, and "Réessayer" recovers', async () => {
  await page.route('**/api/run', (route) => route.abort('internetdisconnected'));
  await sidebar.locator('#nav-home').click();
  await sidebar.locator('#selected-card').click();
  const error = await expectText(sidebar.locator('[role="alert"]'), 'Connexion perdue avec Google');
  await shot(page, 'e1-connection-lost');
  await page.unroute('**/api/run');
  await sidebar.getByRole('button', { name: 'Réessayer' }).click();
  await sidebar.locator('[data-testid="card-title"]').waitFor();
  await error.waitFor({ state: 'detached' });
});
