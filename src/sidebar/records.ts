/**
 * What the sidebar needs to know about records beyond the schema: how to name one in a list,
 * which pipeline stages are closed, and which stage usually comes next.
 */
import { PIPELINE_STAGES } from '../core/schema/enums';
import type { RecordDto, SearchHit } from '../server/api/contract';

export type CardTab = 'organisations' | 'contacts';

const text = (value: unknown): string =>
  value === null || value === undefined ? '' : String(value).trim();

/** The organisation's name, the contact's full name, the opportunity's or task's title. */
export function recordTitle(tab: string, record: RecordDto): string {
  const title =
    tab === 'contacts'
      ? `${text(record.prenom)} ${text(record.nom)}`.trim()
      : text(record.nom) || text(record.titre) || text(record.objet);
  return title || text(record.id);
}

export const CLOSED_STAGES: readonly string[] = ['Gagné', 'Perdu'];
export const LOST_STAGE = 'Perdu';

export function isOpenOpportunity(opportunity: RecordDto): boolean {
  return !CLOSED_STAGES.includes(text(opportunity.etape));
}

/** The stage after this one in the pipeline order (Négociation → Gagné), or the stage itself. */
export function nextStage(stage: string): string {
  const index = (PIPELINE_STAGES as readonly string[]).indexOf(stage);
  if (index < 0) return PIPELINE_STAGES[0];
  const next = PIPELINE_STAGES[index + 1];
  return next === undefined || next === LOST_STAGE ? stage : next;
}

export const TAB_LABELS: Readonly<Record<SearchHit['tab'], string>> = {
  organisations: 'Organisation',
  contacts: 'Contact',
  opportunites: 'Opportunité',
};

/** True for IDs the search endpoint can find (the tabs a ref picker can search in). */
export function isSearchableTab(tab: string | undefined): tab is SearchHit['tab'] {
  return tab === 'organisations' || tab === 'contacts' || tab === 'opportunites';
}
