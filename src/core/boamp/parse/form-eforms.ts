/**
 * `donnees.EFORMS.<NoticeType>`: the eForms UBL XML as JSON, prefixes kept (`cbc:`, `cac:`,
 * `efac:`…), attributes as `@name`, text beside them as `#text`, single-or-list (boamp.md §1.5).
 * No real BOAMP eForms record was available; paths follow the eForms SDK's business terms
 * (BT-xx in the comments). Organisations are referenced by id (`ORG-0001`) and resolved in
 * `efac:Organizations`; winners go result → tender → tendering party → organisation.
 */
import type {
  AwardCriterion,
  AwardDetails,
  Duration,
  Money,
  NoticeForm,
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
} from './form-builders';
import type { FormReading } from './form-reading';
import { all, asList, at, attribute, first, isObject, text, type JsonObject } from './json-tree';
import {
  readCompanyIds,
  readCpv,
  readCurrency,
  readDateTime,
  readDayAndTime,
  readNumber,
  readUrl,
} from './values';

const EXTENSION = [
  'ext:UBLExtensions',
  'ext:UBLExtension',
  'ext:ExtensionContent',
  'efext:EformsExtension',
] as const;

interface Organisation {
  readonly name: string | null;
  readonly ids: { siret: string | null; siren: string | null };
  readonly town: string | null;
  readonly contactName: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly website: string | null;
}

export function readEforms(eforms: unknown): FormReading {
  const container = isObject(eforms) ? eforms : {};
  const noticeType = Object.keys(container).find((k) => isObject(first(container[k]))) ?? null;
  const notice = noticeType === null ? {} : (first(container[noticeType]) as JsonObject);
  const organisations = readOrganisations(notice);
  const buyerId = text(
    at(notice, 'cac:ContractingParty', 'cac:Party', 'cac:PartyIdentification', 'cbc:ID'),
  );
  const buyer = buyerId === null ? undefined : organisations.get(buyerId);
  const lots = asList(notice['cac:ProcurementProjectLot'])
    .filter(isObject)
    .filter((lot) => (attribute(lot['cbc:ID'], 'schemeName') ?? 'Lot').toLowerCase() === 'lot');
  const tenderLots = lots.map(readLot);
  const deadlines = tenderLots.map((l) => l.deadline).filter((d): d is string => d !== null);
  const project = notice['cac:ProcurementProject'];
  const form: NoticeForm = 'EFORMS';

  return {
    form,
    nature:
      noticeType === 'ContractAwardNotice'
        ? 'ATTRIBUTION'
        : noticeType === 'ContractNotice'
          ? 'APPEL_OFFRE'
          : null,
    // BT-758: a change notice names the notice it changes.
    status: at(notice, ...EXTENSION, 'efac:Changes') !== undefined ? 'rectificatif' : null,
    buyer: {
      name: buyer?.name ?? null,
      ...(buyer?.ids ?? { siret: null, siren: null }),
    },
    contact: {
      name: buyer?.contactName ?? null,
      role: null,
      email: buyer?.email ?? null,
      phone: buyer?.phone ?? null,
    },
    // The first lot deadline to pass is the one that matters for the team.
    submissionDeadline: earliest(deadlines),
    questionsDeadline: earliest(
      lots
        .map((lot) =>
          period(at(lot, 'cac:TenderingProcess', 'cac:AdditionalInformationRequestPeriod')),
        )
        .filter((d): d is string => d !== null),
    ),
    estimatedValue:
      readEstimate(at(project, 'cac:RequestedTenderTotal')) ?? valueFromLots(tenderLots),
    cpv: readCpvCodes(project, tenderLots),
    lots: tenderLots,
    duration:
      readDuration(at(project, 'cac:PlannedPeriod')) ??
      (tenderLots.length === 1 ? (tenderLots[0]?.duration ?? null) : null),
    criteria: uniqueCriteria(lots.flatMap(readCriteria)),
    documentsUrl:
      lots
        .map((lot) =>
          readUrl(
            at(
              lot,
              'cac:TenderingTerms',
              'cac:CallForTendersDocumentReference',
              'cac:Attachment',
              'cac:ExternalReference',
              'cbc:URI',
            ),
          ),
        )
        .find((u) => u !== null) ?? null,
    buyerProfileUrl:
      readUrl(at(notice, 'cac:ContractingParty', 'cbc:BuyerProfileURI')) ?? buyer?.website ?? null,
    award: noticeType === 'ContractAwardNotice' ? readAward(notice, organisations) : null,
    linkedIdweb: null,
  };
}

