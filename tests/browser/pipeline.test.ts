/**
 * Moving opportunities along the pipeline from an organisation's card, on the demo workbook at
 * Google's 300 px. A new opportunity without an amount, sent from Lead to "Proposition envoyée",
 * is refused with the French text of every rule it fails, and its stage does not change; "Perdu"
 * without a reason is refused, with one it is accepted. A demo opportunity "En discussion" with an
 * amount goes to "Proposition envoyée" in one click (the next stage is preselected), and the
 * card shows the new stage. Records are found on the page and through the search, not by ID.
 */
import type { FrameLocator, Locator, Page } from 'playwright-core';
import {
  expectText,
  sheetRecords,
  shot,
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

async function stageOf(id: string): Promise<string | undefined> {
  return (await sheetRecords(server, 'opportunites')).find((o) => o.id === id)?.etape;
}

/** Picks a stage in the opportunity's move form and clicks "Déplacer". */
async function move(opportunity: Locator, stage: string, reason?: string): Promise<void> {
  await opportunity.locator('[data-testid="move-stage"]').selectOption(stage);
  if (reason !== undefined) await opportunity.locator('[data-testid="move-reason"]').fill(reason);
  await opportunity.locator('[data-testid="move-submit"]').click();
}

test('a refused move explains its rules; allowed moves show the new stage on the card', async () => {
  const demo = (await sheetRecords(server, 'opportunites')).find(
    (o) => o.etape === 'En discussion' && o.montant !== '' && o.titre !== '',
  );
  if (!demo?.id || !demo.titre)
    throw new Error('the demo workbook has no opportunity "En discussion" with an amount');
  const { id: demoId, titre: demoTitle } = demo;

  // The demo opportunity through the search: its organisation's card opens, the deal in view.
  await sidebar.locator('#nav-search').click();
  await sidebar.locator('#search-input').fill(demoTitle);
  await sidebar.locator(`[data-testid="hit-${demoId}"]`).click();
  const demoItem = sidebar.locator(`[data-testid="opp-${demoId}"]`);
  await demoItem.and(sidebar.locator('.highlight')).waitFor();
  await expectText(demoItem.locator('[data-testid="opp-stage"]'), 'En discussion');
  const organisation = (await sidebar.locator('[data-testid="card-title"]').textContent()) ?? '';

  // A new opportunity of this organisation, without an amount: it starts as a Lead.
  await sidebar.getByRole('button', { name: '+ Nouvelle opportunité' }).click();
  await sidebar.locator('#create-opportunites-titre').fill('Ruches pédagogiques — test pipeline');
  await sidebar.locator('#create-opportunites [data-testid="submit"]').click();
  await expectText(sidebar.locator('#notice'), 'Opportunité créée');
  await expectText(sidebar.locator('[data-testid="card-title"]'), organisation);
  const fresh = sidebar.locator('.opp.highlight');
  await expectText(fresh, 'Ruches pédagogiques — test pipeline');
  const freshId = ((await fresh.getAttribute('data-testid')) ?? '').replace(/^opp-/, '');
  await expectText(fresh.locator('[data-testid="opp-stage"]'), 'Lead');

  // Lead → Proposition envoyée: the rule of every stage entered on the way is checked; the
  // amount's fails whatever the organisation (the others depend on the demo data).
  await move(fresh, 'Proposition envoyée');
  const refusal = fresh.locator('[data-testid="move-refusal"]');
  await expectText(refusal, 'refusé');
  const text = (await refusal.textContent()) ?? '';
  expect(text).toContain('« Lead » à « Proposition envoyée »');
  expect(text).toMatch(/Proposition envoyée : .*montant/);
  await refusal.scrollIntoViewIfNeeded();
  await shot(page, 'b1-move-refused');
  expect(await stageOf(freshId)).toBe('Lead');

  // Perdu needs a reason: refused without, accepted with.
  await move(fresh, 'Perdu');
  await expectText(refusal, 'raison');
  expect(await stageOf(freshId)).toBe('Lead');
  await move(fresh, 'Perdu', 'Pas de budget biodiversité cette année');
  await expectText(sidebar.locator('#notice'), 'Lead → Perdu');
  const closed = sidebar.locator(`[data-testid="opp-${freshId}"]`);
  await expectText(closed.locator('[data-testid="opp-stage"]'), 'Perdu');
  await expectText(closed, 'Pas de budget biodiversité cette année');
  await closed.scrollIntoViewIfNeeded();
  await shot(page, 'b2-moved-to-lost');
  expect(await stageOf(freshId)).toBe('Perdu');

  // En discussion → Proposition envoyée, preselected: one click on "Déplacer".
  expect(await demoItem.locator('[data-testid="move-stage"]').inputValue()).toBe(
    'Proposition envoyée',
  );
  await demoItem.locator('[data-testid="move-submit"]').click();
  await expectText(sidebar.locator('#notice'), 'En discussion → Proposition envoyée');
  await expectText(demoItem.locator('[data-testid="opp-stage"]'), 'Proposition envoyée');
  await demoItem.scrollIntoViewIfNeeded();
  await shot(page, 'b3-moved-to-proposal');
  expect(await stageOf(demoId)).toBe('Proposition envoyée');
});
