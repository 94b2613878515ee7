/**
 * Accueil's two ways out, on the demo workbook at Google's 300 px. Segments: the saved segments
 * of Parametres with their filters (a segment whose filter cannot be read shows its French error
 * and cannot be opened), one segment's organisations and contacts with their totals, and a
 * member's card. Pipeline: the totals and the figures of each stage, in French formats
 * (`12 500 €`, `45 %`, `12,5 j`), the same numbers the server computes.
 */
import type { FrameLocator, Page } from 'playwright-core';
import type { PipelineFigures, SavedSegment, SegmentMembers } from '../../src/server/api/contract';
import {
  callApi,
  expectText,
  recordRuns,
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

beforeAll(async () => {
  session = await startSession();
  ({ server, page, sidebar } = session);
  runs = recordRuns(page);
});

afterAll(() => session?.close());

// What the sidebar must show, formatted here as a French user's browser does (Node's ICU is the
// browser's): narrow no-break space between thousands, no-break space before € and %.
const euros = (n: number) =>
  new Intl.NumberFormat('fr-FR', {
    style: 'currency',
    currency: 'EUR',
    maximumFractionDigits: 0,
  }).format(Math.round(n));
const rate = (n: number | null) =>
  n === null
    ? '—'
    : new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 }).format(n);
const days = (n: number | null) =>
  n === null
    ? '—'
    : `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(n)}\u00a0j`;

const BROKEN: SavedSegment = {
  name: 'Segment cassé (test)',
  filter: 'couleur=Rouge',
  error: 'Filtre illisible : critère « couleur » inconnu.',
};

test('Segments: the saved segments, one segment’s members, a member’s card', async () => {
  const saved = await callApi<SavedSegment[]>(server, 'listSegments');
  const segment = saved.find((s) => s.error === null);
  if (!segment) throw new Error('the demo workbook has no usable segment');
  const members = await callApi<SegmentMembers>(server, 'getSegmentMembers', segment.name);
  const first = members.organisations[0];
  if (!first) throw new Error(`segment ${segment.name} has no organisation`);

  // The demo has no broken segment: one is added to the server's answer, to see it shown.
  await page.route('**/api/run', async (route) => {
    const body = JSON.parse(route.request().postData() ?? '{}') as { functionName?: string };
    if (body.functionName !== 'listSegments') return route.continue();
    const response = await route.fetch();
    const run = (await response.json()) as { value: { ok: true; data: SavedSegment[] } };
    run.value.data = [...run.value.data, BROKEN];
    return route.fulfill({ response, json: run });
  });

  await sidebar.locator('#nav-home').click();
  await sidebar.locator('#open-segments').click();
  const view = sidebar.locator('[data-testid="segments"]');
  await expectText(view, 'lignes « segment.<nom> »');
  const items = view.locator('[data-testid="segment"]');
  await expectText(items, segment.name);
  expect(await items.count()).toBe(saved.length + 1);
  for (const s of saved) await expectText(items, s.filter);
  const broken = await expectText(items, BROKEN.name);
  await expectText(broken.locator('[data-testid="segment-error"]'), BROKEN.error ?? '');
  expect(await broken.locator('button').count()).toBe(0);
  await expect(sidebar.locator('#nav-home').getAttribute('aria-current')).resolves.toBe('page');
  await broken.scrollIntoViewIfNeeded();
  await shot(page, 'g1-segments');
  await page.unroute('**/api/run');

  await items.filter({ hasText: segment.name }).getByRole('button').click();
  const list = sidebar.locator('[data-testid="segment-members"]');
  await expectText(list.locator('[data-testid="segment-name"]'), segment.name);
  await expectText(
    list.locator('[data-testid="segment-organisations-heading"]'),
    `Organisations (${members.totalOrganisations})`,
  );
  await expectText(
    list.locator('[data-testid="segment-contacts-heading"]'),
    `Contacts (${members.totalContacts})`,
  );
  const orgHits = list.locator('[data-testid="segment-organisations"] .hit');
  expect(await orgHits.count()).toBe(members.organisations.length);
  expect(await list.locator('[data-testid="segment-contacts"] .hit').count()).toBe(
    members.contacts.length,
  );
  const hit = list.locator(`[data-testid="hit-${first.id}"]`);
  await expectText(hit.locator('.hit-title'), first.title);
  await expectText(hit.locator('.hit-sub'), first.subtitle);
  await shot(page, 'g2-segment-members');
  expect(runs.filter((r) => r.name === 'getSegmentMembers').map((r) => r.args)).toEqual([
    [segment.name],
  ]);

  await hit.click();
  await expectText(sidebar.locator('[data-testid="card-title"]'), first.title);
  expect(await sidebar.locator('[data-testid="card"]').getAttribute('data-id')).toBe(first.id);
  await shot(page, 'g3-segment-member-card');

  // Back to the segment, then to the list of segments.
  await sidebar.getByRole('button', { name: '← Retour' }).click();
  await expectText(sidebar.locator('[data-testid="segment-name"]'), segment.name);
  await sidebar.getByRole('button', { name: '← Segments' }).click();
  await sidebar.locator('[data-testid="segment-list"]').waitFor();
});

