/**
 * The DILA schema 3.x forms: `donnees.MAPA` (read from two real July 2024 records) and
 * `donnees.FNSimple` (no real record available; boamp.md §1.5 only says it has `initial` /
 * `rectificatif` / `attribution` sections, lots and CPV under `codeCPV`). Both use the same
 * lower-camel vocabulary, a renaming of v230's elements (RECEPT_OFFRES → delais.receptionOffres,
 * URL_PROFIL_ACHETEUR → urlProfilAcheteur, DUREE_MOIS → duree.nbMois), so names this parser
 * accepts beyond the verified ones follow that renaming; they are marked [inferred].
 */
import type { AwardCriterion, AwardDetails, Money, NoticeForm, TenderLot } from './details-types';
import {
  duration,
  pushUnique,
  sumOf,
  uniqueCriteria,
  valueEstimate,
  valueFromLots,
  winner,
} from './form-builders';
import { natureCode, statusOf, type FormReading } from './form-reading';
import { all, asList, at, flagName, isObject, text, type JsonObject } from './json-tree';
import {
  readCompanyIds,
  readCpv,
  readCurrency,
  readDateTime,
  readIdwebs,
  readNumber,
  readUrl,
} from './values';

const SECTIONS = ['initial', 'rectificatif', 'attribution', 'annulation'] as const;

export function readSchema3(form: NoticeForm, body: unknown, gestion: unknown): FormReading {
  const root = isObject(body) ? body : {};
  const organisme = root.organisme;
  const sectionName = SECTIONS.find((s) => root[s] !== undefined && root[s] !== null) ?? null;
  const section = sectionName === null ? undefined : root[sectionName];

  const typeAvis = at(gestion, 'REFERENCE', 'TYPE_AVIS');
  const nature =
    natureCode(at(typeAvis, 'NATURE')) ?? (sectionName === 'attribution' ? 'ATTRIBUTION' : null);
  const status =
    statusOf(flagName(at(typeAvis, 'STATUT'))) ??
    (sectionName === 'rectificatif'
      ? 'rectificatif'
      : sectionName === 'annulation'
        ? 'annulation'
        : sectionName === 'initial'
          ? 'initial'
          : null);

  const prm = at(organisme, 'correspondantPRM');
  const contactName = joinName(text(at(prm, 'pren')), text(at(prm, 'nom')));
  const lots = readLots(section);
  const delais = at(section, 'delais');

  return {
    form,
    nature,
    status,
    buyer: {
      name: text(at(organisme, 'acheteurPublic')) ?? text(at(organisme, 'denomination')),
      ...readCompanyIds(
        at(organisme, 'codeIdentificationNational') ??
          at(organisme, 'codeIdentNational') ??
          at(organisme, 'siret'),
      ),
    },
    contact: {
      name: contactName,
      role: text(at(prm, 'fonc')),
      email: text(at(organisme, 'coord', 'mel')),
      phone: text(at(organisme, 'coord', 'tel')),
    },
    submissionDeadline:
      readDateTime(at(delais, 'receptionOffres')) ??
      readDateTime(at(delais, 'receptionCandidatures')),
    questionsDeadline: questionsDeadline(delais),
    estimatedValue: readValue(at(section, 'caracteristiques')) ?? valueFromLots(lots),
    cpv: readCpvCodes(section, lots),
    lots,
    duration:
      readDuration(at(section, 'duree')) ??
      (lots.length === 1 ? (lots[0]?.duration ?? null) : null),
    criteria: readCriteria(at(section, 'criteres')),
    documentsUrl:
      readUrl(at(section, 'adressesComplt', 'document', 'coord', 'url')) ??
      readUrl(at(organisme, 'urlDocument')),
    buyerProfileUrl: readUrl(at(organisme, 'urlProfilAcheteur')),
    award: sectionName === 'attribution' || nature === 'ATTRIBUTION' ? readAward(section) : null,
    linkedIdweb:
      readIdwebs(all(gestion, 'MARCHE', 'ANNONCE_ANTERIEUR', 'REFERENCE', 'IDWEB'))[0] ?? null,
  };
}

function joinName(first: string | null, last: string | null): string | null {
  const name = [first, last].filter((p) => p !== null).join(' ');
  return name === '' ? null : name;
}

/** No verified name: any deadline under `delais` whose name speaks of questions [inferred]. */
function questionsDeadline(delais: unknown): string | null {
  if (!isObject(delais)) return null;
  for (const [key, value] of Object.entries(delais)) {
    if (/question/i.test(key)) return readDateTime(value);
  }
  return null;
}

