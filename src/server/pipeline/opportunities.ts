/**
 * Creating and editing opportunities with the pipeline's bookkeeping: a new opportunity enters
 * its stage (Lead unless given) now, with the stage's probability when none is typed; an edit
 * that changes the stage goes through the move rules like the sidebar's "Déplacer" button, so no
 * form can skip a rule.
 */
import { CrmError, isCrmError } from '../../core/errors';
import {
  checkMove,
  describeRefusal,
  initialStage,
  isStage,
  rulesFromSettings,
  type PipelineRules,
  type Stage,
} from '../../core/pipeline';
import { getTab } from '../../core/schema/tabs';
import { toCrmValidationError, validateRecord } from '../../core/validation';
import { dayKey } from '../../core/scheduler/local-time';
import type { RecordDto } from '../api/contract';
import { now, toLocalDateTime } from '../platform/clock';
import { readSettings } from '../settings/settings-reader';
import { dayToDate } from '../records/record-dto';
import { createRecord, updateRecord } from '../records/record-service';
import { gatherFacts, moveStage } from './stage-mover';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export function createOpportunity(spreadsheet: Spreadsheet, input: RecordDto): RecordDto {
  const given = typeof input.etape === 'string' ? input.etape.trim() : '';
  // An unknown stage is left for the validator to refuse with its field message.
  const stage: Stage | null = given === '' ? 'Lead' : isStage(given) ? given : null;
  if (stage === null) return createRecord(spreadsheet, 'opportunites', input);
  const local = toLocalDateTime(now());
  const at = {
    day: dayKey(local),
    time: `${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`,
  };
  const typedProbability =
    input.probabilite !== undefined && input.probabilite !== null && input.probabilite !== '';
  const rules = rulesFromSettings(readSettings(spreadsheet));
  if (stage !== 'Lead') checkCreationStage(spreadsheet, rules, input, stage);
  const stamps = initialStage(rules, stage, typedProbability, at);
  return createRecord(
    spreadsheet,
    'opportunites',
    { ...input, etape: stage },
    {
      etapeDepuis: dayToDate(stamps.etapeDepuis),
      historiqueEtapes: stamps.historiqueEtapes,
      ...(stamps.probabilite === undefined ? {} : { probabilite: stamps.probabilite }),
    },
  );
}

/**
 * An opportunity created directly at a later stage passes the rules of every stage from Lead to
 * it, as if it had been moved there: a form cannot skip a rule by choosing the stage at creation.
 */
function checkCreationStage(
  spreadsheet: Spreadsheet,
  rules: PipelineRules,
  input: RecordDto,
  stage: Stage,
): void {
  const valid = validateRecord(
    getTab('opportunites'),
    { ...input, etape: stage },
    { partial: false },
  );
  if (!valid.ok) throw toCrmValidationError(valid.errors);
  const draft: Record<string, unknown> = { ...valid.record, id: '' };
  const reason = typeof draft.raisonPerte === 'string' ? draft.raisonPerte : null;
  const check = checkMove(rules, gatherFacts(spreadsheet, draft, 'Lead', stage), stage, reason);
  if (!check.ok) {
    const fieldErrors = check.failures
      .filter((f) => f.field)
      .map((f) => ({ field: f.field as string, message: f.message }));
    throw new CrmError(
      'RULE',
      describeRefusal('Lead', stage, check.failures),
      fieldErrors[0]?.field ?? 'etape',
      fieldErrors,
    );
  }
}

/**
 * The other fields are saved first, so that a move to "Proposition envoyée" typed together with
 * the amount sees that amount; a refused move then leaves them saved and says so.
 */
export function updateOpportunity(
  spreadsheet: Spreadsheet,
  id: string,
  changes: RecordDto,
): RecordDto {
  const { etape, ...rest } = changes;
  const wanted = typeof etape === 'string' ? etape.trim() : '';
  const updated = updateRecord(spreadsheet, 'opportunites', id, rest);
  if (wanted === '' || updated.etape === wanted) return updated;
  const reason = typeof rest.raisonPerte === 'string' ? rest.raisonPerte : null;
  try {
    return moveStage(spreadsheet, id, wanted, reason).opportunity;
  } catch (error) {
    if (isCrmError(error) && error.code === 'RULE' && Object.keys(rest).length > 0) {
      throw new CrmError(
        'RULE',
        `${error.message}\nLes autres modifications ont été enregistrées.`,
        error.field,
        error.fieldErrors,
      );
    }
    throw error;
  }
}
