/**
 * The webhook rules of core: the versioned envelope and each event's data, routing to Make.com
 * and Slack, the retry verdicts and their French reasons, the Slack messages (escaped), the late
 * task window, the secrets' checks and masks, and the web app's request parsing and secret
 * comparison.
 */
import { getTab } from '../../src/core/schema/tabs';
import {
  checkSecretInput,
  maskSecret,
  secretDef,
  SECRET_DEFS,
} from '../../src/core/settings/secret-keys';
import {
  readApolloHealth,
  readHunterAccount,
  readWebhookTest,
} from '../../src/core/settings/key-checks';
import { fieldsToKeys, parseIncoming, secretsMatch } from '../../src/core/webapp/incoming';
import {
  checkMakeUrl,
  checkSlackUrl,
  makeUrlFor,
  makeUrlProperty,
  slackEventsFromSettings,
} from '../../src/core/webhooks/channels';
import {
  classifyWebhookStatus,
  deliveryVerdict,
  describeFailure,
  MAX_ATTEMPTS,
  nextAttemptDelayMs,
} from '../../src/core/webhooks/delivery';
import {
  contactQualifiedEvent,
  lateTaskEvent,
  opportunityClosedEvent,
  PAYLOAD_VERSION,
  testEvent,
} from '../../src/core/webhooks/events';
import { lateTasksToAnnounce } from '../../src/core/webhooks/late-tasks';
import { slackMessage } from '../../src/core/webhooks/slack-messages';
import { headerLookup } from '../../src/core/retry/retry-policy';

const AT = '2026-11-29T10:15:03.120Z';

describe('events, version 1', () => {
  it('wraps every event in the same envelope, with an id derived from what happened', () => {
    const won = opportunityClosedEvent({
      opportunity: {
        id: 'OPP-000042',
        titre: 'Ruches au parc',
        etape: 'Gagné',
        montant: 4800,
        organisationId: 'ORG-000001',
        notes: 'interne',
      },
      organisation: { id: 'ORG-000001', nom: 'Commune de Vannes', type: 'Commune', siren: '1' },
      from: 'Négociation',
      atIso: AT,
    });
    expect(won).toEqual({
      version: PAYLOAD_VERSION,
      event: 'opportunite.gagnee',
      event_id: 'opportunite.gagnee:OPP-000042:20261129T101503Z',
      at: AT,
      source: 'crm-utpla',
      test: false,
      data: {
        opportunite: expect.objectContaining({
          id: 'OPP-000042',
          montant: 4800,
          raisonPerte: null,
        }),
        organisation: { id: 'ORG-000001', nom: 'Commune de Vannes', type: 'Commune' },
        etapePrecedente: 'Négociation',
      },
    });
    // Only the documented fields leave the CRM: the deal's notes stay inside.
    expect(JSON.stringify(won)).not.toContain('interne');
    const lost = opportunityClosedEvent({
      opportunity: { id: 'OPP-000043', etape: 'Perdu', raisonPerte: 'Budget' },
      organisation: null,
      from: 'Qualifié',
      atIso: AT,
    });
    expect(lost.event).toBe('opportunite.perdue');
    expect(lost.data.organisation).toBeNull();
  });

  it('sends a qualified organisation with its contacts, never the opted-out ones', () => {
    const event = contactQualifiedEvent({
      organisation: { id: 'ORG-000007', nom: 'Ville', scoreIcp: 74 },
      before: 58,
      after: 74,
      threshold: 70,
      cause: 'Apollo',
      contacts: [
        { id: 'CT-000001', nom: 'Martin', email: 'c.martin@example.org', optOut: false },
        { id: 'CT-000002', nom: 'Opposée', email: 'x@example.org', optOut: true },
      ],
      atIso: AT,
      day: '2026-11-29',
    });
    expect(event.event_id).toBe('contact.qualifie:ORG-000007:2026-11-29');
    expect(event.data.score).toEqual({ avant: 58, apres: 74, seuil: 70 });
    expect(event.data.contacts).toEqual([expect.objectContaining({ id: 'CT-000001' })]);
    expect(JSON.stringify(event)).not.toContain('x@example.org');
  });

  it('names a late task by its id and due day, so a task late again later is a new event', () => {
    const event = lateTaskEvent({
      task: { id: 'TCH-000010', titre: 'Relancer', echeance: '2026-11-27' },
      contact: { id: 'CT-000001', prenom: 'Claire', nom: 'Martin', email: 'c@example.org' },
      daysLate: 2,
      atIso: AT,
    });
    expect(event.event_id).toBe('tache.en_retard:TCH-000010:2026-11-27');
    expect(event.data).toMatchObject({ joursDeRetard: 2, contact: { prenom: 'Claire' } });
  });

  it('marks the settings dialog’s test as a test twice', () => {
    expect(testEvent(AT, 'n1')).toMatchObject({ event: 'test', test: true, event_id: 'test:n1' });
  });
});