function readValue(node: unknown) {
  const amountNode = at(node, 'valeurTotale') ?? at(node, 'valeur') ?? at(node, 'valeurEstimee');
  const min = at(node, 'valeurMin');
  const max = at(node, 'valeurMax');
  return valueEstimate(
    readNumber(amountNode),
    readNumber(min),
    readNumber(max),
    readCurrency(amountNode) ?? readCurrency(min) ?? readCurrency(max),
  );
}

function readDuration(node: unknown) {
  return duration(
    readNumber(at(node, 'nbMois')),
    readNumber(at(node, 'nbJours')),
    readDateTime(at(node, 'dateDebut')),
    readDateTime(at(node, 'dateFin')),
  );
}

function readLots(section: unknown): TenderLot[] {
  const lotsNode = at(section, 'lots');
  const items = isObject(lotsNode) && 'lot' in lotsNode ? asList(lotsNode.lot) : asList(lotsNode);
  return items.filter(isObject).map((lot) => {
    const cpv: string[] = [];
    collectCpv(lot.codeCPV, cpv);
    return {
      number: text(lot.numLot) ?? text(lot.num) ?? text(lot.numero),
      title: text(lot.intitule) ?? text(lot.titre) ?? text(lot.description),
      value: readValue(lot.caracteristiques) ?? readValue(lot),
      cpv,
      duration: readDuration(lot.duree),
      deadline: null,
    };
  });
}

function readCpvCodes(section: unknown, lots: readonly TenderLot[]): string[] {
  const codes: string[] = [];
  collectCpv(at(section, 'description', 'codeCPV'), codes);
  collectCpv(at(section, 'codeCPV'), codes);
  for (const lot of lots) for (const code of lot.cpv) pushUnique(codes, code);
  return codes;
}

/** Every CPV-shaped leaf of a `codeCPV` subtree, in document order (the main code comes first). */
function collectCpv(node: unknown, into: string[]): void {
  if (Array.isArray(node)) {
    for (const item of node) collectCpv(item, into);
  } else if (isObject(node)) {
    for (const value of Object.values(node)) collectCpv(value, into);
  } else {
    pushUnique(into, readCpv(node));
  }
}

/**
 * `criterePondere` (verified: `{critere, criterePCT}`) and any other list of criteria under
 * `criteres`; flags (`""`) say nothing about which criteria, so they are skipped.
 */
function readCriteria(criteres: unknown): AwardCriterion[] {
  if (!isObject(criteres)) return [];
  const found: AwardCriterion[] = [];
  for (const value of Object.values(criteres)) {
    for (const item of asList(value)) {
      if (isObject(item)) {
        const label = text(item.critere) ?? text(item.libelle);
        if (label !== null)
          found.push({
            label,
            weight: readNumber(item.criterePCT ?? item.poids ?? item.ponderation),
          });
      } else {
        const label = text(item);
        if (label !== null) found.push({ label, weight: null });
      }
    }
  }
  return uniqueCriteria(found);
}

/** Award section [inferred from v230's ATTRIBUTION, renamed]: decisions with winners and amounts. */
function readAward(section: unknown): AwardDetails | null {
  if (!isObject(section)) return null;
  const decisions = asList(section.decision).filter(isObject);
  const groups: JsonObject[] = decisions.length > 0 ? decisions : [section];
  const winners = [];
  const amounts: Array<Money | null> = [];
  for (const decision of groups) {
    const lot = text(decision.numLot) ?? text(decision.num);
    const holders = asList(decision.titulaire).filter(isObject);
    for (const holder of holders) {
      const w = winner(
        text(holder.denomination) ?? text(holder.nom) ?? text(holder.raisonSociale),
        readCompanyIds(
          holder.codeIdentificationNational ?? holder.codeIdentNational ?? holder.siret,
        ),
        text(holder.ville),
        lot,
      );
      if (w) winners.push(w);
    }
    const montant = decision.montant ?? decision.montantMarche;
    if (holders.length > 0) {
      const amount = readNumber(montant);
      amounts.push(amount === null ? null : { amount, currency: readCurrency(montant) });
    }
  }
  const totalNode = section.valeurTotale ?? section.montantTotal;
  const total = readNumber(totalNode);
  const amount: Money | null =
    total !== null ? { amount: total, currency: readCurrency(totalNode) } : sumOf(amounts);
  const date = readDateTime(section.dateDecision ?? section.dateAttribution);
  if (winners.length === 0 && amount === null && date === null) return null;
  return { winners, amount, date };
}
