/**
 * Moving an opportunity to another stage (DESIGN.md §4): under the document lock, read the
 * opportunity and what its rules look at (each tab once, and only the tabs the move's rules
 * need), check the rules in core, then write the stage fields in one block and one Journal line
 * per changed field, the stage line first.
 */
import { CrmError } from '../../core/errors';
import {
  checkMove,
  describeRefusal,
  isStage,
  planMove,
  rulesFromSettings,
  stageRank,
  isClosed,
  type MoveFacts,
  type Stage,
} from '../../core/pipeline';
import { dayKey } from '../../core/scheduler/local-time';
import { getTab } from '../../core/schema/tabs';
import { PIPELINE_STAGES } from '../../core/schema/enums';
import { isDate, type CellValue } from '../../core/text/sheet-safe';
import type { StageMoveResult } from '../api/contract';
import { CRM_TIME_ZONE, now, toLocalDateTime } from '../platform/clock';
import { readSettings } from '../settings/settings-reader';
import { readActiveKeys, readKeys, text, type CrmRecord } from '../records/crm-snapshot';
import { cellToJournalText, dayToDate, recordToDto } from '../records/record-dto';
import { inSession } from '../records/record-session';
import { writeChanges } from '../records/record-writer';
import { emitOpportunityClosed } from '../webhooks/emitter';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const OUTBOUND_TYPES = new Set(['Email envoyé', 'Réponse AO']);

export function moveStage(
  spreadsheet: Spreadsheet,
  opportunityId: string,
  stageInput: string,
  reason: string | null,
): StageMoveResult {
  const to = stageInput.trim();
  if (!isStage(to)) {
    const message = `Étape : « ${stageInput} » n'est pas une étape du pipeline (${PIPELINE_STAGES.join(', ')}).`;
    throw new CrmError('VALIDATION', message, 'etape', [{ field: 'etape', message }]);
  }
  const rules = rulesFromSettings(readSettings(spreadsheet));
  const tab = getTab('opportunites');
  const result = inSession(spreadsheet, (session) => {
    const id = opportunityId.trim().toUpperCase();
    const opportunity = session.record('opportunites', id);
    if (opportunity.etat === 'Archivé') {
      throw new CrmError('NOT_FOUND', `L'opportunité ${id} est archivée.`);
    }
    const fromText = text(opportunity.etape);
    // A stage typed by hand that is not in the list counts as Lead, the start of the pipeline.
    const from: Stage = isStage(fromText) ? fromText : 'Lead';
    const facts = gatherFacts(spreadsheet, opportunity, from, to);
    const check = checkMove(rules, facts, to, reason);
    if (!check.ok) {
      const field = check.failures.find((f) => f.field)?.field;
      throw new CrmError(
        'RULE',
        describeRefusal(from, to, check.failures),
        field,
        check.failures
          .filter((f) => f.field)
          .map((f) => ({ field: f.field as string, message: f.message })),
      );
    }
    const local = toLocalDateTime(session.at);
    const stamp = { day: dayKey(local), time: `${pad(local.hour)}:${pad(local.minute)}` };
    const changes = planMove(
      rules,
      {
        stage: from,
        probability: typeof opportunity.probabilite === 'number' ? opportunity.probabilite : null,
        history: text(opportunity.historiqueEtapes),
        createdDay: dayOf(opportunity.createdAt) ?? stamp.day,
      },
      to,
      reason,
      stamp,
    );
    const values: Record<string, CellValue> = {
      ...changes,
      etapeDepuis: dayToDate(changes.etapeDepuis),
      updatedAt: session.at,
    };
    const [applied] = writeChanges(session.table('opportunites'), [{ id, values }]);
    for (const key of ['etape', 'probabilite', 'raisonPerte'] as const) {
      if (!(key in changes)) continue;
      const field = tab.fields.find((f) => f.key === key);
      if (!field) continue;
      const oldValue = cellToJournalText(field, opportunity[key]);
      const newValue = cellToJournalText(field, values[key]);
      if (oldValue === newValue) continue;
      session.log({
        action: 'Changement d’étape',
        tab: tab.name,
        recordId: id,
        field: field.header,
        oldValue,
        newValue,
      });
    }
    return {
      opportunity: recordToDto(tab, applied?.after ?? { ...opportunity, ...values }),
      from,
      to,
    };
  });
  // After the lock is released, and never failing the move: Gagné and Perdu go to Make.com.
  emitOpportunityClosed(spreadsheet, result);
  return result;
}

/**
 * Reads only what the move's rules need: the organisation and tenders when the move enters
 * Qualifié, the interactions (and contacts) when it enters Contacté.
 */
export function gatherFacts(
  spreadsheet: Spreadsheet,
  opportunity: CrmRecord,
  from: Stage,
  to: Stage,
): MoveFacts {
  const forward = !isClosed(to) || to === 'Gagné';
  const enters = (stage: Stage) =>
    forward &&
    !isClosed(from) &&
    stageRank(from) < stageRank(stage) &&
    stageRank(stage) <= stageRank(to);
  const organisationId = text(opportunity.organisationId);
  const amount = typeof opportunity.montant === 'number' ? opportunity.montant : null;
  let icpScore: number | null = null;
  let budgetConfirmed = false;
  let openTender = false;
  if (enters('Qualifié')) {
    const organisation = readActiveKeys(spreadsheet, 'organisations', [
      'scoreIcp',
      'budgetConfirme',
    ]).find((o) => text(o.id) === organisationId);
    icpScore =
      typeof organisation?.scoreIcp === 'number' && Number.isFinite(organisation.scoreIcp)
        ? organisation.scoreIcp
        : null;
    budgetConfirmed = organisation?.budgetConfirme === true;
    openTender =
      text(opportunity.appelOffreId) !== '' || hasOpenTender(spreadsheet, organisationId);
  }
  let outboundInteraction = false;
  if (enters('Contacté')) {
    const opportunityId = text(opportunity.id);
    const contactIds = new Set(
      readKeys(spreadsheet, 'contacts', ['organisationId'])
        .filter((c) => text(c.organisationId) === organisationId)
        .map((c) => text(c.id)),
    );
    contactIds.add(text(opportunity.contactId));
    outboundInteraction = readKeys(spreadsheet, 'interactions', [
      'contactId',
      'opportuniteId',
      'direction',
      'type',
    ]).some(
      (i) =>
        (text(i.opportuniteId) === opportunityId || contactIds.has(text(i.contactId))) &&
        (text(i.direction) === 'Sortant' || OUTBOUND_TYPES.has(text(i.type))),
    );
  }
  return { from, amount, icpScore, budgetConfirmed, openTender, outboundInteraction };
}

function hasOpenTender(spreadsheet: Spreadsheet, organisationId: string): boolean {
  if (organisationId === '') return false;
  const today = now();
  const tenders = readActiveKeys(spreadsheet, 'appelsOffres', [
    'organisationId',
    'decision',
    'dateLimite',
  ]);
  return tenders.some((t) => {
    if (text(t.organisationId) !== organisationId || text(t.decision) === 'No go') return false;
    return !isDate(t.dateLimite) || t.dateLimite.getTime() >= today.getTime();
  });
}

function dayOf(value: unknown): string | null {
  return isDate(value) ? Utilities.formatDate(value, CRM_TIME_ZONE, 'yyyy-MM-dd') : null;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
