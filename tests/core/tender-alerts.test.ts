import {
  alertEmail,
  alertMakeEvent,
  alertSlackPayload,
  recordSent,
  tendersToAlert,
  type TenderForAlert,
} from '../../src/core/boamp/alerts';

const NOW = Date.UTC(2026, 10, 28, 9, 0);
const DAY = 86_400_000;
const clock = { day: '2026-11-28', nowMs: NOW };

const tender = (over: Partial<TenderForAlert> = {}): TenderForAlert => ({
  idweb: '26-123456',
  objet: 'Installation de ruches <pédagogiques> & suivi',
  acheteur: 'Commune de Vannes',
  niveau: 'Adjacent',
  deadlineMs: null,
  url: 'https://www.boamp.fr/pages/avis/?q=idweb:%2226-123456%22',
  score: 42,
  matched: 'ruches',
  opportunity: null,
  ...over,
});

describe('tender alerts', () => {
  it('alerts a core notice, and a followed tender whose deadline is within 7 days', () => {
    const deal = { id: 'OPP-000004', titre: 'Ruches du parc', etape: 'Qualifié' };
    const alerts = tendersToAlert(
      [
        tender({ idweb: 'a', niveau: 'Cœur' }),
        tender({ idweb: 'b', deadlineMs: NOW + 3.5 * DAY, opportunity: deal }),
        tender({ idweb: 'c', deadlineMs: NOW + 3.5 * DAY }),
        tender({ idweb: 'd', deadlineMs: NOW + 8 * DAY, opportunity: deal }),
        tender({ idweb: 'e', deadlineMs: NOW - DAY, opportunity: deal }),
      ],
      clock,
      {},
    );
    expect(alerts.map((a) => [a.tender.idweb, a.reasons, a.daysLeft])).toEqual([
      ['b', ['echeance'], 3],
      ['a', ['coeur'], null],
    ]);
  });

  it('sends at most one alert per notice per day and forgets old entries', () => {
    const core = tender({ niveau: 'Cœur' });
    expect(tendersToAlert([core], clock, { '26-123456': '2026-11-28' })).toEqual([]);
    // A Cœur notice is announced once; a followed tender near its deadline every day.
    expect(tendersToAlert([core], clock, { '26-123456': '2026-11-27' })).toHaveLength(0);
    const followed = tender({
      deadlineMs: NOW + 2 * DAY,
      opportunity: { id: 'OPP-1', titre: 'x', etape: 'Qualifié' },
    });
    expect(tendersToAlert([followed], clock, { '26-123456': '2026-11-27' })).toHaveLength(1);
    const alerts = tendersToAlert([core], clock, {});
    expect(
      recordSent({ old: '2026-09-01', recent: '2026-11-20' }, alerts, clock.day, '2026-10-28'),
    ).toEqual({
      recent: '2026-11-20',
      '26-123456': '2026-11-28',
    });
  });

  it('escapes every value in the email, Slack and Make forms', () => {
    const alerts = tendersToAlert([tender({ niveau: 'Cœur' })], clock, {});
    const email = alertEmail(alerts, 'https://docs.google.com/spreadsheets/d/x/edit');
    expect(email.subject).toBe('[CRM UTPLA] Appels d’offres : 1 avis cœur de métier');
    expect(email.html).toContain('Installation de ruches &lt;pédagogiques&gt; &amp; suivi');
    expect(email.html).not.toContain('<pédagogiques>');
    expect(email.text).toContain('Cœur de métier — Installation de ruches <pédagogiques> & suivi');
    const slack = alertSlackPayload(alerts) as {
      text: string;
      blocks: Array<{ text: { text: string } }>;
    };
    expect(slack.blocks[1]?.text.text).toContain('&lt;pédagogiques&gt; &amp; suivi');
    const [first] = alerts;
    if (!first) throw new Error('no alert');
    expect(alertMakeEvent(first, '2026-11-28T09:00:00.000Z')).toMatchObject({
      version: 1,
      event: 'ao.pertinent',
      data: { idweb: '26-123456', niveau: 'Cœur', raisons: ['coeur'] },
    });
  });
});
