/**
 * Enrichment end to end on dist/Code.js against the sandbox's Apollo and Hunter stand-ins: one
 * contact enriched from the sidebar (empty fields filled and journaled with their source, a typed
 * value kept and proposed, the stamp that stops a second call), the proposal applied on click,
 * an address verified, decision makers found then one added; a bulk run of 500 contacts cut after
 * 200 by its per-execution cap and resumed by the dispatcher, with no person billed twice, every
 * typed value kept and no opted-out contact ever sent; a run stopped by the month's budget.
 */
import type {
  ApplyEnrichmentResult,
  DecisionMakerList,
  EmailVerificationResult,
  EnrichmentResult,
  EnrichmentStatus,
  RecordDto,
} from '../../src/server/api/contract';
import {
  TYPED_POSITION,
  seedEnrichmentWorkbook,
  setSetting,
} from '../../src/local/bench/enrichment-data';
import type { LocalRuntime } from '../../src/local/runtime/runtime';
import { readSheetValues } from '../../src/local/server/sheet-views';
import { startSandbox, type SandboxHandle } from '../../src/local/sandbox';
import { callApi, freshRuntime } from './helpers';

const NOW = new Date('2026-11-28T10:00:00Z');

let sandbox: SandboxHandle;

beforeAll(async () => {
  sandbox = await startSandbox();
});

afterAll(async () => {
  await sandbox.stop();
});

beforeEach(async () => {
  await sandbox.reset();
});

function rows(runtime: LocalRuntime, tab: string): Array<Record<string, unknown>> {
  const [header = [], ...data] = readSheetValues(runtime, tab, false) as unknown[][];
  return data
    .filter((r) => r.some((v) => v !== ''))
    .map((r) => Object.fromEntries(header.map((h, i) => [String(h), r[i]])));
}

function setup(contacts = 10): {
  runtime: LocalRuntime;
  data: ReturnType<typeof seedEnrichmentWorkbook>;
} {
  const runtime = freshRuntime({ inMemory: true, now: NOW, sandboxPort: sandbox.port });
  const data = seedEnrichmentWorkbook(runtime, contacts);
  return { runtime, data };
}

function failure(runtime: LocalRuntime, name: string, ...args: unknown[]) {
  const result = runtime.run({ functionName: name, args, kind: 'sidebar' });
  expect(result.ok).toBe(true);
  const envelope = result.value as { ok: boolean; code?: string; message?: string };
  expect(envelope.ok).toBe(false);
  return envelope as { ok: false; code: string; message: string };
}

async function apolloUsage() {
  return (await sandbox.control('apollo', 'usage', null)) as {
    credits: number;
    requests: number;
    billed: string[];
  };
}

async function hunterUsage() {
  return (await sandbox.control('hunter', 'usage', null)) as {
    credits: number;
    verifications: number;
    verified: string[];
  };
}

