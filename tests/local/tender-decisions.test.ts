/** The Go / No go decision on a tender, end to end on dist/Code.js. */
import type { RecordDto, TenderDecision } from '../../src/server/api/contract';
import { readSheetValues } from '../../src/local/server/sheet-views';
import { callApi, freshRuntime } from './helpers';

function setup() {
  const runtime = freshRuntime({ inMemory: true, now: new Date('2026-11-28T10:00:00Z') });
  callApi(runtime, 'setupStructure');
  const org = callApi<RecordDto>(runtime, 'createRecord', 'organisations', {
    nom: 'Commune de Vannes',
    type: 'Commune',
    siren: '215602608',
  });
  const tender = callApi<RecordDto>(runtime, 'createRecord', 'appelsOffres', {
    idweb: '26-101010',
    objet: 'Installation et entretien de ruches sur les toits de la mairie',
    acheteur: 'Commune de Vannes',
    acheteurSiren: '215602608',
    dateLimite: '2026-12-15T12:00:00+01:00',
    dateLimiteQuestions: '2026-12-08T12:00:00+01:00',
    valeurEstimee: '18 000 €',
    url: 'https://www.boamp.fr/pages/avis/?q=idweb:%2226-101010%22',
    organisationId: String(org.id),
  });
  return { runtime, org, tenderId: String(tender.id) };
}

describe('tender decisions', () => {
  it('opens a Qualifié deal from BOAMP with the deadlines as tasks, once', () => {
    const { runtime, org, tenderId } = setup();
    const decision = callApi<TenderDecision>(runtime, 'decideTender', tenderId, 'Go');
    expect(decision.opportunity).toMatchObject({
      etape: 'Qualifié',
      source: 'BOAMP',
      organisationId: org.id,
      appelOffreId: tenderId,
      montant: 18000,
      dateLimite: '2026-12-15',
      probabilite: 0.2,
    });
    expect(decision.tasks.map((t) => [t.titre, t.echeance, t.origine])).toEqual([
      [
        'Poser les questions — Installation et entretien de ruches sur les toits de la mairie',
        '2026-12-08',
        'Automatique',
      ],
      [
        'Remettre l’offre — Installation et entretien de ruches sur les toits de la mairie',
        '2026-12-15',
        'Automatique',
      ],
    ]);
    expect(decision.tender).toMatchObject({
      decision: 'Go',
      opportuniteId: decision.opportunity?.id,
    });
    const again = callApi<TenderDecision>(runtime, 'decideTender', tenderId, 'Go');
    expect(again.opportunity?.id).toBe(decision.opportunity?.id);
    expect(readSheetValues(runtime, 'Opportunites', false)).toHaveLength(2);
    expect(readSheetValues(runtime, 'Taches', false)).toHaveLength(3);
  });

  it('records No go without opening anything, and refuses an unknown decision', () => {
    const { runtime, tenderId } = setup();
    const decision = callApi<TenderDecision>(runtime, 'decideTender', tenderId, 'No go');
    expect(decision).toMatchObject({ opportunity: null, tasks: [], tender: { decision: 'No go' } });
    const result = runtime.run({
      functionName: 'decideTender',
      args: [tenderId, 'Peut-être'],
      kind: 'sidebar',
    });
    expect(result.value).toMatchObject({ ok: false, code: 'VALIDATION' });
    expect(readSheetValues(runtime, 'Opportunites', false)).toHaveLength(1);
  });
});
