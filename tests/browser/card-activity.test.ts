/**
 * An organisation's 360° card on the demo workbook, at Google's 300 px. It loads in two parallel
 * calls: the record shows while the timeline and the tasks still say "Chargement…" (getActivity
 * is held back here to see it), then they follow; a failed getActivity is told in French under
 * the card, which stays, and "Réessayer" brings them. « Expliquer ce score » shows the demo
 * stand-in's explanation as text and prefills a task with its next action, saved only on
 * "Ajouter"; a missing Claude key is told next to the button, the rules' detail still in view.
 * After an interaction or a task done, the organisation is rescored in the background and the
 * card shows the sheet's new score; a failed rescore is a quiet note, not an error banner.
 */
import type { FrameLocator, Page, Route } from 'playwright-core';
import type { CardActivity, RecordCard } from '../../src/server/api/contract';
import {
  callApi,
  expectText,
  recordRuns,
  sheetRecords,
  shot,
  startSession,
  type CrmSession,
  type LocalServer,
  type RunCall,
} from './helpers';

let session: CrmSession;
let server: LocalServer;
let page: Page;
let sidebar: FrameLocator;
let runs: RunCall[];
/** The organisation the tests work on: scored, with contacts and interactions. */
let org: { id: string; name: string; interactions: number };

const API = '**/api/run';

function functionOf(route: Route): string {
  const body = JSON.parse(route.request().postData() ?? '{}') as { functionName?: string };
  return body.functionName ?? '';
}

/** Answers calls of `name` with `value` (what the server's endpoint returns), others go through. */
async function answer(name: string, value: unknown): Promise<void> {
  await page.route(API, (route) =>
    functionOf(route) === name ? route.fulfill({ json: { ok: true, value } }) : route.continue(),
  );
}

async function scoreInSheet(id: string): Promise<string> {
  return (await sheetRecords(server, 'organisations')).find((o) => o.id === id)?.scoreIcp ?? '';
}

beforeAll(async () => {
  session = await startSession();
  ({ server, page, sidebar } = session);
  runs = recordRuns(page);
  for (const o of await sheetRecords(server, 'organisations')) {
    if (o.scoreIcp === '' || !o.id || !o.nom) continue;
    const card = await callApi<RecordCard>(server, 'getCard', 'organisations', o.id, false);
    const activity = await callApi<CardActivity>(server, 'getActivity', 'organisations', o.id);
    if (card.contacts.length > 0 && activity.interactions.length > 0) {
      org = { id: o.id, name: o.nom, interactions: activity.interactions.length };
      break;
    }
  }
  if (!org) throw new Error('the demo workbook has no scored organisation with interactions');
});

afterAll(() => session?.close());

const card = () => sidebar.locator('[data-testid="card"]');
const timeline = () => card().locator('[data-testid="timeline"] > li');

test('the card shows its record first, then its timeline and tasks', async () => {
  // getActivity waits until the record is on screen.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(API, async (route) => {
    if (functionOf(route) === 'getActivity') await held;
    await route.continue();
  });
  const from = runs.length;

  await sidebar.locator('#nav-search').click();
  await sidebar.locator('#search-input').fill(org.name);
  await sidebar.locator(`#view-search [data-testid="hit-${org.id}"]`).click();
  await expectText(card().locator('[data-testid="card-title"]'), org.name);
  await card().locator('[data-testid="icp"]').waitFor();
  await expectText(
    card().locator('[data-testid="activity-timeline"][data-loading="true"]'),
    'Chargement de l’historique…',
  );
  await expectText(
    card().locator('[data-testid="activity-tasks"][data-loading="true"]'),
    'Chargement des tâches…',
  );
  const sent = runs.slice(from);
  expect(sent).toContainEqual({ name: 'getCard', args: ['organisations', org.id, false] });
  expect(sent).toContainEqual({ name: 'getActivity', args: ['organisations', org.id] });
  expect(sent.some((r) => r.name === 'getSelectedCard')).toBe(false);
  await card().locator('[data-testid="activity-timeline"]').scrollIntoViewIfNeeded();
  await shot(page, 'k1-card-before-activity');

  release();
  await timeline().first().waitFor();
  expect(await timeline().count()).toBe(org.interactions);
  await card().locator('[data-testid="activity-tasks"][aria-busy="false"]').waitFor();
  await timeline().first().scrollIntoViewIfNeeded();
  await shot(page, 'k2-card-with-activity');
  await page.unroute(API);
});

