/**
 * `parseTenderDetails(record)`: the full content of one notice, whatever its form, as
 * TenderDetails. `donnees` names its form by its one top-level key (boamp.md §1.5): `MAPA`,
 * `FNSimple`, `EFORMS`, or the v230 elements (`IDENTITE`, `OBJET`…). Where `donnees` is silent,
 * the record's own indexed fields answer (buyer name, deadline, nature, status, linked notice,
 * winners' names): they are the API's data, not estimates.
 */
import type { NoticeForm, TenderDetails } from './details-types';
import { readEforms } from './form-eforms';
import { isLegacyDonnees, readLegacy } from './form-legacy';
import { natureCode, statusOf, type FormReading } from './form-reading';
import { readSchema3 } from './form-schema3';
import { asList, at, isObject, parseJsonField, text } from './json-tree';
import { parseBoampDeadline, readDateTime, readIdwebs } from './values';

/** The parts of a record the parser reads; a `BoampRecord` fits, so does a legacy dump. */
export interface TenderSource {
  readonly idweb?: string | null;
  /** The API's JSON string, or an already-parsed object (the retired v230 API's dumps). */
  readonly donnees?: unknown;
  readonly gestion?: unknown;
  readonly nomacheteur?: string | null;
  readonly datelimitereponse?: string | null;
  readonly nature?: string | null;
  readonly etat?: string | null;
  readonly annonce_lie?: string | null;
  readonly annonces_anterieures?: string | null;
  readonly titulaire?: readonly string[] | string | null;
}

export function parseTenderDetails(source: TenderSource): TenderDetails {
  const issues: string[] = [];
  const donnees = parseJsonField(source.donnees);
  const gestion = parseJsonField(source.gestion);
  if (!donnees.ok) issues.push('Contenu détaillé de l’avis (donnees) illisible : JSON invalide.');
  if (!gestion.ok) issues.push('Bloc de gestion de l’avis (gestion) illisible : JSON invalide.');
  const gestionTree = gestion.ok ? gestion.value : null;
  const reading = donnees.ok ? readForm(donnees.value, gestionTree, issues) : null;
  return withRecordFields(source, reading, gestionTree, issues);
}

/** Which parser reads a `donnees`, by its top-level key; null for an unknown family. */
export function detectForm(donnees: unknown): NoticeForm | null {
  if (!isObject(donnees)) return null;
  if (isObject(donnees.EFORMS)) return 'EFORMS';
  if (isObject(donnees.MAPA)) return 'MAPA';
  if (isObject(donnees.FNSimple)) return 'FNSimple';
  if (isLegacyDonnees(donnees)) return 'LEGACY';
  return null;
}

function readForm(donnees: unknown, gestion: unknown, issues: string[]): FormReading | null {
  if (donnees === null) return null;
  const form = detectForm(donnees);
  if (form === null) {
    const family = isObject(donnees) ? Object.keys(donnees).join(', ') : typeof donnees;
    issues.push(
      `Forme d’avis non lue (${family || 'vide'}) : seuls les champs indexés sont repris.`,
    );
    return null;
  }
  const d = donnees as Record<string, unknown>;
  if (form === 'EFORMS') return readEforms(d.EFORMS);
  if (form === 'LEGACY') return readLegacy(donnees, gestion);
  return readSchema3(form, d[form], gestion);
}

function withRecordFields(
  source: TenderSource,
  reading: FormReading | null,
  gestion: unknown,
  issues: string[],
): TenderDetails {
  const indexation = at(gestion, 'INDEXATION');
  const gestionDeadline = readDateTime(at(indexation, 'DATE_LIMITE_REPONSE'));
  const recordStatus = source.etat ? statusOf(source.etat) : null;
  const linked =
    readIdwebs(source.annonce_lie)[0] ??
    reading?.linkedIdweb ??
    readIdwebs(source.annonces_anterieures)[0] ??
    null;
  const nature =
    (source.nature && source.nature.trim() !== '' ? source.nature.trim().toUpperCase() : null) ??
    reading?.nature ??
    natureCode(at(gestion, 'REFERENCE', 'TYPE_AVIS', 'NATURE'));
  const recordWinners = asList(source.titulaire)
    .map((t) => text(t))
    .filter((t): t is string => t !== null);
  let award = reading?.award ?? null;
  if (award === null && recordWinners.length > 0) {
    award = {
      winners: recordWinners.map((name) => ({
        name,
        siret: null,
        siren: null,
        town: null,
        lot: null,
      })),
      amount: null,
      date: null,
    };
  }
  return {
    idweb: source.idweb ?? text(at(gestion, 'REFERENCE', 'IDWEB')) ?? null,
    form: reading?.form ?? null,
    nature,
    // AVIS_ANNULE on the record outranks what the original content says.
    status: recordStatus === 'annulation' ? recordStatus : (reading?.status ?? recordStatus),
    buyer: {
      name:
        reading?.buyer.name ?? nonBlank(source.nomacheteur) ?? text(at(indexation, 'NOMORGANISME')),
      siret: reading?.buyer.siret ?? null,
      siren: reading?.buyer.siren ?? null,
    },
    contact: reading?.contact ?? { name: null, role: null, email: null, phone: null },
    submissionDeadline:
      reading?.submissionDeadline ??
      gestionDeadline ??
      parseBoampDeadline(source.datelimitereponse),
    questionsDeadline: reading?.questionsDeadline ?? null,
    estimatedValue: reading?.estimatedValue ?? null,
    cpv: reading?.cpv ?? [],
    lots: reading?.lots ?? [],
    duration: reading?.duration ?? null,
    criteria: reading?.criteria ?? [],
    documentsUrl: reading?.documentsUrl ?? null,
    buyerProfileUrl: reading?.buyerProfileUrl ?? null,
    award,
    linkedIdweb: linked === source.idweb ? null : linked,
    issues,
  };
}

function nonBlank(value: string | null | undefined): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}
