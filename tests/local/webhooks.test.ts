/**
 * Outgoing events end to end on dist/Code.js with the sandbox's Make and Slack stand-ins: a move
 * to Gagné posts `opportunite.gagnee` to Make and a message to Slack and journals both; a Make
 * outage leaves the move done and the post in the outbox, which the hourly job delivers; a dead
 * webhook is refused once and journaled; a per-event URL wins over the common one; a late task
 * is announced once; an organisation crossing the qualification threshold is announced once;
 * tender alerts go through the same module.
 */
import type { RecordDto, StageMoveResult } from '../../src/server/api/contract';
import { startSandbox, type SandboxHandle } from '../../src/local/sandbox';
import type { LocalRuntime } from '../../src/local/runtime/runtime';
import { callApi } from './helpers';
import {
  MAKE_URL,
  SLACK_URL,
  journal,
  makeReceived,
  outbox,
  relaxPipeline,
  setScriptProperties,
  setSetting,
  slackPosted,
  webhookRuntime,
} from './webhook-helpers';

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

const NOW = '2026-11-27T10:00:00Z';

function setup(): { runtime: LocalRuntime; org: RecordDto; contact: RecordDto; opp: RecordDto } {
  const runtime = webhookRuntime(sandbox, NOW);
  relaxPipeline(runtime);
  const org = callApi<RecordDto>(runtime, 'createRecord', 'organisations', {
    nom: 'Commune de Vannes',
    type: 'Commune',
    siren: '215602608',
    population: 54947,
  });
  const contact = callApi<RecordDto>(runtime, 'createRecord', 'contacts', {
    nom: 'Le Goff',
    prenom: 'Annaïg',
    email: 'a.legoff@example.org',
    organisationId: String(org.id),
  });
  const opp = callApi<RecordDto>(runtime, 'createRecord', 'opportunites', {
    titre: 'Ruches au parc du Golfe',
    organisationId: String(org.id),
    contactId: String(contact.id),
    montant: '4 800 €',
  });
  return { runtime, org, contact, opp };
}

function runJob(runtime: LocalRuntime, id: string): { status: string; message: string } {
  const report = callApi<{ ran: Array<{ id: string; status: string; message: string }> }>(
    runtime,
    'runJobsNow',
  );
  const ran = report.ran.find((r) => r.id === id);
  if (!ran) throw new Error(`job ${id} did not run: ${JSON.stringify(report)}`);
  return ran;
}