function readOrganisations(notice: unknown): Map<string, Organisation> {
  const byId = new Map<string, Organisation>();
  for (const org of all(notice, ...EXTENSION, 'efac:Organizations', 'efac:Organization')) {
    const company = at(org, 'efac:Company');
    const id = text(at(company, 'cac:PartyIdentification', 'cbc:ID'));
    if (id === null) continue;
    byId.set(id, {
      name: localised(at(company, 'cac:PartyName', 'cbc:Name')),
      ids: readCompanyIds(at(company, 'cac:PartyLegalEntity', 'cbc:CompanyID')),
      town: text(at(company, 'cac:PostalAddress', 'cbc:CityName')),
      contactName: text(at(company, 'cac:Contact', 'cbc:Name')),
      email: text(at(company, 'cac:Contact', 'cbc:ElectronicMail')),
      phone: text(at(company, 'cac:Contact', 'cbc:Telephone')),
      website: readUrl(at(company, 'cbc:WebsiteURI')),
    });
  }
  return byId;
}

/** A multilingual text: the French one when several languages are given. */
function localised(value: unknown): string | null {
  const items = asList(value);
  const french = items.find((i) => (attribute(i, 'languageID') ?? '').toUpperCase() === 'FRA');
  return text(french ?? items[0]);
}

function readLot(lot: JsonObject): TenderLot {
  const project = lot['cac:ProcurementProject'];
  const process = lot['cac:TenderingProcess'];
  const cpv: string[] = [];
  addCpv(project, cpv);
  return {
    number: text(lot['cbc:ID']),
    title: localised(at(project, 'cbc:Name')),
    value: readEstimate(at(project, 'cac:RequestedTenderTotal')),
    cpv,
    duration: readDuration(at(project, 'cac:PlannedPeriod')),
    // BT-131 submission deadline; BT-1311 for requests to participate (restricted procedures).
    deadline:
      period(at(process, 'cac:TenderSubmissionDeadlinePeriod')) ??
      period(at(process, 'cac:ParticipationRequestReceptionPeriod')),
  };
}

function period(node: unknown): string | null {
  return readDayAndTime(at(node, 'cbc:EndDate'), at(node, 'cbc:EndTime'));
}

/** BT-27 estimated value; BT-271 framework maximum as the upper bound. */
function readEstimate(total: unknown): ValueEstimate | null {
  const estimated = at(total, 'cbc:EstimatedOverallContractAmount');
  const maximum = at(total, 'cbc:MaximumAmount');
  return valueEstimate(
    readNumber(estimated),
    null,
    readNumber(maximum),
    readCurrency(estimated) ?? readCurrency(maximum),
  );
}

/** BT-36: a number with a unit (`MONTH`, `DAY`, `YEAR`, `WEEK`), or start and end dates. */
function readDuration(planned: unknown): Duration | null {
  const measure = at(planned, 'cbc:DurationMeasure');
  const n = readNumber(measure);
  const unit = (attribute(measure, 'unitCode') ?? '').toUpperCase();
  const months = n === null ? null : unit === 'MONTH' ? n : unit === 'YEAR' ? n * 12 : null;
  const days = n === null ? null : unit === 'DAY' ? n : unit === 'WEEK' ? n * 7 : null;
  return duration(
    months,
    days,
    readDateTime(at(planned, 'cbc:StartDate')),
    readDateTime(at(planned, 'cbc:EndDate')),
  );
}

function addCpv(project: unknown, into: string[]): void {
  pushUnique(
    into,
    readCpv(at(project, 'cac:MainCommodityClassification', 'cbc:ItemClassificationCode')),
  );
  for (const c of all(
    project,
    'cac:AdditionalCommodityClassification',
    'cbc:ItemClassificationCode',
  ))
    pushUnique(into, readCpv(c));
}