describe('routing', () => {
  const props = (values: Record<string, string>) => (name: string) => values[name] ?? null;

  it('uses the event’s own Make URL, else the common one, else none', () => {
    expect(makeUrlProperty('opportunite.gagnee')).toBe('MAKE_WEBHOOK_URL_OPPORTUNITE_GAGNEE');
    const both = props({
      MAKE_WEBHOOK_URL: 'https://hook.eu2.make.com/all',
      MAKE_WEBHOOK_URL_TACHE_EN_RETARD: 'https://hook.eu2.make.com/tasks',
    });
    expect(makeUrlFor('tache.en_retard', both)).toBe('https://hook.eu2.make.com/tasks');
    expect(makeUrlFor('ao.pertinent', both)).toBe('https://hook.eu2.make.com/all');
    expect(makeUrlFor('ao.pertinent', props({}))).toBeNull();
  });

  it('reads slack.evenements, ignoring unknown words', () => {
    const of = (value: string) => [
      ...slackEventsFromSettings(new Map([['slack.evenements', value]])),
    ];
    expect(of('tous')).toHaveLength(5);
    expect(of('aucun')).toEqual([]);
    expect(of('opportunite.gagnee; tache.en_retard, typo')).toEqual([
      'opportunite.gagnee',
      'tache.en_retard',
    ]);
    expect(slackEventsFromSettings(new Map()).size).toBe(5);
  });

  it('accepts only Make and Slack webhook URLs the manifest lets through', () => {
    expect(checkMakeUrl('https://hook.eu2.make.com/abcdefghijklmnopqrstuvwxyz012345')).toBeNull();
    expect(checkMakeUrl('http://hook.eu2.make.com/abc')).toMatch(/https/);
    expect(checkMakeUrl('https://hook.example.com/abc')).toMatch(/n’est pas make\.com/);
    expect(checkMakeUrl('https://hook.eu1.make.com/')).toMatch(/incomplète/);
    expect(checkSlackUrl('https://hooks.slack.com/services/T0/B0/xyz')).toBeNull();
    expect(checkSlackUrl('https://hooks.slack.com/services/T0')).toMatch(/incomplète/);
    expect(checkSlackUrl('https://evil.example/services/T/B/C')).toMatch(/invalide/);
  });
});

describe('delivery', () => {
  const none = headerLookup({});

  it('retries 429, 408 and 5xx, never another 4xx', () => {
    expect(classifyWebhookStatus(200, none)).toBe('success');
    for (const status of [429, 408, 500, 502, 503])
      expect(classifyWebhookStatus(status, none)).toBe('retry');
    for (const status of [400, 401, 403, 404, 410])
      expect(classifyWebhookStatus(status, none)).toBe('stop');
    expect(deliveryVerdict(true, null)).toBe('delivered');
    expect(deliveryVerdict(false, 'not-retryable')).toBe('refused');
    expect(deliveryVerdict(false, 'attempts-exhausted')).toBe('retry-later');
    expect(deliveryVerdict(false, 'wait-too-long')).toBe('retry-later');
  });

  it('waits longer after each failure, for about a day in all', () => {
    const hours = Array.from(
      { length: MAX_ATTEMPTS - 1 },
      (_, i) => nextAttemptDelayMs(i + 1) / 3_600_000,
    );
    expect(hours).toEqual([1, 1, 2, 4, 8, 12]);
    expect(hours.reduce((a, b) => a + b, 0)).toBe(28);
  });

  it('says in French what failed and what to do, never quoting a long body', () => {
    expect(describeFailure('make', 400, 'Queue is full.')).toMatch(/File d’attente Make pleine/);
    expect(describeFailure('make', 410, 'Gone')).toMatch(
      /désactivé ou supprimé.*Paramètres et clés/,
    );
    expect(describeFailure('slack', 404, 'no_service')).toMatch(/Webhook Slack refusé.*no_service/);
    expect(describeFailure('slack', null, '')).toMatch(/Slack injoignable/);
    expect(
      describeFailure('make', 500, '<html>https://hook.eu2.make.com/secret</html>'),
    ).not.toContain('secret');
  });
});