describe('enriching one record from the sidebar', () => {
  it('fills empty fields, keeps a typed value as a proposal, journals by source, then stops asking', async () => {
    const { runtime } = setup(10);
    // CT-000004 (i = 3) has a position typed by the team.
    const result = callApi<EnrichmentResult>(runtime, 'enrichContact', 'CT-000004');
    expect(result.found).toBe(true);
    expect(result.filled.map((f) => f.field)).toEqual(
      expect.arrayContaining(['email', 'linkedin']),
    );
    expect(result.filled.every((f) => f.source === 'Apollo' || f.source === 'Hunter')).toBe(true);
    expect(result.proposals).toEqual([
      expect.objectContaining({ field: 'poste', current: TYPED_POSITION, source: 'Apollo' }),
    ]);
    const contact = rows(runtime, 'Contacts').find((c) => c.ID === 'CT-000004') as Record<
      string,
      unknown
    >;
    expect(contact.Poste).toBe(TYPED_POSITION);
    expect(String(contact.LinkedIn)).toMatch(/^https:\/\/www\.linkedin\.com\/in\//);
    expect(contact['Enrichi le']).not.toBe('');
    expect(['Valide', 'Accepte tout', 'Inconnu', 'Invalide']).toContain(contact['Statut email']);
    const journal = rows(runtime, 'Journal').filter((j) => j.ID === 'CT-000004');
    expect(journal.filter((j) => j.Action === 'Apollo').map((j) => j.Champ)).toEqual(
      expect.arrayContaining(['Email', 'LinkedIn']),
    );
    expect(journal.some((j) => j.Champ === 'Poste')).toBe(false);
    // The employer's empty fields came with the same answer, journaled on the organisation.
    expect(result.organisationFilled).toEqual(expect.arrayContaining(['secteur', 'effectif']));
    expect(
      rows(runtime, 'Journal').some((j) => j.ID === 'ORG-000001' && j.Action === 'Apollo'),
    ).toBe(true);
    const billed = (await apolloUsage()).credits;
    expect(billed).toBe(1);

    const again = callApi<EnrichmentResult>(runtime, 'enrichContact', 'CT-000004');
    expect(again.skipped).toMatch(/moins de 90 jours/);
    expect((await apolloUsage()).credits).toBe(billed);

    const applied = callApi<ApplyEnrichmentResult>(
      runtime,
      'applyEnrichment',
      'contacts',
      'CT-000004',
      result.proposals,
    );
    expect(applied.applied).toHaveLength(1);
    expect(applied.record.poste).toBe(result.proposals[0]?.proposed);
    const line = rows(runtime, 'Journal').find((j) => j.ID === 'CT-000004' && j.Champ === 'Poste');
    expect(line).toMatchObject({ Action: 'Apollo', 'Ancienne valeur': TYPED_POSITION });
  });

  it('refuses a proposal whose field changed since it was made', () => {
    const { runtime } = setup(10);
    const result = callApi<EnrichmentResult>(runtime, 'enrichContact', 'CT-000004');
    callApi(runtime, 'updateRecord', 'contacts', 'CT-000004', {
      poste: 'Directrice RSE (corrigé)',
    });
    const applied = callApi<ApplyEnrichmentResult>(
      runtime,
      'applyEnrichment',
      'contacts',
      'CT-000004',
      result.proposals,
    );
    expect(applied.applied).toHaveLength(0);
    expect(applied.stale).toHaveLength(1);
    expect(applied.record.poste).toBe('Directrice RSE (corrigé)');
  });

  it('never sends an opted-out contact', async () => {
    const { runtime, data } = setup(10);
    const optedOut = data.optedOut[0] as string;
    expect(failure(runtime, 'enrichContact', optedOut)).toMatchObject({ code: 'RULE' });
    expect(failure(runtime, 'verifyEmail', optedOut)).toMatchObject({ code: 'RULE' });
    expect(await sandbox.requests('api.apollo.io')).toHaveLength(0);
  });

  it('verifies an address: an invalid one blocks drafts', () => {
    const { runtime } = setup(10);
    callApi(runtime, 'updateRecord', 'contacts', 'CT-000001', {
      email: 'invalide@entreprise-1.example.fr',
    });
    const verdict = callApi<EmailVerificationResult>(runtime, 'verifyEmail', 'CT-000001');
    expect(verdict).toMatchObject({ status: 'Invalide', canDraft: false, pending: false });
    const contact = rows(runtime, 'Contacts').find((c) => c.ID === 'CT-000001');
    expect(contact?.['Statut email']).toBe('Invalide');
    expect(
      rows(runtime, 'Journal').some((j) => j.Action === 'Hunter' && j.Champ === 'Statut email'),
    ).toBe(true);
  });

  it('says « pending » while Hunter is still verifying, then stores the answer', () => {
    const { runtime } = setup(10);
    callApi(runtime, 'updateRecord', 'contacts', 'CT-000002', {
      email: 'lent@entreprise-1.example.fr',
    });
    const verdict = callApi<EmailVerificationResult>(runtime, 'verifyEmail', 'CT-000002');
    // The client asks again after a 202, as Hunter says; the stand-in answers the second time.
    expect(verdict.pending).toBe(false);
    expect(verdict.status).not.toBeNull();
  });

  it('finds decision makers without adding anyone, then adds the one picked', async () => {
    const { runtime } = setup(5);
    const before = rows(runtime, 'Contacts').length;
    const list = callApi<DecisionMakerList>(runtime, 'findDecisionMakers', 'ORG-000001');
    expect(list.domain).toBe('entreprise-1.example.fr');
    expect(list.candidates.length).toBeGreaterThan(0);
    expect(list.candidates[0]?.lastNameHint).toMatch(/\*\*\*/);
    expect(rows(runtime, 'Contacts')).toHaveLength(before);
    expect((await apolloUsage()).credits).toBe(0);
    const added = callApi<{ contact: RecordDto }>(
      runtime,
      'addDecisionMaker',
      'ORG-000001',
      list.candidates[0],
    );
    expect(added.contact).toMatchObject({ organisationId: 'ORG-000001', source: 'Apollo' });
    expect(String(added.contact.nom)).not.toMatch(/\*/);
    expect(rows(runtime, 'Contacts')).toHaveLength(before + 1);
    expect((await apolloUsage()).credits).toBe(1);
  });

  it('says which key is missing', () => {
    const { runtime } = setup(5);
    runtime.withServices(({ PropertiesService }) => {
      PropertiesService.getScriptProperties().deleteProperty('APOLLO_API_KEY');
      PropertiesService.getScriptProperties().deleteProperty('HUNTER_API_KEY');
    });
    expect(failure(runtime, 'enrichContact', 'CT-000001')).toMatchObject({ code: 'CONFIG' });
    expect(failure(runtime, 'findDecisionMakers', 'ORG-000001').message).toMatch(
      /Clé Apollo absente/,
    );
  });
});

describe('bulk enrichment', () => {
  it('enriches 500 contacts over resumed executions, each person billed once, typed values kept, opt-outs never sent', async () => {
    const { runtime, data } = setup(500);
    setSetting(runtime, 'enrichissement.contacts_par_execution', '200');
    const first = runtime.run({ functionName: 'menuEnrichIncomplete', kind: 'menu' });
    expect(first.ok).toBe(true);
    expect(first.ui.alerts[0]?.prompt).toMatch(/interrompu \(200 \/ 480 contacts/);
    const progress = callApi<EnrichmentStatus>(runtime, 'getEnrichmentProgress');
    expect(progress).toMatchObject({ done: 200, total: 480, running: true, lastError: null });
    const afterFirst = await apolloUsage();
    expect(afterFirst.billed.length).toBeGreaterThan(150);

    let runs = 0;
    let status: string | undefined;
    do {
      runtime.setNow(new Date(NOW.getTime() + (runs + 1) * 3_600_000));
      const report = callApi<{ ran: Array<{ id: string; status: string }> }>(runtime, 'runJobsNow');
      status = report.ran.find((r) => r.id === 'enrichissement')?.status;
      runs += 1;
    } while (status === 'partial' && runs < 10);
    expect(status).toBe('done');
    expect(runs).toBe(2);
    const done = callApi<EnrichmentStatus>(runtime, 'getEnrichmentProgress');
    expect(done).toMatchObject({ done: 480, total: 480, running: false });

    const apollo = await apolloUsage();
    expect(new Set(apollo.billed).size).toBe(apollo.billed.length);
    const hunter = await hunterUsage();
    expect(new Set(hunter.verified).size).toBe(hunter.verified.length);
    // The CRM's ledger counted what the APIs billed.
    expect(done.credits.find((c) => c.service === 'apollo')?.used).toBe(apollo.credits);
    expect(done.credits.find((c) => c.service === 'hunter')?.used).toBe(hunter.credits);

    const contacts = rows(runtime, 'Contacts');
    const byId = new Map(contacts.map((c) => [String(c.ID), c]));
    for (const id of data.typedPositions) expect(byId.get(id)?.Poste).toBe(TYPED_POSITION);
    for (const [id, email] of data.typedEmails) expect(byId.get(id)?.Email).toBe(email);
    for (const id of data.optedOut) {
      expect(byId.get(id)?.['Enrichi le']).toBe('');
      expect(byId.get(id)?.LinkedIn).toBe('');
    }
    const stamped = contacts.filter((c) => c['Enrichi le'] !== '');
    expect(stamped).toHaveLength(480);
    // Apollo got every other contact exactly once, in bulk_match calls of at most 10 people.
    const apolloRequests = await sandbox.requests('api.apollo.io');
    const details = apolloRequests
      .filter((r) => r.path.startsWith('/api/v1/people/bulk_match'))
      .map((r) => (JSON.parse(r.body) as { details: Array<Record<string, string>> }).details);
    expect(Math.max(...details.map((d) => d.length))).toBe(10);
    expect(details.flat()).toHaveLength(480);
    // Opted-out people never reached an API: not by name, not by address.
    const asked = new Set(details.flat().map((d) => `${d.first_name} ${d.last_name} ${d.domain}`));
    const hunterPaths = (await sandbox.requests('api.hunter.io')).map((r) => r.path).join('\n');
    for (const id of data.optedOut) {
      const c = byId.get(id) as Record<string, unknown>;
      const org = rows(runtime, 'Organisations').find((o) => o.ID === c.Organisation);
      const domain = String(org?.['Domaine email']);
      expect(asked.has(`${String(c.Prénom)} ${String(c.Nom)} ${domain}`)).toBe(false);
      expect(hunterPaths).not.toContain(
        `domain=${domain}&first_name=${encodeURIComponent(String(c.Prénom))}&last_name=${encodeURIComponent(String(c.Nom))}&`,
      );
    }
    // Typed positions that differ became proposals in the Journal, not changes.
    const journal = rows(runtime, 'Journal');
    expect(journal.some((j) => j.Action === 'Proposition Apollo' && j.Champ === 'Poste')).toBe(
      true,
    );
    expect(
      journal.some(
        (j) => j.Action === 'Apollo' && j.Champ === 'Poste' && j['Ancienne valeur'] !== '',
      ),
    ).toBe(false);
    expect(journal.filter((j) => j.Action === 'Enrichissement')).toHaveLength(1);

    // A second run finds nothing left to do and pays nothing.
    const again = runtime.run({ functionName: 'menuEnrichIncomplete', kind: 'menu' });
    expect(again.ui.alerts[0]?.prompt).toMatch(/0 contact traité sur 0/);
    expect((await apolloUsage()).credits).toBe(apollo.credits);
  });

  it('enriches the selected rows only', async () => {
    const { runtime } = setup(20);
    runtime.select('Contacts', 3, 2, 4, 1);
    const result = runtime.run({ functionName: 'menuEnrichSelection', kind: 'menu' });
    expect(result.ui.alerts[0]?.prompt).toMatch(
      /Enrichissement de la sélection : 4 contacts traités sur 4/,
    );
    const stamped = rows(runtime, 'Contacts')
      .filter((c) => c['Enrichi le'] !== '')
      .map((c) => c.ID);
    expect(stamped).toEqual(['CT-000002', 'CT-000003', 'CT-000004', 'CT-000005']);
  });

  it('pays nothing twice when an execution dies after writing but before saving its place', async () => {
    const { runtime } = setup(30);
    setSetting(runtime, 'enrichissement.contacts_par_execution', '10');
    runtime.select('Contacts', 2, 1, 30, 1);
    const saved = () =>
      Object.fromEntries(
        Object.entries(runtime.readState().documentProperties).filter(([k]) =>
          k.startsWith('crm.enrichissement.'),
        ),
      );
    const first = runtime.run({ functionName: 'menuEnrichSelection', kind: 'menu' });
    expect(first.ui.alerts[0]?.prompt).toMatch(/interrompu \(10 \/ 30/);
    const billedFirst = (await apolloUsage()).credits;
    // The state as it was before the first chunk was saved: the crash lost the checkpoint.
    const lost = saved();
    const state = JSON.parse(String(lost['crm.enrichissement.v1.0'])) as Record<string, unknown>;
    const everyone = Array.from({ length: 30 }, (_, i) => `CT-${String(i + 1).padStart(6, '0')}`);
    runtime.withServices(({ PropertiesService }) => {
      PropertiesService.getDocumentProperties()?.setProperty(
        'crm.enrichissement.v1.0',
        JSON.stringify({ ...state, done: 0, queue: everyone }),
      );
    });
    let status: string | undefined;
    for (let i = 0; i < 5 && status !== 'done'; i++) {
      const report = callApi<{ ran: Array<{ id: string; status: string }> }>(runtime, 'runJobsNow');
      status = report.ran.find((r) => r.id === 'enrichissement')?.status;
    }
    expect(status).toBe('done');
    const apollo = await apolloUsage();
    expect(new Set(apollo.billed).size).toBe(apollo.billed.length);
    expect(apollo.credits).toBeGreaterThan(billedFirst);
    const progress = callApi<EnrichmentStatus>(runtime, 'getEnrichmentProgress');
    expect(progress.summary).toMatch(/déjà enrichis? récemment/);
  });

  it('stops before exceeding the month’s Apollo budget, and says so', async () => {
    const { runtime } = setup(100);
    setSetting(runtime, 'apollo.credits_mensuels', '30');
    const result = runtime.run({ functionName: 'menuEnrichIncomplete', kind: 'menu' });
    expect(result.ui.alerts[0]?.prompt).toMatch(/Budget Apollo du mois atteint/);
    expect((await apolloUsage()).credits).toBeLessThanOrEqual(30);
    const progress = callApi<EnrichmentStatus>(runtime, 'getEnrichmentProgress');
    expect(progress.running).toBe(false);
    expect(progress.lastError).toMatch(/apollo\.credits_mensuels/);
  });

  it('pauses on Apollo’s hourly window and resumes at the next execution', async () => {
    const { runtime } = setup(40);
    await sandbox.injectFault({
      host: 'api.apollo.io',
      pathPrefix: '/api/v1/people/bulk_match',
      status: 429,
      headers: { 'x-hourly-requests-left': '0' },
    });
    const first = runtime.run({ functionName: 'menuEnrichIncomplete', kind: 'menu' });
    expect(first.ui.alerts[0]?.prompt).toMatch(/Limite d’appels Apollo/);
    expect(callApi<EnrichmentStatus>(runtime, 'getEnrichmentProgress').running).toBe(true);
    const report = callApi<{ ran: Array<{ id: string; status: string }> }>(runtime, 'runJobsNow');
    expect(report.ran.find((r) => r.id === 'enrichissement')?.status).toBe('done');
    const apollo = await apolloUsage();
    expect(new Set(apollo.billed).size).toBe(apollo.billed.length);
  });
});
