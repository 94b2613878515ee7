/**
 * The Go / No go decision on a tender (issue 5). "Go" opens the deal: an opportunity at stage
 * Qualifié, source BOAMP, linked both ways to the notice, with the submission deadline (and the
 * questions deadline when the notice gives one) as tasks. A Go decision is a person's
 * qualification of the lead, so it does not go through the Lead → Qualifié rule. Deciding Go twice,
 * or typing Go in the sheet and then running the watch, opens one deal only.
 */
import { CrmError } from '../../core/errors';
import { initialStage, rulesFromSettings } from '../../core/pipeline';
import { dayKey } from '../../core/scheduler/local-time';
import { GO_NO_GO } from '../../core/schema/enums';
import { isDate } from '../../core/text/sheet-safe';
import type { TenderDecision } from '../api/contract';
import { CRM_TIME_ZONE, toLocalDateTime } from '../platform/clock';
import { readActiveKeys, text } from '../records/crm-snapshot';
import { dayToDate, recordToDto } from '../records/record-dto';
import { getTab } from '../../core/schema/tabs';
import { inSession, type RecordSession } from '../records/record-session';
import { readSettings } from '../settings/settings-reader';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export type { TenderDecision };

export function decideTender(
  spreadsheet: Spreadsheet,
  tenderId: string,
  decision: string,
): TenderDecision {
  const wanted = decision.trim();
  if (!(GO_NO_GO as readonly string[]).includes(wanted)) {
    const message = `Go / No go : « ${decision} » n'est pas une décision (${GO_NO_GO.join(', ')}).`;
    throw new CrmError('VALIDATION', message, 'decision', [{ field: 'decision', message }]);
  }
  const rules = rulesFromSettings(readSettings(spreadsheet));
  return inSession(spreadsheet, (session) => {
    const id = tenderId.trim().toUpperCase();
    const tender = session.update('appelsOffres', id, { decision: wanted });
    if (wanted !== 'Go') return { tender, opportunity: null, tasks: [] };
    return openDeal(session, rules, id);
  });
}

/**
 * Opens the deals of tenders marked Go in the sheet itself that have none yet: the watch calls it
 * on each run, so a decision typed in the tab is not lost. Returns how many deals it opened.
 */
export function openDealsForGoDecisions(spreadsheet: Spreadsheet): number {
  const pending = readActiveKeys(spreadsheet, 'appelsOffres', ['decision', 'opportuniteId']).filter(
    (t) => text(t.decision) === 'Go' && text(t.opportuniteId) === '',
  );
  if (pending.length === 0) return 0;
  const rules = rulesFromSettings(readSettings(spreadsheet));
  return inSession(spreadsheet, (session) => {
    let opened = 0;
    for (const tender of pending) {
      if (openDeal(session, rules, text(tender.id)).opportunity) opened += 1;
    }
    return opened;
  });
}

function openDeal(
  session: RecordSession,
  rules: ReturnType<typeof rulesFromSettings>,
  tenderId: string,
): TenderDecision {
  const tender = session.record('appelsOffres', tenderId);
  const existing = text(tender.opportuniteId);
  if (existing !== '') {
    return {
      tender: recordToDto(getTab('appelsOffres'), tender),
      opportunity: recordToDto(getTab('opportunites'), session.record('opportunites', existing)),
      tasks: [],
    };
  }
  const organisationId = text(tender.organisationId);
  if (organisationId === '') {
    throw new CrmError(
      'VALIDATION',
      `L'appel d'offres ${tenderId} n'est rattaché à aucune organisation : renseignez la colonne « Organisation » avant de décider Go.`,
      'organisationId',
    );
  }
  const local = toLocalDateTime(session.at);
  const at = {
    day: dayKey(local),
    time: `${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`,
  };
  const stage = initialStage(rules, 'Qualifié', false, at);
  const deadline = isDate(tender.dateLimite) ? tender.dateLimite : null;
  const questions = isDate(tender.dateLimiteQuestions) ? tender.dateLimiteQuestions : null;
  const day = (date: Date) => Utilities.formatDate(date, CRM_TIME_ZONE, 'yyyy-MM-dd');
  const objet = text(tender.objet);
  const opportunity = session.create(
    'opportunites',
    {
      titre: objet.length > 120 ? `${objet.slice(0, 119)}…` : objet,
      organisationId,
      etape: 'Qualifié',
      source: 'BOAMP',
      appelOffreId: tenderId,
      lienBoamp: text(tender.url) || null,
      montant: typeof tender.valeurEstimee === 'number' ? tender.valeurEstimee : null,
      dateLimite: deadline ? day(deadline) : null,
    },
    {
      etapeDepuis: dayToDate(stage.etapeDepuis),
      historiqueEtapes: stage.historiqueEtapes,
      ...(stage.probabilite === undefined ? {} : { probabilite: stage.probabilite }),
    },
  );
  const opportunityId = String(opportunity.id);
  session.update('appelsOffres', tenderId, {}, { opportuniteId: opportunityId }, 'Décision Go');
  const short = objet.length > 80 ? `${objet.slice(0, 79)}…` : objet;
  const tasks = [
    ...(questions
      ? [{ titre: `Poser les questions — ${short}`, echeance: day(questions), priorite: 'Normale' }]
      : []),
    ...(deadline
      ? [{ titre: `Remettre l’offre — ${short}`, echeance: day(deadline), priorite: 'Haute' }]
      : []),
  ].map((task) => ({
    input: {
      ...task,
      statut: 'À faire',
      origine: 'Automatique',
      opportuniteId: opportunityId,
      appelOffreId: tenderId,
    },
    system: { regle: 'Échéance appel d’offres' },
  }));
  const created = session.createMany('taches', tasks);
  return {
    tender: recordToDto(getTab('appelsOffres'), session.record('appelsOffres', tenderId)),
    opportunity,
    tasks: created,
  };
}