describe('Slack messages', () => {
  it('escapes what comes from the sheet and sends one message per kind', () => {
    const events = [1, 2].map((n) =>
      lateTaskEvent({
        task: {
          id: `TCH-00000${n}`,
          titre: `<!channel> relance ${n} & co`,
          echeance: '2026-11-27',
        },
        contact: null,
        daysLate: 2,
        atIso: AT,
      }),
    );
    const message = slackMessage('tache.en_retard', events);
    expect(message.text).toBe('Tâche en retard : 2 événements');
    const body = JSON.stringify(message.blocks);
    expect(body).toContain('&lt;!channel&gt; relance 1 &amp; co');
    expect(body).not.toContain('<!channel>');
    expect(body).toContain('échéance 27/11/2026, 2 jours de retard');
    expect(message.blocks).toHaveLength(3);
  });
});

describe('late tasks', () => {
  const task = (id: string, echeance: string, statut = 'À faire', etat = 'Actif') => ({
    id,
    echeance,
    statut,
    etat,
  });
  const tasks = [
    task('T1', '2026-11-28'),
    task('T2', '2026-11-27'),
    task('T3', '2026-11-28', 'Fait'),
    task('T4', '2026-11-29'),
    task('T5', '2026-11-10'),
    task('T6', '2026-11-28', 'À faire', 'Archivé'),
    task('T7', ''),
  ];

  it('announces the open tasks due after the watermark and before today, once', () => {
    const first = lateTasksToAnnounce(tasks, {
      today: '2026-11-29',
      watermark: '2026-11-27',
      firstRunDays: 7,
    });
    expect(first.late.map((l) => [l.task.id, l.daysLate])).toEqual([['T1', 1]]);
    expect(first.watermark).toBe('2026-11-28');
    const again = lateTasksToAnnounce(tasks, {
      today: '2026-11-29',
      watermark: first.watermark,
      firstRunDays: 7,
    });
    expect(again.late).toEqual([]);
  });

  it('looks back a few days only on the first run, and never moves the watermark back', () => {
    const first = lateTasksToAnnounce(tasks, {
      today: '2026-11-29',
      watermark: null,
      firstRunDays: 7,
    });
    expect(first.late.map((l) => l.task.id)).toEqual(['T2', 'T1']);
    const back = lateTasksToAnnounce(tasks, {
      today: '2026-11-20',
      watermark: '2026-11-28',
      firstRunDays: 7,
    });
    expect(back).toEqual({ late: [], watermark: '2026-11-28' });
  });
});

