/**
 * Which records a run may enrich. Opt-out contacts are never sent to Apollo or Hunter (RGPD: the
 * person asked not to be processed for prospecting, and enrichment is prospecting); archived
 * records are left alone; a record enriched less than `enrichissement.delai_jours` days ago is
 * not asked again, because every call costs credits and people's jobs do not change weekly.
 */
import { parseIntegerSetting } from '../settings/defaults';
import { foldText } from '../text/fold';

export const ENRICHMENT_DELAY_SETTING = 'enrichissement.delai_jours';
export const DEFAULT_ENRICHMENT_DELAY_DAYS = 90;

const DAY_MS = 86_400_000;

export type SkipReason = 'archive' | 'opt-out' | 'recent';

export interface EnrichmentSubject {
  readonly archived: boolean;
  readonly optOut: boolean;
  /** When the record was last enriched (epoch ms), null when never. */
  readonly enrichedAtMs: number | null;
}

export function skipReason(
  subject: EnrichmentSubject,
  clock: { readonly nowMs: number; readonly delayDays: number },
): SkipReason | null {
  if (subject.archived) return 'archive';
  if (subject.optOut) return 'opt-out';
  if (
    subject.enrichedAtMs !== null &&
    clock.delayDays > 0 &&
    clock.nowMs - subject.enrichedAtMs < clock.delayDays * DAY_MS
  )
    return 'recent';
  return null;
}

export function delayDaysFromSettings(settings: ReadonlyMap<string, string>): number {
  return parseIntegerSetting(
    settings.get(ENRICHMENT_DELAY_SETTING),
    DEFAULT_ENRICHMENT_DELAY_DAYS,
    0,
    3650,
  );
}

/**
 * A cell of the opt-out column as a decision. The column is a checkbox, but a user may type
 * « Oui » or « x » in it; anything that reads as a yes counts, because wrongly skipping a contact
 * costs nothing while wrongly processing one breaks the person's request.
 */
export function isOptedOut(cell: unknown): boolean {
  if (cell === true) return true;
  if (typeof cell === 'number') return cell !== 0;
  if (typeof cell !== 'string') return false;
  return ['true', 'vrai', 'oui', 'yes', 'x', '1', 'o'].includes(foldText(cell));
}

/** The French words for a skipped record, in a report. */
export function describeSkip(reason: SkipReason, delayDays: number): string {
  switch (reason) {
    case 'archive':
      return 'fiche archivée';
    case 'opt-out':
      return 'opposition au démarchage (opt-out) : jamais envoyé à Apollo ni Hunter';
    case 'recent':
      return `déjà enrichi il y a moins de ${delayDays} jours (« ${ENRICHMENT_DELAY_SETTING} »)`;
  }
}

/** What "incomplete" means for "Enrichir les contacts incomplets". */
export interface ContactGaps {
  readonly email: unknown;
  readonly poste: unknown;
  readonly linkedin: unknown;
  readonly statutEmail: unknown;
}

export function isIncomplete(contact: ContactGaps): boolean {
  const blank = (v: unknown) => v === null || v === undefined || String(v).trim() === '';
  return (
    blank(contact.email) ||
    blank(contact.poste) ||
    blank(contact.linkedin) ||
    blank(contact.statutEmail)
  );
}
