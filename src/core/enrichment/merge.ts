/**
 * Merge rules of enrichment (issue 6): what Apollo or Hunter says about a record never replaces
 * what is in the sheet. An empty field is filled; a field that holds something else gets a
 * proposal, applied only when the user clicks it; an equal value changes nothing. A value in the
 * sheet is treated as the user's whoever wrote it: the CRM keeps no per-cell provenance, and
 * "typed by a person" is the safe reading of any value it cannot prove it wrote.
 *
 * Offers arrive already validated (the schema's stored form); comparison is by meaning, not by
 * spelling, so "Directrice RSE" and "directrice rse " or two spellings of one LinkedIn profile
 * do not produce a pointless proposal.
 */
import type { FieldType, TabDef } from '../schema/types';
import { foldText } from '../text/fold';

export type EnrichmentSource = 'Apollo' | 'Hunter';

export const ENRICHMENT_SOURCES: readonly EnrichmentSource[] = ['Apollo', 'Hunter'];

export type OfferValue = string | number;

export interface FieldOffer {
  /** Schema key. */
  readonly field: string;
  readonly value: OfferValue;
  readonly source: EnrichmentSource;
}

/** A change the user may accept: plain JSON, it goes to the sidebar and comes back on click. */
export interface Proposal {
  readonly field: string;
  /** The value in the sheet when the proposal was made. */
  readonly current: OfferValue;
  readonly proposed: OfferValue;
  readonly source: EnrichmentSource;
}

export interface MergePlan {
  /** Empty fields to write now. */
  readonly fills: readonly FieldOffer[];
  readonly proposals: readonly Proposal[];
}

/** Fields enrichment may fill or propose, per tab: people and company facts, never CRM state. */
export const ENRICHABLE_FIELDS = {
  contacts: ['prenom', 'email', 'telephone', 'poste', 'linkedin'],
  organisations: [
    'secteur',
    'effectif',
    'siteWeb',
    'domaine',
    'adresse',
    'codePostal',
    'ville',
    'region',
  ],
} as const;

export type EnrichableTab = keyof typeof ENRICHABLE_FIELDS;

export function isEnrichableField(tab: EnrichableTab, field: string): boolean {
  return (ENRICHABLE_FIELDS[tab] as readonly string[]).includes(field);
}

/**
 * Fills and proposals for one record. The first offer of a field wins (callers list the more
 * trusted source first); later offers of the same field are dropped, so one click never has to
 * choose between two proposals.
 */
export function planMerge(
  tab: TabDef,
  current: Readonly<Record<string, unknown>>,
  offers: readonly FieldOffer[],
): MergePlan {
  const fills: FieldOffer[] = [];
  const proposals: Proposal[] = [];
  const decided = new Set<string>();
  for (const offer of offers) {
    if (decided.has(offer.field) || isBlank(offer.value)) continue;
    const field = tab.fields.find((f) => f.key === offer.field);
    if (!field) continue;
    decided.add(offer.field);
    const present = current[offer.field];
    if (isBlank(present)) {
      fills.push(offer);
    } else if (!sameValue(field.type, present, offer.value)) {
      proposals.push({
        field: offer.field,
        current: asOfferValue(present),
        proposed: offer.value,
        source: offer.source,
      });
    }
  }
  return { fills, proposals };
}

export interface ProposalCheck {
  /** Still valid: the field holds what it held when proposed. */
  readonly apply: readonly Proposal[];
  /** The field already holds the proposed value: nothing to do. */
  readonly alreadyApplied: readonly Proposal[];
  /** Someone changed the field since: applying would overwrite their value, so it is refused. */
  readonly stale: readonly Proposal[];
}

/**
 * Proposals as the user clicked them, checked against the record as it is now (read under the
 * lock): a proposal made an hour ago must not overwrite what a colleague typed in between.
 */
export function checkProposals(
  tab: TabDef,
  current: Readonly<Record<string, unknown>>,
  proposals: readonly Proposal[],
): ProposalCheck {
  const apply: Proposal[] = [];
  const alreadyApplied: Proposal[] = [];
  const stale: Proposal[] = [];
  for (const proposal of proposals) {
    const field = tab.fields.find((f) => f.key === proposal.field);
    if (!field) continue;
    const present = current[proposal.field];
    if (!isBlank(present) && sameValue(field.type, present, proposal.proposed))
      alreadyApplied.push(proposal);
    // An emptied field is filled, as enrichment would fill it anyway.
    else if (isBlank(present) || sameValue(field.type, present, proposal.current))
      apply.push(proposal);
    else stale.push(proposal);
  }
  return { apply, alreadyApplied, stale };
}

/** Two values of a field that mean the same thing. */
export function sameValue(type: FieldType, a: unknown, b: unknown): boolean {
  if (isBlank(a) || isBlank(b)) return isBlank(a) && isBlank(b);
  switch (type) {
    case 'integer':
    case 'number':
    case 'money':
    case 'percent': {
      const x = toNumber(a);
      const y = toNumber(b);
      return x !== null && y !== null ? x === y : textKey(a) === textKey(b);
    }
    case 'email':
      return String(a).trim().toLowerCase() === String(b).trim().toLowerCase();
    case 'phone':
      return phoneKey(a) === phoneKey(b);
    case 'url':
      return urlKey(a) === urlKey(b);
    default:
      return textKey(a) === textKey(b);
  }
}

export function isBlank(value: unknown): boolean {
  return (
    value === null || value === undefined || (typeof value === 'string' && value.trim() === '')
  );
}

function asOfferValue(value: unknown): OfferValue {
  if (typeof value === 'number' || typeof value === 'string') return value;
  return String(value);
}

function textKey(value: unknown): string {
  return foldText(String(value)).replace(/\s+/g, ' ');
}

function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  const text = String(value)
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(text)) return null;
  return Number(text);
}

/** The last nine digits: "+33 6 12 34 56 78" and "06 12 34 56 78" are one number. */
function phoneKey(value: unknown): string {
  const digits = String(value).replace(/\D/g, '');
  return digits.length > 9 ? digits.slice(-9) : digits;
}

/**
 * Scheme, `www.`, case of the host and a trailing slash do not make another page: Apollo gives
 * `http://www.linkedin.com/in/x` for what a user pastes as `https://linkedin.com/in/x/`.
 */
function urlKey(value: unknown): string {
  const text = String(value).trim();
  const bare = text.replace(/^[a-z][a-z\d+.-]*:\/\//i, '');
  const slash = bare.search(/[/?#]/);
  const host = (slash < 0 ? bare : bare.slice(0, slash)).toLowerCase().replace(/^www\./, '');
  const rest = (slash < 0 ? '' : bare.slice(slash)).replace(/\/+$/, '');
  return host + (host.endsWith('linkedin.com') ? rest.toLowerCase() : rest);
}
