/**
 * The v230 form (2015 to about 2022), in its two encodings:
 * - the XML element names (`IDENTITE`, `OBJET_COMPLET`, `CONDITION_DELAI/RECEPT_OFFRES`), as the
 *   Explore API's `donnees` carries pre-3.x notices (boamp.md §1.5) and as DILA's XML files are;
 * - the retired DILA API's JSON (`identite`, `objetcomplet`, `conditiondelai.receptoffres`,
 *   epoch-millisecond dates, `{value, ordre}` for text with attributes).
 * Lower-casing names and dropping `_`, `-` and `@` makes the two the same tree, read once.
 */
import type {
  AwardCriterion,
  AwardDetails,
  Money,
  TenderLot,
  ValueEstimate,
  Winner,
} from './details-types';
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
import {
  all,
  asList,
  at,
  first,
  flagName,
  isObject,
  isPresent,
  text as jsonText,
  type JsonObject,
} from './json-tree';
import {
  readCompanyIds,
  readCpv,
  readCurrency,
  readDateTime,
  readIdwebs,
  readNumber,
  readUrl,
} from './values';

/** True for a `donnees` of the v230 form, in either encoding. */
export function isLegacyDonnees(donnees: unknown): boolean {
  if (!isObject(donnees)) return false;
  return Object.keys(donnees).some((k) => ['identite', 'objet'].includes(normaliseKey(k)));
}

export function readLegacy(donnees: unknown, gestion: unknown): FormReading {
  const d = normaliseTree(donnees) as JsonObject;
  const g = normaliseTree(gestion);
  const identite = d.identite;
  const objet = d.objet;
  const procedure = d.procedure;
  const delais = d.conditiondelai;

  const typeAvis = at(g, 'reference', 'typeavis');
  const nature =
    natureCode(at(typeAvis, 'nature')) ?? (isPresent(d.attribution) ? 'ATTRIBUTION' : null);
  const status = statusOf(flagName(at(typeAvis, 'statut')));
  const lots = readLots(objet);

  return {
    form: 'LEGACY',
    nature,
    status,
    buyer: {
      name: text(at(identite, 'denomination')),
      ...readCompanyIds(text(at(identite, 'codeidentnational'))),
    },
    contact: {
      name: text(at(identite, 'contact')) ?? text(at(identite, 'correspondant')),
      role: null,
      email: text(at(identite, 'mel')),
      phone: text(at(identite, 'tel')),
    },
    submissionDeadline:
      readDateTime(at(delais, 'receptoffres')) ?? readDateTime(at(delais, 'receptcandidat')),
    questionsDeadline: null,
    estimatedValue: readValue(at(objet, 'caracteristiques')) ?? valueFromLots(lots),
    cpv: readCpvCodes(objet, lots),
    lots,
    duration:
      readDuration(at(objet, 'dureedelai')) ??
      (lots.length === 1 ? (lots[0]?.duration ?? null) : null),
    criteria: readCriteria(procedure, objet),
    documentsUrl: readUrl(at(identite, 'urldocument')),
    buyerProfileUrl: readUrl(at(identite, 'urlprofilacheteur')),
    award: nature === 'ATTRIBUTION' || isPresent(d.attribution) ? readAward(d.attribution) : null,
    linkedIdweb:
      readIdwebs(all(g, 'marche', 'annonceanterieur', 'reference', 'idweb').map(text))[0] ?? null,
  };
}

export function normaliseKey(key: string): string {
  return key === '#text' ? key : key.toLowerCase().replace(/[_\-@]/g, '');
}

