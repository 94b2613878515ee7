/**
 * Saved segments: a name and a filter that users can read and edit in the Parametres tab, such as
 * `type=Commune; region=Bretagne; temperature=Chaud,Tiède`. Values are matched with accents and
 * case folded; several values of one criterion are alternatives, criteria must all match.
 */
import { foldText } from '../text/fold';

/** The criteria a segment can use, each with the French word users may type for it. */
export const SEGMENT_CRITERIA = {
  type: ['type'],
  taille: ['taille', 'tranche'],
  secteur: ['secteur'],
  certification: ['certification', 'certificationrse'],
  etape: ['etape', 'étape'],
  source: ['source'],
  departement: ['departement', 'département', 'dep'],
  region: ['region', 'région'],
  temperature: ['temperature', 'température'],
} as const;

export type SegmentCriterion = keyof typeof SEGMENT_CRITERIA;

export type SegmentFilter = ReadonlyMap<SegmentCriterion, readonly string[]>;

export type ParsedSegment =
  | { readonly ok: true; readonly filter: SegmentFilter }
  | { readonly ok: false; readonly message: string };

export function parseSegmentFilter(text: string): ParsedSegment {
  const filter = new Map<SegmentCriterion, string[]>();
  for (const part of text.split(/[;\n]/)) {
    if (part.trim() === '') continue;
    const [rawKey = '', ...rest] = part.split('=');
    const key = criterionOf(rawKey);
    const values = rest
      .join('=')
      .split(',')
      .map(normalise)
      .filter((v) => v !== '');
    if (!key) {
      return {
        ok: false,
        message: `Segment : critère « ${rawKey.trim()} » inconnu (critères : ${Object.keys(SEGMENT_CRITERIA).join(', ')}).`,
      };
    }
    if (values.length === 0) {
      return { ok: false, message: `Segment : le critère « ${rawKey.trim()} » n'a pas de valeur.` };
    }
    filter.set(key, [...(filter.get(key) ?? []), ...values]);
  }
  if (filter.size === 0) return { ok: false, message: 'Segment : aucun critère.' };
  return { ok: true, filter };
}

/** The values of one record for each criterion (a record may have several stages). */
export type SegmentFacts = Readonly<Partial<Record<SegmentCriterion, readonly string[]>>>;

export function matchesSegment(filter: SegmentFilter, facts: SegmentFacts): boolean {
  for (const [criterion, wanted] of filter) {
    const values = (facts[criterion] ?? []).map(normalise);
    if (!values.some((v) => wanted.includes(v))) return false;
  }
  return true;
}

/** Folded, with any dash as a hyphen: "5 000-19 999 hab." typed by hand matches the band. */
function normalise(value: string): string {
  return foldText(value).replace(/[‐-―−]/g, '-');
}

function criterionOf(raw: string): SegmentCriterion | undefined {
  const folded = foldText(raw).replace(/\s/g, '');
  return (Object.keys(SEGMENT_CRITERIA) as SegmentCriterion[]).find((key) =>
    SEGMENT_CRITERIA[key].some((word) => foldText(word) === folded),
  );
}