describe('outgoing events', () => {
  it('posts opportunite.gagnee to Make and Slack on a move to Gagné, and journals both', async () => {
    const { runtime, opp } = setup();
    setScriptProperties(runtime, { MAKE_WEBHOOK_URL: MAKE_URL, SLACK_WEBHOOK_URL: SLACK_URL });
    const moved = callApi<StageMoveResult>(runtime, 'moveStage', String(opp.id), 'Gagné', null);
    expect(moved.to).toBe('Gagné');
    const [received] = await makeReceived(sandbox);
    expect(received?.body).toMatchObject({
      version: 1,
      event: 'opportunite.gagnee',
      event_id: `opportunite.gagnee:${String(opp.id)}:20261127T100000Z`,
      source: 'crm-utpla',
      test: false,
      data: {
        opportunite: {
          id: opp.id,
          titre: 'Ruches au parc du Golfe',
          etape: 'Gagné',
          montant: 4800,
        },
        organisation: { nom: 'Commune de Vannes', type: 'Commune' },
        etapePrecedente: 'Lead',
      },
    });
    const [slack] = await slackPosted(sandbox);
    expect(slack?.text).toBe('Opportunité gagnée : Ruches au parc du Golfe');
    expect(JSON.stringify(slack?.blocks)).toContain('4\u202f800\u00a0€');
    expect(outbox(runtime)).toEqual([]);
    const lines = journal(runtime, 'Webhook');
    expect(lines.map((l) => [l.ID, l.Détail])).toEqual([
      [
        String(opp.id),
        expect.stringMatching(/^Make\.com · opportunite\.gagnee \(.+\) : envoyé\.$/),
      ],
      [String(opp.id), expect.stringMatching(/^Slack · opportunite\.gagnee \(.+\) : envoyé\.$/)],
    ]);
  });

  it('sends nothing, and reads no webhook, when no URL is set', async () => {
    const { runtime, opp } = setup();
    callApi(runtime, 'moveStage', String(opp.id), 'Perdu', 'Budget non voté');
    expect(await sandbox.requests()).toEqual([]);
    expect(journal(runtime, 'Webhook')).toEqual([]);
  });

  it('keeps the move when Make is down, and the hourly job delivers the event later', async () => {
    const { runtime, opp } = setup();
    setScriptProperties(runtime, { MAKE_WEBHOOK_URL: MAKE_URL });
    await sandbox.injectFault({ host: 'hook.eu2.make.com', status: 503 });
    const moved = callApi<StageMoveResult>(runtime, 'moveStage', String(opp.id), 'Perdu', 'Budget');
    expect(moved.opportunity.etape).toBe('Perdu');
    expect(outbox(runtime)).toEqual([
      expect.objectContaining({ attempts: 1, nextIso: expect.stringMatching(/^2026-11-27T11:00/) }),
    ]);
    expect(journal(runtime, 'Webhook')[0]?.Détail).toMatch(
      /: échec \(Erreur du service Make\.com \(HTTP 503.*\) : nouvel essai plus tard\), nouvel essai vers 12 h 00\.$/,
    );
    // Before its time the post waits; at the next hour it goes.
    expect(runJob(runtime, 'webhooks').message).toBe('1 webhook(s) en attente du prochain essai.');
    runtime.setNow(new Date('2026-11-27T11:05:00Z'));
    expect(runJob(runtime, 'webhooks')).toMatchObject({
      status: 'done',
      message: '1 webhook(s) envoyé(s).',
    });
    expect(outbox(runtime)).toEqual([]);
    const received = await makeReceived(sandbox);
    expect(received.map((r) => [r.body.event, r.body.data.opportunite])).toEqual([
      ['opportunite.perdue', expect.objectContaining({ raisonPerte: 'Budget' })],
    ]);
    expect(journal(runtime, 'Webhook').at(-1)?.Détail).toMatch(/: envoyé au 2e essai\.$/);
  });

  it('refuses a dead webhook once, journals why, and keeps nothing to retry', async () => {
    const { runtime, opp } = setup();
    setScriptProperties(runtime, {
      MAKE_WEBHOOK_URL: 'https://hook.eu2.make.com/gone0000000000000000000000000000',
    });
    callApi(runtime, 'moveStage', String(opp.id), 'Gagné', null);
    expect(outbox(runtime)).toEqual([]);
    expect(await sandbox.requests('hook.eu2.make.com')).toHaveLength(1);
    expect(journal(runtime, 'Webhook')[0]?.Détail).toMatch(
      /: refusé — Webhook Make désactivé ou supprimé \(HTTP 410 Gone\)/,
    );
  });

  it('posts an event to its own URL when one is set, and to no other', async () => {
    const { runtime, opp } = setup();
    setScriptProperties(runtime, {
      MAKE_WEBHOOK_URL: MAKE_URL,
      MAKE_WEBHOOK_URL_OPPORTUNITE_GAGNEE:
        'https://hook.eu1.make.com/wonwonwonwonwonwonwonwonwonwon00',
      MAKE_WEBHOOK_APIKEY: 'make-webhook-key-1',
    });
    callApi(runtime, 'moveStage', String(opp.id), 'Gagné', null);
    const received = await makeReceived(sandbox);
    expect(received.map((r) => [r.hook, r.apiKeySent])).toEqual([['…on00', true]]);
    expect(await sandbox.requests('hook.eu2.make.com')).toEqual([]);
  });

  it('announces each task the day after its due date, once', async () => {
    const { runtime, contact } = setup();
    setScriptProperties(runtime, { MAKE_WEBHOOK_URL: MAKE_URL, SLACK_WEBHOOK_URL: SLACK_URL });
    const task = (titre: string, echeance: string) =>
      callApi<RecordDto>(runtime, 'createRecord', 'taches', {
        titre,
        echeance,
        statut: 'À faire',
        contactId: String(contact.id),
      });
    const late = task('Relancer la mairie', '2026-11-27');
    task('Appeler demain', '2026-11-28');
    const done = task('Déjà faite', '2026-11-27');
    callApi(runtime, 'completeTask', String(done.id));
    // 8 h in Paris on the 28th: the task due on the 27th is late.
    runtime.setNow(new Date('2026-11-28T07:10:00Z'));
    expect(runJob(runtime, 'taches-en-retard').message).toBe(
      '1 tâche(s) passée(s) en retard annoncée(s) (Make.com, Slack).',
    );
    const [received] = await makeReceived(sandbox);
    expect(received?.body).toMatchObject({
      event: 'tache.en_retard',
      event_id: `tache.en_retard:${String(late.id)}:2026-11-27`,
      data: {
        tache: { id: late.id, titre: 'Relancer la mairie', echeance: '2026-11-27' },
        joursDeRetard: 1,
        contact: { id: contact.id, prenom: 'Annaïg', nom: 'Le Goff' },
      },
    });
    expect((await slackPosted(sandbox))[0]?.text).toBe('Tâche en retard : Relancer la mairie');
    // The next day: only the task that became late since, not the first one again.
    runtime.setNow(new Date('2026-11-29T07:10:00Z'));
    runJob(runtime, 'taches-en-retard');
    expect((await makeReceived(sandbox)).map((r) => r.body.data.tache)).toEqual([
      expect.objectContaining({ titre: 'Relancer la mairie' }),
      expect.objectContaining({ titre: 'Appeler demain' }),
    ]);
  });

  it('announces an organisation crossing the qualification threshold once', async () => {
    const { runtime, org } = setup();
    setScriptProperties(runtime, { MAKE_WEBHOOK_URL: MAKE_URL });
    setSetting(runtime, 'icp.seuil_qualifie', '10');
    callApi(runtime, 'rescoreOrganisation', String(org.id));
    callApi(runtime, 'rescoreOrganisation', String(org.id));
    const received = await makeReceived(sandbox);
    expect(received).toHaveLength(1);
    expect(received[0]?.body).toMatchObject({
      event: 'contact.qualifie',
      event_id: `contact.qualifie:${String(org.id)}:2026-11-27`,
      data: {
        organisation: { id: org.id, nom: 'Commune de Vannes', siren: '215602608' },
        score: { avant: null, seuil: 10 },
        cause: 'Score ICP',
        contacts: [expect.objectContaining({ prenom: 'Annaïg', email: 'a.legoff@example.org' })],
      },
    });
    expect((received[0]?.body.data.score as { apres: number }).apres).toBeGreaterThanOrEqual(10);
  });

  it('sends tender alerts through the same module: one Make event per tender, one Slack digest', async () => {
    const { runtime, org } = setup();
    setScriptProperties(runtime, { MAKE_WEBHOOK_URL: MAKE_URL, SLACK_WEBHOOK_URL: SLACK_URL });
    const tender = callApi<RecordDto>(runtime, 'createRecord', 'appelsOffres', {
      organisationId: String(org.id),
      idweb: '99-000123',
      objet: 'Installation de ruches pédagogiques',
      acheteur: 'Commune de Vannes',
      dateLimite: '2026-11-30T12:00:00+01:00',
    });
    callApi(runtime, 'decideTender', String(tender.id), 'Go');
    const result = runtime.run({ functionName: 'menuRunBoampWatch', kind: 'menu' });
    expect(result.ok).toBe(true);
    expect(result.ui.alerts[0]?.prompt).toMatch(/1 alertes \(Make\.com, Slack\)/);
    const [received] = await makeReceived(sandbox);
    expect(received?.body).toMatchObject({
      version: 1,
      event: 'ao.pertinent',
      event_id: 'ao.pertinent:99-000123:2026-11-27',
      data: { idweb: '99-000123', raisons: ['echeance'] },
    });
    const [slack] = await slackPosted(sandbox);
    expect(slack?.text).toMatch(/^Veille BOAMP : 1 appel d’offres à regarder/);
  });
});
