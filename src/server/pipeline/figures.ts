/** The pipeline's figures for the sidebar and reports: one read of Opportunites, sums in core. */
import {
  computePipelineFigures,
  isStage,
  rulesFromSettings,
  type PipelineFigures,
} from '../../core/pipeline';
import { isDate } from '../../core/text/sheet-safe';
import { CRM_TIME_ZONE } from '../platform/clock';
import { readActiveRecords, text } from '../records/crm-snapshot';
import { readSettings } from '../settings/settings-reader';

export function getPipelineFigures(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
): PipelineFigures {
  const rules = rulesFromSettings(readSettings(spreadsheet));
  const opportunities = readActiveRecords(spreadsheet, 'opportunites').flatMap((o) => {
    const stage = text(o.etape);
    if (!isStage(stage)) return [];
    return [
      {
        stage,
        amount: typeof o.montant === 'number' ? o.montant : null,
        probability: typeof o.probabilite === 'number' ? o.probabilite : null,
        history: text(o.historiqueEtapes),
        createdDay: isDate(o.createdAt)
          ? Utilities.formatDate(o.createdAt, CRM_TIME_ZONE, 'yyyy-MM-dd')
          : '',
      },
    ];
  });
  return computePipelineFigures(opportunities, rules.probabilities);
}
