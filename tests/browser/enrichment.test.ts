/**
 * Enrichment from the cards, on the demo workbook with the Apollo / Hunter stand-ins and the demo
 * keys, at Google's 300 px: a contact's "Enrichir" shows the fields filled and the proposals,
 * applied on "Appliquer la sélection"; on its organisation, "Trouver des décideurs" lists Apollo's
 * candidates, nothing added until one "Ajouter", then the new contact is in the card's contacts.
 */
import type { FrameLocator, Page } from 'playwright-core';
import { hash } from '../../src/local/sandbox/stand-ins/apollo';
import {
  expectText,
  recordCount,
  recordRuns,
  sheetRecords,
  shot,
  showSheet,
  startSession,
  WAIT_MS,
  type CrmSession,
  type LocalServer,
  type RunCall,
} from './helpers';

let session: CrmSession;
let server: LocalServer;
let page: Page;
let sidebar: FrameLocator;
let runs: RunCall[];

beforeAll(async () => {
  session = await startSession();
  ({ server, page, sidebar } = session);
  runs = recordRuns(page);
});

afterAll(() => session?.close());

/** The stand-in's rule: about one person in ten is unknown to Apollo (stand-ins/apollo.ts). */
function isApolloMiss(first: string, last: string, email: string): boolean {
  const ascii = (t: string) =>
    t
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
  const domain = email.split('@')[1] ?? '';
  return hash(`${ascii(first)}|${ascii(last)}|${domain}`) % 10 === 0;
}

const card = () => sidebar.locator('[data-testid="card"]');

test('enrich a contact, then add a decision maker to its organisation', async () => {
  const organisations = await sheetRecords(server, 'organisations');
  const withDomain = new Set(
    organisations.filter((o) => /example/i.test(`${o.domaine} ${o.siteWeb}`)).map((o) => o.id),
  );
  const contact = (await sheetRecords(server, 'contacts')).find(
    (c) =>
      c.prenom !== '' &&
      c.nom !== '' &&
      c.optOut !== 'TRUE' &&
      c.enrichiLe === '' &&
      withDomain.has(c.organisationId) &&
      !isApolloMiss(c.prenom ?? '', c.nom ?? '', c.email ?? ''),
  );
  if (!contact) throw new Error('the demo workbook has no contact of an example.* organisation');

  // The contact's card, from the row the cursor is on.
  const grid = await showSheet(page, 'Contacts');
  const row = grid.locator('tr', {
    has: page.locator('td', { hasText: new RegExp(`^${contact.id}$`) }),
  });
  await row.locator('td').nth(1).click();
  await sidebar.locator('#nav-home').click();
  await sidebar.locator('#selected-card').click();
  await expectText(
    sidebar.locator('[data-testid="card-title"]'),
    `${contact.prenom} ${contact.nom}`,
  );

  await card().locator('[data-testid="enrich"]').click();
  const result = card().locator('[data-testid="enrich-result"]');
  await result.waitFor();
  expect(runs.map((r) => r.name)).toContain('enrichContact');
  const proposals = result.locator('[data-testid="proposal"]');
  const filled = result.locator('[data-testid="enrich-filled"]');
  await proposals.first().or(filled).first().waitFor();
  await result.scrollIntoViewIfNeeded();
  await shot(page, 'e1-contact-enriched');

  if ((await proposals.count()) > 0) {
    await result.locator('[data-testid="apply-enrichment"]').click();
    await expectText(card().locator('[data-testid="enrich-applied"]'), /appliquée/);
    const apply = runs.find((r) => r.name === 'applyEnrichment');
    expect(apply?.args.slice(0, 2)).toEqual(['contacts', contact.id]);
    await shot(page, 'e2-proposals-applied');
  }
  // The card reloaded after the change (getCard again), the sheet says the contact was enriched.
  const enriched = async () =>
    (await sheetRecords(server, 'contacts')).find((c) => c.id === contact.id)?.enrichiLe ?? '';
  const until = Date.now() + WAIT_MS;
  while ((await enriched()) === '' && Date.now() < until)
    await new Promise((r) => setTimeout(r, 200));
  expect(await enriched()).not.toBe('');

  // Its organisation's card: candidates listed, nothing added before a click.
  await card().locator('[data-testid="card-organisation"]').click();
  await card().locator('[data-testid="find-decision-makers"]').waitFor();
  const contactsBefore = await recordCount(server, 'Contacts');
  await card().locator('[data-testid="find-decision-makers"]').click();
  const candidates = card().locator('[data-testid="candidate"]');
  await candidates.first().waitFor();
  await shot(page, 'e3-decision-makers');
  expect(await recordCount(server, 'Contacts')).toBe(contactsBefore);

  const free = candidates.filter({ hasNot: sidebar.locator('.warn') }).first();
  await free.locator('[data-testid="add-decision-maker"]').click();
  const added = await expectText(free.locator('[data-testid="candidate-added"]'), 'Ajouté');
  const name = ((await added.textContent()) ?? '').replace(/^.*Ajouté\s*:\s*/, '').trim();
  expect(name).not.toBe('');
  expect(await recordCount(server, 'Contacts')).toBe(contactsBefore + 1);
  await expectText(card().locator('ul.links li'), name);
  await shot(page, 'e4-decision-maker-added');
});