function readCpvCodes(project: unknown, lots: readonly TenderLot[]): string[] {
  const codes: string[] = [];
  addCpv(project, codes);
  for (const lot of lots) for (const code of lot.cpv) pushUnique(codes, code);
  return codes;
}

/** BT-539/540/541/734: each criterion's name or description and its weight, when weighted. */
function readCriteria(lot: JsonObject): AwardCriterion[] {
  const criteria: AwardCriterion[] = [];
  for (const c of all(
    lot,
    'cac:TenderingTerms',
    'cac:AwardingTerms',
    'cac:AwardingCriterion',
    'cac:SubordinateAwardingCriterion',
  )) {
    const label =
      localised(at(c, 'cbc:Name')) ??
      localised(at(c, 'cbc:Description')) ??
      text(at(c, 'cbc:AwardingCriterionTypeCode'));
    if (label === null) continue;
    let weight: number | null = null;
    for (const p of all(c, ...EXTENSION, 'efac:AwardCriterionParameter')) {
      if ((attribute(at(p, 'efbc:ParameterCode'), 'listName') ?? '') === 'number-weight')
        weight = readNumber(at(p, 'efbc:ParameterNumeric'));
    }
    criteria.push({ label, weight });
  }
  return criteria;
}

/**
 * BT-161 total, BT-720 tender values, BT-145 contract date; winners through BT-3202 (result →
 * tender), BT-3201 (tender → tendering party) and OPT-300 (party → organisation).
 */
function readAward(
  notice: JsonObject,
  organisations: Map<string, Organisation>,
): AwardDetails | null {
  const result = at(notice, ...EXTENSION, 'efac:NoticeResult');
  if (!isObject(first(result))) return null;
  const tenders = new Map<string, JsonObject>();
  for (const t of all(result, 'efac:LotTender').filter(isObject)) {
    const id = text(t['cbc:ID']);
    if (id !== null) tenders.set(id, t);
  }
  const parties = new Map<string, string[]>();
  for (const p of all(result, 'efac:TenderingParty').filter(isObject)) {
    const id = text(p['cbc:ID']);
    if (id !== null)
      parties.set(
        id,
        all(p, 'efac:Tenderer', 'cbc:ID')
          .map(text)
          .filter((x): x is string => x !== null),
      );
  }
  const winners: Winner[] = [];
  const amounts: Array<Money | null> = [];
  for (const lotResult of all(result, 'efac:LotResult')) {
    const lot = text(at(lotResult, 'efac:TenderLot', 'cbc:ID'));
    for (const tenderRef of all(lotResult, 'efac:LotTender', 'cbc:ID')) {
      const tender = tenders.get(text(tenderRef) ?? '');
      if (tender === undefined) continue;
      const payable = at(tender, 'cac:LegalMonetaryTotal', 'cbc:PayableAmount');
      const amount = readNumber(payable);
      amounts.push(amount === null ? null : { amount, currency: readCurrency(payable) });
      const partyId = text(at(tender, 'efac:TenderingParty', 'cbc:ID')) ?? '';
      for (const orgId of parties.get(partyId) ?? []) {
        const org = organisations.get(orgId);
        if (org?.name) winners.push({ name: org.name, ...org.ids, town: org.town, lot });
      }
    }
  }
  const totalNode = at(result, 'cbc:TotalAmount');
  const total = readNumber(totalNode);
  const amount: Money | null =
    total !== null ? { amount: total, currency: readCurrency(totalNode) } : sumOf(amounts);
  const date = readDateTime(at(result, 'efac:SettledContract', 'cbc:IssueDate'));
  if (winners.length === 0 && amount === null && date === null) return null;
  return { winners, amount, date };
}

function earliest(values: readonly string[]): string | null {
  let best: string | null = null;
  let bestMs = Infinity;
  for (const v of values) {
    const ms = Date.parse(v.length === 10 ? `${v}T23:59:59+01:00` : v);
    if (!Number.isNaN(ms) && ms < bestMs) {
      best = v;
      bestMs = ms;
    }
  }
  return best;
}
