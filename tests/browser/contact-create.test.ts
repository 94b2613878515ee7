/**
 * Creating a contact from the sidebar (Nouveau › Contact) on the demo workbook, at Google's
 * 300 px: an invalid email is refused next to its field before any server call, an email another
 * contact already has is refused by the server next to the same field, and in both cases the
 * Contacts tab keeps its row count; with a new email the contact is created, its card opens,
 * the grid shows the row and the search finds it with neither accents nor capitals typed.
 */
import type { FrameLocator, Page } from 'playwright-core';
import {
  expectText,
  recordCalls,
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
let calls: string[];

beforeAll(async () => {
  session = await startSession();
  ({ server, page, sidebar } = session);
  calls = recordCalls(page);
});

afterAll(() => session?.close());

test('a contact with an invalid email is refused next to the field; fixed, it is created', async () => {
  const contacts = await sheetRecords(server, 'contacts');
  const organisations = await sheetRecords(server, 'organisations');
  const takenEmail = contacts.find((c) => c.email !== '')?.email;
  const organisation = organisations.find((o) => o.nom)?.nom;
  if (!takenEmail || !organisation) throw new Error('the demo workbook has no contact email');
  const before = await recordCount(server, 'Contacts');
  const grid = await showSheet(page, 'Contacts');
  const footer = page.locator('#grid .grid-footer');
  const footerBefore = await footer.textContent();

  await sidebar.locator('#nav-new').click();
  await sidebar.locator('#new-kind-contacts').click();
  const form = sidebar.locator('#new-contacts');
  await form.locator('#new-contacts-nom').fill('Kerbrat');
  await form.locator('#new-contacts-prenom').fill('Édouard');
  await form.locator('#new-contacts-poste').fill('Responsable des espaces verts');
  // The organisation by name through the ref picker's search, as a user picks it.
  await form.locator('#new-contacts-organisationId').fill(organisation);
  await form.locator('.ref-hits .hit', { hasText: organisation }).first().click();
  await expectText(form.locator('.ref-chosen'), organisation);

  // 1. Not an email: refused by the sidebar itself, nothing sent.
  const email = form.locator('#new-contacts-email');
  await email.fill('edouard.kerbrat@@exemple');
  await form.locator('[data-testid="submit"]').click();
  const emailError = form.locator('[data-testid="error-email"]');
  await expectText(emailError, 'Email');
  expect(await email.getAttribute('aria-invalid')).toBe('true');
  expect(await emailError.getAttribute('id')).toBe(await email.getAttribute('aria-describedby'));
  await expectText(form.locator('.form-error'), 'rien n’a été enregistré');
  await shot(page, 'a1-contact-invalid-email');
  expect(calls).not.toContain('createRecord');
  expect(await recordCount(server, 'Contacts')).toBe(before);
  expect(await footer.textContent()).toBe(footerBefore);

  // 2. A valid email another contact has: the server refuses it, next to the same field.
  await email.fill(takenEmail.toUpperCase());
  await emailError.waitFor({ state: 'detached' });
  await form.locator('[data-testid="submit"]').click();
  await expectText(emailError, 'existe déjà');
  expect(calls).toContain('createRecord');
  await shot(page, 'a2-contact-duplicate-email');
  expect(await recordCount(server, 'Contacts')).toBe(before);
  // What was typed is kept: only the email needs fixing.
  expect(await form.locator('#new-contacts-nom').inputValue()).toBe('Kerbrat');

  // 3. A new email: created, its card opens, the grid shows the row.
  const newEmail = 'edouard.kerbrat@exemple.fr';
  await email.fill(newEmail);
  await form.locator('[data-testid="submit"]').click();
  await expectText(sidebar.locator('[data-testid="card-title"]'), 'Édouard Kerbrat');
  await expectText(sidebar.locator('#notice'), 'Contact créé');
  await expectText(sidebar.locator('[data-testid="card-organisation"]'), organisation);
  const newRow = await expectText(grid.locator('td'), newEmail);
  await newRow.scrollIntoViewIfNeeded();
  await shot(page, 'a3-contact-created');
  expect(await recordCount(server, 'Contacts')).toBe(before + 1);
  const created = (await sheetRecords(server, 'contacts')).find((c) => c.email === newEmail);
  expect(created).toMatchObject({ nom: 'Kerbrat', prenom: 'Édouard' });

  // 4. Search folds accents and case: "EDOUARD kerbrat" finds Édouard Kerbrat.
  await sidebar.locator('#nav-search').click();
  await sidebar.locator('#search-input').fill('EDOUARD kerbrat');
  const hit = await expectText(sidebar.locator('[data-testid="search-results"] .hit'), 'Kerbrat');
  await expectText(hit, 'Édouard Kerbrat');
  await shot(page, 'a4-contact-search');
});