describe('secrets', () => {
  it('shows the last 4 characters of a long value only', () => {
    expect(maskSecret('sk-ant-api03-abcdefghijklmnop-WXYZ')).toBe('••••WXYZ');
    expect(maskSecret('short')).toBe('••••');
    expect(maskSecret(null)).toBeNull();
  });

  it('checks what is pasted, per kind', () => {
    const claude = secretDef('CLAUDE_API_KEY');
    const make = secretDef('MAKE_WEBHOOK_URL_OPPORTUNITE_GAGNEE');
    const secret = secretDef('INCOMING_WEBHOOK_SECRET');
    if (!claude || !make || !secret) throw new Error('missing definitions');
    expect(checkSecretInput(claude, '  "sk-ant-api03-0123456789abcdef"  ')).toEqual({
      ok: true,
      value: 'sk-ant-api03-0123456789abcdef',
    });
    expect(checkSecretInput(claude, 'sk-ant api03 with spaces inside')).toMatchObject({
      ok: false,
    });
    expect(checkSecretInput(claude, '')).toMatchObject({ ok: false, message: /vide/ });
    expect(checkSecretInput(make, 'https://hooks.slack.com/services/T/B/C')).toMatchObject({
      ok: false,
    });
    expect(checkSecretInput(secret, 'trop-court')).toMatchObject({ ok: false, message: /Générer/ });
    expect(SECRET_DEFS.map((d) => d.id)).toEqual(
      expect.arrayContaining([
        'APOLLO_API_KEY',
        'HUNTER_API_KEY',
        'SLACK_WEBHOOK_URL',
        'MAKE_WEBHOOK_APIKEY',
      ]),
    );
  });

  it('reads the test calls’ answers', () => {
    expect(readApolloHealth(200, '{"healthy":true,"is_logged_in":true}').ok).toBe(true);
    expect(readApolloHealth(200, '{"healthy":true,"is_logged_in":false}').ok).toBe(false);
    expect(readApolloHealth(401, 'Invalid API key.').message).toMatch(/HTTP 401/);
    expect(
      readHunterAccount(
        200,
        '{"data":{"plan_name":"Starter","requests":{"credits":{"used":12,"available":2000}}}}',
      ).message,
    ).toBe('La clé Hunter fonctionne (offre Starter, 1988 crédits restants ce mois-ci).');
    expect(readHunterAccount(403, '').ok).toBe(false);
    expect(readHunterAccount(429, '')).toMatchObject({ ok: true, message: /épuisés/ });
    expect(readWebhookTest('slack', 200, 'ok').ok).toBe(true);
    expect(readWebhookTest('make', 410, 'Gone').message).toMatch(/HTTP 410/);
  });
});

describe('web app requests', () => {
  it('reads a create, an update and an upsert', () => {
    const parsed = parseIncoming(
      JSON.stringify({
        secret: 's',
        action: 'Upsert',
        type: 'contacts',
        fields: { email: 'a@b.fr' },
        requestId: 'r1',
      }),
    );
    expect(parsed).toEqual({
      ok: true,
      request: {
        secret: 's',
        action: 'upsert',
        type: 'contact',
        id: null,
        fields: { email: 'a@b.fr' },
        requestId: 'r1',
      },
    });
  });

  it('refuses a malformed request with a French reason, keeping the secret to check first', () => {
    expect(parseIncoming('not json')).toMatchObject({
      ok: false,
      code: 'BAD_REQUEST',
      secret: null,
    });
    expect(parseIncoming('[1]')).toMatchObject({ ok: false, secret: null });
    expect(
      parseIncoming(JSON.stringify({ secret: 's', action: 'delete', type: 'contact', fields: {} })),
    ).toMatchObject({
      ok: false,
      code: 'BAD_REQUEST',
      secret: 's',
      message: /Action « delete » inconnue/,
    });
    expect(
      parseIncoming(JSON.stringify({ secret: 's', action: 'create', type: 'contact' })),
    ).toMatchObject({
      ok: false,
      message: /« fields » manquant/,
    });
    expect(
      parseIncoming(
        JSON.stringify({ secret: 's', action: 'update', type: 'interaction', fields: {} }),
      ),
    ).toMatchObject({ ok: false, message: /« id » manquant/ });
    expect(
      parseIncoming(
        JSON.stringify({ secret: 's', action: 'create', type: 'contact', id: 'CT-1', fields: {} }),
      ),
    ).toMatchObject({ ok: false, message: /le CRM attribue l’ID/ });
    expect(parseIncoming('x'.repeat(60_000))).toMatchObject({
      ok: false,
      message: /trop volumineuse/,
    });
  });

  it('maps French headers to schema keys', () => {
    expect(
      fieldsToKeys(getTab('contacts'), { Prénom: 'Claire', nom: 'Martin', Inconnu: 1 }),
    ).toEqual({
      prenom: 'Claire',
      nom: 'Martin',
      Inconnu: 1,
    });
  });

  it('compares secrets whole: a prefix, a longer value or an empty store never match', () => {
    const stored = 'Zk3v9Q_secret-value-of-43-characters-xxxxxxx';
    expect(secretsMatch(stored, stored)).toBe(true);
    expect(secretsMatch(stored.slice(0, -1), stored)).toBe(false);
    expect(secretsMatch(`${stored}x`, stored)).toBe(false);
    expect(secretsMatch(stored.replace('Z', 'z'), stored)).toBe(false);
    expect(secretsMatch('', stored)).toBe(false);
    expect(secretsMatch('', '')).toBe(false);
    expect(secretsMatch('anything', '')).toBe(false);
  });
});