function normaliseTree(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(normaliseTree);
  if (!isObject(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[normaliseKey(key)] = normaliseTree(value);
  return out;
}

/** Text of a leaf; the retired API put the text of an element with attributes under `value`. */
function text(value: unknown): string | null {
  const v = first(value);
  return jsonText(v) ?? (isObject(v) ? jsonText(v.value) : null);
}

function amountOf(value: unknown): number | null {
  return readNumber(text(value));
}

function readValue(node: unknown): ValueEstimate | null {
  const amountNode = at(node, 'valeurtotale') ?? at(node, 'valeur');
  const min = at(node, 'valeurmin');
  const max = at(node, 'valeurmax');
  return valueEstimate(
    amountOf(amountNode),
    amountOf(min),
    amountOf(max),
    readCurrency(amountNode) ?? readCurrency(min) ?? readCurrency(max),
  );
}

function readDuration(node: unknown) {
  return duration(
    amountOf(at(node, 'dureemois')),
    amountOf(at(node, 'dureejours')),
    readDateTime(at(node, 'datedebut')),
    readDateTime(at(node, 'datefin')),
  );
}

function readLots(objet: unknown): TenderLot[] {
  return all(objet, 'lots', 'lot')
    .filter(isObject)
    .map((lot) => {
      const cpv: string[] = [];
      for (const c of asList(lot.cpv)) {
        pushUnique(cpv, readCpv(text(at(c, 'principal'))));
        for (const extra of all(c, 'supplementaire')) pushUnique(cpv, readCpv(text(extra)));
      }
      return {
        number: text(lot.num),
        title: text(lot.intitule) ?? text(lot.description),
        value: readValue(lot),
        cpv,
        duration: duration(
          amountOf(lot.dureemois),
          amountOf(lot.dureejours),
          readDateTime(lot.datedebut),
          readDateTime(lot.datefin),
        ),
        deadline: null,
      };
    });
}

function readCpvCodes(objet: unknown, lots: readonly TenderLot[]): string[] {
  const codes: string[] = [];
  for (const c of all(objet, 'cpv')) {
    pushUnique(codes, readCpv(text(at(c, 'principal'))));
    for (const extra of all(c, 'supplementaire')) pushUnique(codes, readCpv(text(extra)));
  }
  for (const lot of lots) for (const code of lot.cpv) pushUnique(codes, code);
  return codes;
}

/**
 * v230's criteria blocks: weighted (`CRITERE POIDS="60"`), by priority, quality and cost
 * criteria with a price weight, free text, and two flags that name no criterion but say where
 * they are: in the specifications (`CRITERES_CCTP`) or price alone (`CRITERES_PRIX`, empty).
 * The notice-level block wins; without it, the lots' blocks are merged.
 */
function readCriteria(procedure: unknown, objet: unknown): AwardCriterion[] {
  const own = criteriaOf(at(procedure, 'criteresattribution'));
  if (own.length > 0) return own;
  const fromLots = all(objet, 'lots', 'lot', 'criteresattribution').flatMap(criteriaOf);
  return uniqueCriteria(fromLots);
}

function criteriaOf(block: unknown): AwardCriterion[] {
  const b = first(block);
  if (!isObject(b)) return [];
  const found: AwardCriterion[] = [];
  const listed = (node: unknown) => {
    for (const c of all(node, 'critere')) {
      const label = text(c);
      if (label !== null) found.push({ label, weight: isObject(c) ? amountOf(c.poids) : null });
    }
  };
  listed(b.criteresponderes);
  listed(b.criterespriorites);
  listed(b.criteresqualite);
  listed(b.criterescout);
  const libre = text(b.critereslibre);
  if (libre !== null) found.push({ label: libre, weight: null });
  if (isPresent(b.criteresprix)) {
    found.push({ label: 'Prix', weight: amountOf(at(b.criteresprix, 'poids')) });
  }
  if (isPresent(b.criterescctp))
    found.push({ label: 'Critères énoncés dans le cahier des charges', weight: null });
  return uniqueCriteria(found);
}

/**
 * `ATTRIBUTION`: a total (`VALEUR_TOTALE`), a decision date, and per lot a `DECISION` whose
 * winners (`TITULAIRE`, co-contractors included) and `RENSEIGNEMENT`s (amount, award date)
 * are siblings. A decision without winner (`INFRUCTUEUX`, `SANS_SUITE`) adds no amount.
 */
function readAward(attribution: unknown): AwardDetails | null {
  const a = first(attribution);
  if (!isObject(a)) return null;
  const winners: Winner[] = [];
  const amounts: Array<Money | null> = [];
  let awardDate = readDateTime(a.datedecision);
  for (const decision of asList(a.decision).filter(isObject)) {
    const lot = text(decision.numlot);
    const holders = asList(decision.titulaire).filter(isObject);
    for (const holder of holders) {
      const w = winner(
        text(holder.denomination),
        readCompanyIds(text(holder.codeidentnational)),
        text(holder.ville),
        lot,
      );
      if (w) winners.push(w);
    }
    const infos = asList(decision.renseignement).filter(isObject);
    awardDate ??= readDateTime(infos[0]?.dateattribution);
    if (holders.length > 0) {
      const montants = infos.map((i) => i.montant).filter(isPresent);
      const amount = montants.length === 1 ? amountOf(montants[0]) : null;
      amounts.push(amount === null ? null : { amount, currency: readCurrency(montants[0]) });
    }
  }
  const total = amountOf(a.valeurtotale);
  const amount: Money | null =
    total !== null ? { amount: total, currency: readCurrency(a.valeurtotale) } : sumOf(amounts);
  if (winners.length === 0 && amount === null && awardDate === null) return null;
  return { winners, amount, date: awardDate };
}