test('Pipeline: totals and stage figures in French formats', async () => {
  const figures = await callApi<PipelineFigures>(server, 'getPipelineFigures');
  await sidebar.locator('#nav-home').click();
  await sidebar.locator('#open-pipeline').click();
  const view = sidebar.locator('[data-testid="pipeline"]');
  const value = (id: string) => view.locator(`[data-testid="pipeline-${id}"] .tile-value`);
  await value('open').waitFor();

  expect(await value('open').textContent()).toBe(euros(figures.openAmount));
  expect(await value('weighted').textContent()).toBe(euros(figures.weightedOpenAmount));
  expect(await value('won').textContent()).toBe(euros(figures.wonAmount));
  expect(await value('win-rate').textContent()).toBe(rate(figures.winRate));
  // The shape of French numbers, whatever the demo's figures: "345 600 €", "50 %".
  expect(await value('open').textContent()).toMatch(/^\d{1,3}(\u202f\d{3})*\u00a0€$/);
  expect(await value('win-rate').textContent()).toMatch(/^(\d{1,3}\u00a0%|—)$/);
  await expectText(
    view.locator('[data-testid="pipeline-open"]'),
    `${figures.openCount} opportunités en cours`,
  );

  const rows = view.locator('[data-testid="pipeline-stage"]');
  expect(await rows.count()).toBe(figures.stages.length);
  for (const stage of figures.stages) {
    const row = view.locator(`[data-stage="${stage.stage}"]`);
    expect(await row.locator('[data-testid="stage-count"]').textContent()).toBe(
      String(stage.count),
    );
    expect(await row.locator('[data-testid="stage-amount"]').textContent()).toBe(
      euros(stage.amount),
    );
    if (stage.stage === 'Gagné' || stage.stage === 'Perdu') continue;
    expect(await row.locator('[data-testid="stage-weighted"]').textContent()).toBe(
      euros(stage.weightedAmount),
    );
    expect(await row.locator('[data-testid="stage-days"]').textContent()).toBe(
      days(stage.averageDays),
    );
    expect(await row.locator('[data-testid="stage-conversion"]').textContent()).toBe(
      rate(stage.conversion),
    );
  }
  // At least one stage with a decimal duration, to see the French comma ("12,5 j").
  const decimal = figures.stages.find(
    (s) => s.averageDays !== null && !Number.isInteger(s.averageDays),
  );
  if (decimal)
    expect(
      await view
        .locator(`[data-stage="${decimal.stage}"] [data-testid="stage-days"]`)
        .textContent(),
    ).toMatch(/^\d+,\d\u00a0j$/);
  await shot(page, 'h1-pipeline-top');
  await rows.last().scrollIntoViewIfNeeded();
  await shot(page, 'h2-pipeline-stages');
});