test('a failed getActivity is told under the card, and "Réessayer" brings the timeline', async () => {
  await page.route(API, (route) =>
    functionOf(route) === 'getActivity' ? route.abort('internetdisconnected') : route.continue(),
  );
  const from = runs.length;
  await sidebar.locator('#refresh').click();
  const error = await expectText(
    card().locator('[data-testid="activity-error"]'),
    'Tâches et historique non chargés : Connexion perdue avec Google',
  );
  await expectText(card().locator('[data-testid="card-title"]'), org.name);
  await expectText(card().locator('[data-testid="activity-timeline"]'), 'Historique non chargé');
  // The reload is the same pair as the first load.
  expect(runs.slice(from)).toEqual(
    expect.arrayContaining([
      { name: 'getCard', args: ['organisations', org.id, false] },
      { name: 'getActivity', args: ['organisations', org.id] },
    ]),
  );
  expect(await sidebar.locator('#error-banner').count()).toBe(0);
  await error.scrollIntoViewIfNeeded();
  await shot(page, 'k3-activity-failed');

  await page.unroute(API);
  await card().getByRole('button', { name: 'Réessayer' }).click();
  await timeline().first().waitFor();
  await error.waitFor({ state: 'detached' });
  expect(await timeline().count()).toBe(org.interactions);
});

