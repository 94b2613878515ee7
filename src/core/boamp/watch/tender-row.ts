/**
 * A BOAMP notice as a row of the Appels_offres tab: the list fields, the relevance result, and
 * what the full record's parser read. What the notice does not say stays empty; values are not
 * validated here but by the record session, field by field, so that one odd value from BOAMP
 * (a malformed SIREN, say) empties that cell instead of losing the notice.
 */
import { matchedText, type RelevanceResult } from '../relevance';
import type { TenderDetails, ValueEstimate } from '../parse';
import { parseBoampDeadline } from '../parse';
import type { BoampRecord } from '../types';

export type TenderRow = Record<string, string | number | null>;

/** The Appels_offres fields the watch writes (the user's columns — decision, notes — are not). */
export function tenderRow(
  record: BoampRecord,
  relevance: RelevanceResult,
  details: TenderDetails | null,
): { readonly input: TenderRow; readonly computed: TenderRow } {
  const deadline = details?.submissionDeadline ?? parseBoampDeadline(record.datelimitereponse);
  const value = details?.estimatedValue ?? null;
  return {
    input: {
      idweb: record.idweb,
      objet: record.objet ?? record.idweb,
      acheteur: details?.buyer.name ?? record.nomacheteur,
      acheteurSiren: details?.buyer.siren ?? null,
      departements: record.code_departement.join(', ') || null,
      datePublication: record.dateparution,
      dateLimite: deadline,
      valeurEstimee: amountOf(value),
      cpv: details && details.cpv.length > 0 ? details.cpv.join(', ') : null,
      descripteurs: record.descripteur_libelle.join(', ') || null,
      typeAvis: record.nature,
      procedure: record.type_procedure,
      url: record.url_avis,
      contactAcheteur: details ? contactText(details) : null,
      dateLimiteQuestions: details?.questionsDeadline ?? null,
      duree: details?.duration ? durationText(details.duration) : null,
      lots: details && details.lots.length > 0 ? lotsText(details) : null,
      criteres:
        details && details.criteria.length > 0
          ? details.criteria
              .map((c) => (c.weight === null ? c.label : `${c.label} (${c.weight})`))
              .join(' ; ')
          : null,
      lienDce: details?.documentsUrl ?? details?.buyerProfileUrl ?? null,
    },
    computed: {
      score: relevance.score,
      niveau: relevance.level,
      motsTrouves: matchedText(relevance),
      etatAvis: 'Publié',
    },
  };
}

/** The change a later notice brings to the notice it refers to. */
export type NoticeChange =
  | { readonly kind: 'rectification' }
  | { readonly kind: 'cancellation' }
  | {
      readonly kind: 'award';
      readonly winners: string;
      readonly amount: number | null;
    };

export function noticeChange(record: BoampRecord, details: TenderDetails | null): NoticeChange {
  const nature = (details?.nature ?? record.nature ?? '').toUpperCase();
  const status = details?.status ?? null;
  if (status === 'annulation' || /ANNUL/.test(nature) || /ANNUL/i.test(record.etat ?? '')) {
    return { kind: 'cancellation' };
  }
  if (nature.includes('ATTRIBUTION') || details?.award) {
    const winners = details?.award?.winners.map((w) => w.name) ?? record.titulaire;
    return {
      kind: 'award',
      winners: winners.join(', '),
      amount: details?.award?.amount?.amount ?? null,
    };
  }
  return { kind: 'rectification' };
}

/** The earlier notice a rectification, cancellation or award refers to, if any. */
export function linkedIdweb(record: BoampRecord, details: TenderDetails | null): string | null {
  if (details?.linkedIdweb) return details.linkedIdweb;
  const raw = record.annonce_lie ?? record.annonces_anterieures ?? '';
  const match = /\d{2}-\d{3,}/.exec(raw);
  return match ? match[0] : null;
}

/**
 * The type of a buyer the CRM does not know yet, from its name; public buyers in BOAMP are
 * mostly communes, EPCI, départements and régions, each named after what it is.
 */
export function buyerType(name: string): string {
  const n = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  if (
    /\b(communaute|metropole|agglomeration|syndicat intercommunal|pays de|pole d'equilibre)\b/.test(
      n,
    )
  )
    return 'EPCI';
  if (/\b(conseil departemental|departement)\b/.test(n)) return 'Département';
  if (/\b(conseil regional|region)\b/.test(n)) return 'Région';
  if (/\b(commune|mairie|ville)\b/.test(n)) return 'Commune';
  return 'Autre collectivité';
}

function amountOf(value: ValueEstimate | null): number | null {
  if (!value) return null;
  return value.amount ?? value.max ?? value.min ?? null;
}

function contactText(details: TenderDetails): string | null {
  const c = details.contact;
  const parts = [c.name, c.role, c.email, c.phone].filter((p): p is string => !!p);
  return parts.length > 0 ? parts.join(' · ') : null;
}

function durationText(d: NonNullable<TenderDetails['duration']>): string | null {
  if (d.months !== null) return `${d.months} mois`;
  if (d.days !== null) return `${d.days} jours`;
  if (d.start && d.end) return `du ${d.start} au ${d.end}`;
  return null;
}

function lotsText(details: TenderDetails): string {
  return details.lots
    .map((lot) => [lot.number ? `Lot ${lot.number}` : 'Lot', lot.title].filter(Boolean).join(' : '))
    .join('\n');
}