test('« Expliquer ce score » (demo stand-in): text, and a next action saved only on "Ajouter"', async () => {
  const icp = card().locator('[data-testid="icp"]');
  await icp.locator('[data-testid="explain-score"]').click();
  const text = await expectText(icp.locator('[data-testid="explanation-text"]'), org.name);
  expect(((await text.textContent()) ?? '').length).toBeGreaterThan(80);
  const suggested = (
    (await icp.locator('[data-testid="suggested-action"]').textContent()) ?? ''
  ).trim();
  expect(suggested.length).toBeGreaterThan(10);
  await icp.locator('[data-testid="icp-detail"] li').first().waitFor();
  await icp.locator('[data-testid="explanation"]').scrollIntoViewIfNeeded();
  await shot(page, 'm1-score-explained');

  const from = runs.length;
  await icp.locator('[data-testid="use-next-action"]').click();
  const title = sidebar.locator('#add-task-titre');
  expect(await title.inputValue()).toBe(suggested);
  await expect(title.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
  await shot(page, 'm2-next-action-prefilled');
  expect(runs.slice(from).map((r) => r.name)).not.toContain('createRecord');
  const tasksBefore = (await sheetRecords(server, 'taches')).length;

  await sidebar.locator('#add-task [data-testid="submit"]').click();
  await expectText(sidebar.locator('#notice'), 'ajoutée');
  await expectText(card().locator('.tasks .task'), suggested);
  const tasks = await sheetRecords(server, 'taches');
  expect(tasks).toHaveLength(tasksBefore + 1);
  expect(tasks.filter((t) => t.titre === suggested)).toHaveLength(1);
});

test('without a Claude key the refusal is shown by the button; an explanation is never markup', async () => {
  await answer('explainScore', {
    ok: false,
    code: 'CONFIG',
    message: 'Clé Claude absente — Paramètres',
  });
  const icp = card().locator('[data-testid="icp"]');
  await icp.locator('[data-testid="explain-score"]').click();
  await expectText(icp.locator('[data-testid="explain-error"]'), 'Clé Claude absente — Paramètres');
  await icp.locator('[data-testid="explanation"]').waitFor({ state: 'detached' });
  expect(await icp.locator('[data-testid="icp-detail"] li').count()).toBeGreaterThan(2);
  expect(await sidebar.locator('#error-banner').count()).toBe(0);
  await icp.scrollIntoViewIfNeeded();
  await shot(page, 'm3-explain-no-key');
  await page.unroute(API);

  const markup = '<img src=x onerror="window.pwned=1"><b>gras</b>';
  await answer('explainScore', {
    ok: true,
    data: {
      kind: 'organisations',
      id: org.id,
      score: 50,
      reasons: [],
      explanation: `Texte ${markup}`,
      nextAction: `Appeler ${markup}`,
      model: 'claude-haiku-4-5',
      usage: { inputTokens: 1, outputTokens: 1 },
    },
  });
  await icp.locator('[data-testid="explain-score"]').click();
  const text = await expectText(icp.locator('[data-testid="explanation-text"]'), '<b>gras</b>');
  expect(await text.locator('img, b').count()).toBe(0);
  const suggested = icp.locator('[data-testid="suggested-action"]');
  await expectText(suggested, 'Appeler <img');
  expect(await suggested.locator('img, b').count()).toBe(0);
  const pwned = await sidebar
    .locator('body')
    .evaluate(() => (window as unknown as { pwned?: number }).pwned);
  expect(pwned).toBeUndefined();
  await page.unroute(API);
});

test('an interaction rescores the organisation in the background; the card shows the new score', async () => {
  const from = runs.length;
  await sidebar.locator('#open-interaction').click();
  const form = sidebar.locator('#log-interaction');
  await form.locator('#log-interaction-objet').fill('Rendez-vous sur site — test du score');
  await form.locator('[data-testid="submit"]').click();
  await expectText(sidebar.locator('#notice'), 'Échange enregistré');
  await expectText(timeline().first(), 'Rendez-vous sur site — test du score');

  const note = card().locator('[data-testid="rescore-note"]');
  const deadline = Date.now() + 15_000;
  while (!runs.slice(from).some((r) => r.name === 'rescoreOrganisation')) {
    if (Date.now() > deadline) throw new Error('no rescoreOrganisation call');
    await page.waitForTimeout(100);
  }
  await note.waitFor({ state: 'detached' });
  const names = runs.slice(from).map((r) => r.name);
  // The action, then the card's pair, then the rescore: nobody waits for it.
  expect(names.indexOf('logInteraction')).toBeLessThan(names.indexOf('getCard'));
  expect(names.indexOf('getActivity')).toBeLessThan(names.indexOf('rescoreOrganisation'));
  expect(runs.slice(from).filter((r) => r.name === 'rescoreOrganisation')).toEqual([
    { name: 'rescoreOrganisation', args: [org.id] },
  ]);
  const score = await scoreInSheet(org.id);
  await expectText(card().locator('[data-testid="icp-value"]'), `${score} / 100`);
  expect(await sidebar.locator('#error-banner').count()).toBe(0);
  await card().locator('[data-testid="icp"]').scrollIntoViewIfNeeded();
  await shot(page, 'n1-rescored-after-interaction');
});

test('a failed rescore after a task done is a quiet note with "Recalculer", no banner', async () => {
  await answer('rescoreOrganisation', {
    ok: false,
    code: 'INTERNAL',
    message: 'Erreur simulée du recalcul.',
  });
  const task = card().locator('.tasks .task').first();
  const id = ((await task.getAttribute('data-testid')) ?? '').replace(/^task-/, '');
  await task.locator(`[data-testid="done-${id}"]`).click();
  await expectText(sidebar.locator('#notice'), 'marquée comme faite');
  const note = await expectText(
    card().locator('[data-testid="rescore-note"]'),
    'Score pas encore recalculé après votre modification (Erreur simulée du recalcul.)',
  );
  expect(await sidebar.locator('#error-banner').count()).toBe(0);
  await note.scrollIntoViewIfNeeded();
  await shot(page, 'n2-rescore-failed-note');

  await page.unroute(API);
  await note.getByRole('button', { name: 'Recalculer' }).click();
  await note.waitFor({ state: 'detached' });
  expect((await sheetRecords(server, 'taches')).find((t) => t.id === id)?.statut).toBe('Fait');
});
