/**
 * The BOAMP parsers (src/core/boamp/parse) on the real records of ../shared/data/boamp, used as
 * they are: the two MAPA 3.2.5 records of July 2024 (Explore API v2.1), the v230 notice of the
 * retired DILA API (lowercase JSON, epoch dates), and the 19 v230 XML notices, which have the
 * same element tree as the upper-case `donnees` of pre-3.x records and are read through the same
 * parser after an XML → JSON conversion of the API's kind (tests/core/boamp-xml.ts).
 *
 * No eForms or FNSimple record exists offline: those examples are HAND-MADE from
 * shared/apis/boamp.md §1.5 (and, for eForms, the eForms SDK's element names) and marked so.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  detectForm,
  parseBoampDeadline,
  parseTenderDetails,
  parisOffsetMinutes,
  readDateTime,
  readNoticePage,
  type TenderDetails,
} from '../../src/core/boamp/parse';
import { readNumber } from '../../src/core/boamp/parse/values';
import { xmlToJson } from './boamp-xml';

const DATA = path.resolve(__dirname, '../../../shared/data/boamp');
const read = (file: string) => fs.readFileSync(path.join(DATA, file), 'utf8');

const fullResponse = read('notices-full-mapa-2024.json');
const full = JSON.parse(fullResponse) as { results: Array<Record<string, unknown>> };
const legacy = JSON.parse(read('notice-legacy-v230-2020.json')) as {
  full_record_20_152081: { gestion: unknown; donnees: unknown };
};

function xmlNotice(file: string): TenderDetails {
  const annonce = (xmlToJson(read(`xml-v230/${file}`)) as { ANNONCE: Record<string, unknown> })
    .ANNONCE;
  return parseTenderDetails({ gestion: annonce.GESTION, donnees: annonce.DONNEES });
}

describe('MAPA 3.x (real records, July 2024)', () => {
  const [orange, lorraine] = full.results.map((r) => parseTenderDetails(r)) as [
    TenderDetails,
    TenderDetails,
  ];

  it('reads buyer, contact, deadline in Paris time, duration and weighted criteria', () => {
    expect(orange).toEqual({
      idweb: '24-76932',
      form: 'MAPA',
      nature: 'APPEL_OFFRE',
      status: 'initial',
      buyer: {
        name: "Communauté de Communes Pays d'Orange en Provence (84)",
        siret: null,
        siren: null,
      },
      contact: {
        name: 'JUSTINE FABRE',
        role: null,
        email: 'marchespublics@ccpro.fr',
        phone: '+33 049030177',
      },
      // donnees says 12:00 without an offset; in July Paris is UTC+2.
      submissionDeadline: '2024-07-25T12:00:00+02:00',
      questionsDeadline: null,
      estimatedValue: null,
      cpv: [],
      lots: [],
      duration: { months: 24, days: null, start: null, end: null },
      criteria: [
        { label: 'PRIX DES PRESTATIONS', weight: 70 },
        { label: 'VALEUR TECHNIQUE', weight: 30 },
      ],
      documentsUrl: null,
      buyerProfileUrl: 'https://www.marches-securises.fr',
      award: null,
      linkedIdweb: null,
      issues: [],
    });
  });

  it('reads a named contact with its function and the documents’ address', () => {
    expect(lorraine).toMatchObject({
      idweb: '24-76638',
      buyer: { name: 'UNIVERSITE DE LORRAINE' },
      contact: {
        name: 'Olivier COUPOIS',
        role: 'UNIVERSITE DE LORRAINE',
        email: null,
        phone: '0372740681',
      },
      submissionDeadline: '2024-09-02T12:00:00+02:00',
      duration: null,
      criteria: [],
      documentsUrl:
        'https://www.marches-publics.gouv.fr/?page=Entreprise.EntrepriseAdvancedSearch&AllCons&id=2572461&orgAcronyme=f2h',
      buyerProfileUrl: null,
    });
  });

  it('agrees with the record’s own deadline once its false +00:00 is dropped', () => {
    for (const [record, details] of [
      [full.results[0], orange],
      [full.results[1], lorraine],
    ] as const) {
      expect(parseBoampDeadline(record?.datelimitereponse as string)).toBe(
        details.submissionDeadline,
      );
    }
  });
});

describe('v230, retired DILA API JSON (real record 20-152081)', () => {
  const details = parseTenderDetails({ idweb: '20-152081', ...legacy.full_record_20_152081 });

  it('reads the lowercase tree, epoch dates and criteria by priority', () => {
    expect(details).toEqual({
      idweb: '20-152081',
      form: 'LEGACY',
      nature: 'APPEL_OFFRE',
      status: 'initial',
      buyer: { name: "Commune de Berre l'Etang", siret: null, siren: null },
      contact: {
        name: 'Monsieur le Maire',
        role: null,
        email: 'commandepublique@berre-l-etang.fr',
        phone: '04-42-74-94-95',
      },
      // 1614596400000 ms is 2021-03-01 11:00 UTC: noon in Paris, in winter.
      submissionDeadline: '2021-03-01T12:00:00+01:00',
      questionsDeadline: null,
      estimatedValue: null,
      cpv: [],
      lots: [],
      // An execution date is not a duration: left out.
      duration: null,
      criteria: [
        { label: "caractères artistiques, esthétiques et d'originalité", weight: null },
        { label: 'valeur technique de la prestation', weight: null },
        { label: 'coût global de la prestation pour la mairie', weight: null },
      ],
      documentsUrl: null,
      buyerProfileUrl: 'http://laprovencemarchespublics.com',
      award: null,
      linkedIdweb: null,
      issues: [],
    });
  });
});

describe('v230 XML notices (real, 2017)', () => {
  const files = fs.readdirSync(path.join(DATA, 'xml-v230')).filter((f) => f.endsWith('.xml'));

  it('reads all 19 with their idweb, buyer, nature and no issue', () => {
    expect(files).toHaveLength(19);
    for (const file of files) {
      const d = xmlNotice(file);
      expect(d.form).toBe('LEGACY');
      expect(d.idweb).toMatch(/^\d{2}-\d+$/);
      expect(d.buyer.name).not.toBeNull();
      expect(d.nature).toBe(file.startsWith('test-attribution') ? 'ATTRIBUTION' : 'APPEL_OFFRE');
      expect(d.issues).toEqual([]);
      // Competition notices give a deadline, award notices an award.
      if (d.nature === 'APPEL_OFFRE') expect(d.submissionDeadline).not.toBeNull();
      else expect(d.award).not.toBeNull();
    }
  });

  it('reads lots with their CPV and duration, and the documents’ address (Ville de Paris)', () => {
    const d = xmlNotice('test-pub.xml');
    expect(d).toMatchObject({
      idweb: '16-186394',
      buyer: { name: 'Ville de Paris' },
      contact: { name: null, email: 'dfa-bm3@paris.fr' },
      submissionDeadline: '2017-02-07T12:00:00+01:00',
      cpv: ['50118110'],
      documentsUrl: 'https://marches.maximilien.fr',
      buyerProfileUrl: 'https://marches.maximilien.fr',
      // Notice level: price alone; the lots' own blocks are not merged over it.
      criteria: [{ label: 'Prix', weight: null }],
      estimatedValue: null,
    });
    expect(d.lots.map((l) => [l.number, l.cpv, l.duration?.months])).toEqual([
      ['1', ['50118110'], 12],
      ['2', ['50118110'], 12],
    ]);
    expect(d.lots[1]?.title).toBe(
      'Prestations de remorquage pour les poids lourds de la ville de Paris',
    );
  });

  it('sums the lots’ values when the notice gives no total (MTSFP)', () => {
    const d = xmlNotice('test-pub-5.xml');
    expect(d.lots.map((l) => l.value?.amount)).toEqual([1_083_333, 6_333_333]);
    expect(d.estimatedValue).toEqual({ amount: 7_416_666, min: null, max: null, currency: 'EUR' });
  });

  it('reads a total value and start and end dates (concession, Carcans)', () => {
    const d = xmlNotice('test-pub-8.xml');
    expect(d.estimatedValue).toEqual({ amount: 3_200_000, min: null, max: null, currency: 'EUR' });
    expect(d.submissionDeadline).toBe('2017-04-26T13:00:00+02:00');
    expect(d.lots[0]?.duration).toEqual({
      months: null,
      days: null,
      start: '2018-01-01',
      end: '2028-12-31',
    });
  });

  it('reads an award: winner, amount, decision date, weights and the original notice', () => {
    expect(xmlNotice('test-attribution-2.xml')).toMatchObject({
      idweb: '16-138580',
      nature: 'ATTRIBUTION',
      buyer: { name: "Communauté d'Agglomération de Saintes" },
      criteria: [
        { label: "valeur technique et qualitative de l'étude", weight: 60 },
        { label: 'prix', weight: 30 },
        { label: "Expérience et références de l'équipe dédiée", weight: 10 },
      ],
      award: {
        winners: [
          {
            name: 'SARL ENVIRONNEMENT & SOLUTIONS',
            siret: null,
            siren: null,
            town: null,
            lot: null,
          },
        ],
        amount: { amount: 38_820, currency: 'EUR' },
        date: '2017-02-06',
      },
      linkedIdweb: '16-119846',
    });
  });

  it('reads a group of winners and the amount beside them (Fécamp)', () => {
    const d = xmlNotice('test-attribution-10.xml');
    expect(d.award?.winners.map((w) => [w.name, w.town])).toEqual([
      ['CONCRETE WAVES SKATE PARKS(Mandataire)', 'TARNOS'],
      ['SPORT DES VILLES(co-traitant)', 'CAEN'],
      ['LAURENCE CREMEL PAYSAGISTE(Co-traitant)', 'PARIS'],
    ]);
    expect(d.award?.amount).toEqual({ amount: 348_852, currency: 'EUR' });
    expect(d.award?.date).toBe('2016-12-26');
    expect(d.linkedIdweb).toBe('15-14160');
  });

  it('reads the buyer’s SIRET, a value range and one winner per lot (CCAS de Toulon)', () => {
    const d = xmlNotice('test-attribution-12.xml');
    expect(d.buyer).toEqual({
      name: 'C.C.A.S. de Toulon',
      siret: '26830066200015',
      siren: '268300662',
    });
    expect(d.estimatedValue).toEqual({ amount: null, min: 485_650, max: 855_500, currency: 'EUR' });
    expect(d.lots).toHaveLength(21);
    expect(d.cpv[0]).toBe('15890000');
    expect(d.award?.winners.find((w) => w.lot === '4')?.name).toBe(
      'Société de Distribution Avicole Sda',
    );
    expect(d.award?.amount).toEqual({ amount: 791_500, currency: 'EUR' });
  });

  it('keeps an award without winner (sans suite) with its amount only', () => {
    expect(xmlNotice('test-attribution-4.xml').award).toEqual({
      winners: [],
      amount: { amount: 15_000, currency: 'EUR' },
      date: null,
    });
  });
});

// --- HAND-MADE eForms examples (no real record available; boamp.md §1.5, eForms SDK) --------------

const EXT = (content: unknown) => ({
  'ext:UBLExtensions': {
    'ext:UBLExtension': { 'ext:ExtensionContent': { 'efext:EformsExtension': content } },
  },
});

const ORGANIZATIONS = {
  'efac:Organizations': {
    'efac:Organization': [
      {
        'efac:Company': {
          'cac:PartyIdentification': {
            'cbc:ID': { '@schemeName': 'organization', '#text': 'ORG-0001' },
          },
          'cac:PartyName': { 'cbc:Name': { '@languageID': 'FRA', '#text': 'Commune de Vannes' } },
          'cac:PartyLegalEntity': { 'cbc:CompanyID': '21560260200011' },
          'cac:PostalAddress': { 'cbc:CityName': 'Vannes', 'cbc:PostalZone': '56000' },
          'cac:Contact': {
            'cbc:Name': 'Service de la commande publique',
            'cbc:Telephone': '+33 297015000',
            'cbc:ElectronicMail': 'marches@mairie-vannes.fr',
          },
          'cbc:WebsiteURI': 'https://www.mairie-vannes.fr',
        },
      },
      {
        'efac:Company': {
          'cac:PartyIdentification': { 'cbc:ID': 'ORG-0002' },
          'cac:PartyName': { 'cbc:Name': 'Rucher du Golfe SARL' },
          'cac:PartyLegalEntity': { 'cbc:CompanyID': '123 456 789 00012' },
          'cac:PostalAddress': { 'cbc:CityName': 'Auray' },
        },
      },
    ],
  },
};

const lot = (id: string, name: string, amount: string, months: string, cpv: string) => ({
  'cbc:ID': { '@schemeName': 'Lot', '#text': id },
  'cac:ProcurementProject': {
    'cbc:Name': { '@languageID': 'FRA', '#text': name },
    'cac:MainCommodityClassification': {
      'cbc:ItemClassificationCode': { '@listName': 'cpv', '#text': cpv },
    },
    'cac:RequestedTenderTotal': {
      'cbc:EstimatedOverallContractAmount': { '@currencyID': 'EUR', '#text': amount },
    },
    'cac:PlannedPeriod': { 'cbc:DurationMeasure': { '@unitCode': 'MONTH', '#text': months } },
  },
  'cac:TenderingProcess': {
    'cac:TenderSubmissionDeadlinePeriod': {
      'cbc:EndDate': '2026-03-02+01:00',
      'cbc:EndTime': '12:00:00+01:00',
    },
    'cac:AdditionalInformationRequestPeriod': {
      'cbc:EndDate': '2026-02-20+01:00',
      'cbc:EndTime': '17:00:00+01:00',
    },
  },
  'cac:TenderingTerms': {
    'cac:CallForTendersDocumentReference': {
      'cac:Attachment': {
        'cac:ExternalReference': { 'cbc:URI': 'https://marches.vannes.fr/dce/2026-014' },
      },
    },
    'cac:AwardingTerms': {
      'cac:AwardingCriterion': {
        'cac:SubordinateAwardingCriterion': [
          {
            'cbc:AwardingCriterionTypeCode': {
              '@listName': 'award-criterion-type',
              '#text': 'quality',
            },
            'cbc:Name': { '@languageID': 'FRA', '#text': 'Valeur technique' },
            ...EXT({
              'efac:AwardCriterionParameter': {
                'efbc:ParameterCode': { '@listName': 'number-weight', '#text': 'per-exa' },
                'efbc:ParameterNumeric': '60',
              },
            }),
          },
          {
            'cbc:AwardingCriterionTypeCode': {
              '@listName': 'award-criterion-type',
              '#text': 'price',
            },
            'cbc:Name': { '@languageID': 'FRA', '#text': 'Prix' },
            ...EXT({
              'efac:AwardCriterionParameter': {
                'efbc:ParameterCode': { '@listName': 'number-weight', '#text': 'per-exa' },
                'efbc:ParameterNumeric': '40',
              },
            }),
          },
        ],
      },
    },
  },
});

/** HAND-MADE: a contract notice with two lots. */
const EFORMS_CONTRACT_NOTICE = {
  EFORMS: {
    ContractNotice: {
      ...EXT(ORGANIZATIONS),
      'cbc:NoticeTypeCode': { '@listName': 'competition', '#text': 'cn-standard' },
      'cac:ContractingParty': {
        'cbc:BuyerProfileURI': 'https://marches.vannes.fr',
        'cac:Party': { 'cac:PartyIdentification': { 'cbc:ID': 'ORG-0001' } },
      },
      'cac:TenderingProcess': {
        'cbc:ProcedureCode': { '@listName': 'procurement-procedure-type', '#text': 'open' },
      },
      'cac:ProcurementProject': {
        'cbc:Name': { '@languageID': 'FRA', '#text': 'Ruchers pédagogiques et sensibilisation' },
        'cac:MainCommodityClassification': {
          'cbc:ItemClassificationCode': { '@listName': 'cpv', '#text': '77900000' },
        },
        'cac:AdditionalCommodityClassification': [
          { 'cbc:ItemClassificationCode': { '@listName': 'cpv', '#text': '80540000' } },
        ],
      },
      'cac:ProcurementProjectLot': [
        lot('LOT-0001', 'Installation et suivi de ruches', '48000', '36', '77900000'),
        lot('LOT-0002', 'Animations de sensibilisation', '12000.50', '24', '80540000'),
      ],
    },
  },
};

/** HAND-MADE: the award of lot 1 of the notice above. */
const EFORMS_AWARD_NOTICE = {
  EFORMS: {
    ContractAwardNotice: {
      ...EXT({
        ...ORGANIZATIONS,
        'efac:NoticeResult': {
          'efac:LotResult': {
            'cbc:ID': 'RES-0001',
            'efac:LotTender': { 'cbc:ID': 'TEN-0001' },
            'efac:TenderLot': { 'cbc:ID': 'LOT-0001' },
          },
          'efac:LotTender': {
            'cbc:ID': 'TEN-0001',
            'cac:LegalMonetaryTotal': {
              'cbc:PayableAmount': { '@currencyID': 'EUR', '#text': '45600' },
            },
            'efac:TenderingParty': { 'cbc:ID': 'TPA-0001' },
            'efac:TenderLot': { 'cbc:ID': 'LOT-0001' },
          },
          'efac:TenderingParty': {
            'cbc:ID': 'TPA-0001',
            'efac:Tenderer': { 'cbc:ID': 'ORG-0002' },
          },
          'efac:SettledContract': { 'cbc:ID': 'CON-0001', 'cbc:IssueDate': '2026-04-15+02:00' },
        },
      }),
      'cac:ContractingParty': {
        'cac:Party': { 'cac:PartyIdentification': { 'cbc:ID': 'ORG-0001' } },
      },
      'cac:ProcurementProjectLot': [
        lot('LOT-0001', 'Installation et suivi de ruches', '48000', '36', '77900000'),
      ],
    },
  },
};

describe('eForms (HAND-MADE examples)', () => {
  it('reads a contract notice: buyer by reference, lots, earliest deadlines, criteria, documents', () => {
    const d = parseTenderDetails({
      idweb: '26-12345',
      donnees: JSON.stringify(EFORMS_CONTRACT_NOTICE),
    });
    expect(detectForm(EFORMS_CONTRACT_NOTICE)).toBe('EFORMS');
    expect(d).toEqual({
      idweb: '26-12345',
      form: 'EFORMS',
      nature: 'APPEL_OFFRE',
      status: null,
      buyer: { name: 'Commune de Vannes', siret: '21560260200011', siren: '215602602' },
      contact: {
        name: 'Service de la commande publique',
        role: null,
        email: 'marches@mairie-vannes.fr',
        phone: '+33 297015000',
      },
      submissionDeadline: '2026-03-02T12:00:00+01:00',
      questionsDeadline: '2026-02-20T17:00:00+01:00',
      // No notice-level estimate: the sum of the lots'.
      estimatedValue: { amount: 60_000.5, min: null, max: null, currency: 'EUR' },
      cpv: ['77900000', '80540000'],
      lots: [
        {
          number: 'LOT-0001',
          title: 'Installation et suivi de ruches',
          value: { amount: 48_000, min: null, max: null, currency: 'EUR' },
          cpv: ['77900000'],
          duration: { months: 36, days: null, start: null, end: null },
          deadline: '2026-03-02T12:00:00+01:00',
        },
        {
          number: 'LOT-0002',
          title: 'Animations de sensibilisation',
          value: { amount: 12_000.5, min: null, max: null, currency: 'EUR' },
          cpv: ['80540000'],
          duration: { months: 24, days: null, start: null, end: null },
          deadline: '2026-03-02T12:00:00+01:00',
        },
      ],
      duration: null,
      criteria: [
        { label: 'Valeur technique', weight: 60 },
        { label: 'Prix', weight: 40 },
      ],
      documentsUrl: 'https://marches.vannes.fr/dce/2026-014',
      buyerProfileUrl: 'https://marches.vannes.fr',
      award: null,
      linkedIdweb: null,
      issues: [],
    });
  });

  it('reads an award: winner through tender and party, SIRET, amount, date; links the notice', () => {
    const d = parseTenderDetails({
      idweb: '26-23456',
      donnees: JSON.stringify(EFORMS_AWARD_NOTICE),
      nature: 'ATTRIBUTION',
      annonce_lie: '26-12345',
    });
    expect(d.award).toEqual({
      winners: [
        {
          name: 'Rucher du Golfe SARL',
          siret: '12345678900012',
          siren: '123456789',
          town: 'Auray',
          lot: 'LOT-0001',
        },
      ],
      amount: { amount: 45_600, currency: 'EUR' },
      date: '2026-04-15',
    });
    expect(d.linkedIdweb).toBe('26-12345');
    expect(d.nature).toBe('ATTRIBUTION');
  });
});

// --- HAND-MADE FNSimple examples (boamp.md §1.5: initial / rectificatif / attribution, lots,
// CPV under codeCPV; the rest in the MAPA 3.x vocabulary of the real records) ---------------------

const FNSIMPLE_INITIAL = {
  FNSimple: {
    organisme: {
      acheteurPublic: 'Département du Gers',
      codeIdentificationNational: '22320001000014',
      correspondantPRM: {
        civilite: 'Mme',
        pren: 'Claire',
        nom: 'MARTIN',
        fonc: 'Chargée des marchés',
      },
      coord: { tel: '05 62 67 40 40', mel: 'marches@gers.fr' },
      urlProfilAcheteur: 'https://marchespublics.gers.fr',
    },
    initial: {
      description: {
        objet: 'Plan de gestion différenciée des espaces naturels sensibles',
        codeCPV: { objetPrincipal: { classPrincipale: '90712000' } },
      },
      caracteristiques: { valeurTotale: { '@DEVISE': 'EUR', '#text': '85000' } },
      duree: { nbMois: '18' },
      criteres: {
        criterePondere: [
          { critere: 'Valeur technique', criterePCT: '60' },
          { critere: 'Prix', criterePCT: '40' },
        ],
      },
      lots: {
        lot: [
          {
            numLot: '1',
            intitule: 'Diagnostic écologique',
            codeCPV: { objetPrincipal: { classPrincipale: '90711000-4' } },
          },
          {
            numLot: '2',
            intitule: 'Plan de gestion',
            codeCPV: { objetPrincipal: { classPrincipale: '90712000' } },
          },
        ],
      },
      delais: {
        receptionOffres: '2025-11-14T12:00:00',
        dateLimiteQuestions: '2025-11-07T12:00:00',
      },
      adressesComplt: {
        document: { coord: { url: 'https://marchespublics.gers.fr/dce/ENS-2025' } },
      },
    },
  },
};

const FNSIMPLE_ATTRIBUTION = {
  FNSimple: {
    organisme: { acheteurPublic: 'Département du Gers' },
    attribution: {
      dateDecision: '2026-01-12',
      decision: [
        {
          numLot: '1',
          titulaire: { denomination: 'Bureau Faune Flore 32', ville: 'Auch' },
          montant: '31200',
        },
        { numLot: '2', titulaire: [{ denomination: 'Écologie Conseil' }], montant: '45800' },
      ],
    },
  },
};

describe('FNSimple (HAND-MADE examples)', () => {
  it('reads an initial notice in the 3.x vocabulary', () => {
    const d = parseTenderDetails({ idweb: '25-99001', donnees: JSON.stringify(FNSIMPLE_INITIAL) });
    expect(d).toMatchObject({
      form: 'FNSimple',
      status: 'initial',
      buyer: { name: 'Département du Gers', siret: '22320001000014', siren: '223200010' },
      contact: {
        name: 'Claire MARTIN',
        role: 'Chargée des marchés',
        email: 'marches@gers.fr',
        phone: '05 62 67 40 40',
      },
      // November: winter time.
      submissionDeadline: '2025-11-14T12:00:00+01:00',
      questionsDeadline: '2025-11-07T12:00:00+01:00',
      estimatedValue: { amount: 85_000, min: null, max: null, currency: 'EUR' },
      cpv: ['90712000', '90711000'],
      duration: { months: 18, days: null, start: null, end: null },
      criteria: [
        { label: 'Valeur technique', weight: 60 },
        { label: 'Prix', weight: 40 },
      ],
      documentsUrl: 'https://marchespublics.gers.fr/dce/ENS-2025',
      buyerProfileUrl: 'https://marchespublics.gers.fr',
      award: null,
    });
    expect(d.lots.map((l) => [l.number, l.title, l.cpv])).toEqual([
      ['1', 'Diagnostic écologique', ['90711000']],
      ['2', 'Plan de gestion', ['90712000']],
    ]);
  });

  it('reads an award: winners per lot and the sum of their amounts', () => {
    const d = parseTenderDetails({
      idweb: '26-00420',
      donnees: JSON.stringify(FNSIMPLE_ATTRIBUTION),
      annonce_lie: 'Avis initial n° 25-99001',
    });
    expect(d.nature).toBe('ATTRIBUTION');
    expect(d.award).toEqual({
      winners: [
        { name: 'Bureau Faune Flore 32', siret: null, siren: null, town: 'Auch', lot: '1' },
        { name: 'Écologie Conseil', siret: null, siren: null, town: null, lot: '2' },
      ],
      amount: { amount: 77_000, currency: null },
      date: '2026-01-12',
    });
    expect(d.linkedIdweb).toBe('25-99001');
  });
});

describe('what the record itself says', () => {
  it('falls back on the indexed fields when donnees is absent, and never invents the rest', () => {
    const d = parseTenderDetails({
      idweb: '24-75755',
      nomacheteur: "Com d'Agglomération du Val de FENSCH",
      datelimitereponse: '2024-07-30T16:00:00+00:00',
      etat: 'AVIS_ANNULE',
      titulaire: ['ÉCO-STRATÉGIE'],
      annonce_lie: '24-70001',
    });
    expect(d).toMatchObject({
      form: null,
      status: 'annulation',
      buyer: { name: "Com d'Agglomération du Val de FENSCH", siret: null },
      submissionDeadline: '2024-07-30T16:00:00+02:00',
      contact: { name: null, email: null, phone: null },
      estimatedValue: null,
      award: { winners: [{ name: 'ÉCO-STRATÉGIE', siret: null }], amount: null },
      linkedIdweb: '24-70001',
      issues: [],
    });
  });

  it('says when donnees cannot be read or is of a family it does not know', () => {
    expect(parseTenderDetails({ idweb: '24-1', donnees: '{"MAPA": {' }).issues).toEqual([
      'Contenu détaillé de l’avis (donnees) illisible : JSON invalide.',
    ]);
    const dsp = parseTenderDetails({ idweb: '24-2', donnees: '{"DSP": {"x": 1}}' });
    expect(dsp.form).toBeNull();
    expect(dsp.issues).toEqual([
      'Forme d’avis non lue (DSP) : seuls les champs indexés sont repris.',
    ]);
  });
});

describe('records pages', () => {
  it('reads the real v2.1 response: total_count and typed records', () => {
    const reading = readNoticePage(fullResponse);
    expect(reading.ok).toBe(true);
    if (!reading.ok) return;
    expect(reading.page.totalCount).toBe(14_615);
    expect(reading.skipped).toBe(0);
    const [first] = reading.page.records;
    expect(first).toMatchObject({
      idweb: '24-76932',
      nomacheteur: "Communauté de Communes Pays d'Orange en Provence (84)",
      code_departement: ['84'],
      descripteur_code: ['118'],
      type_marche: ['SERVICES'],
      titulaire: [],
      annonce_lie: null,
    });
    expect(JSON.parse(first?.donnees ?? '{}')).toHaveProperty('MAPA');
  });

  it('makes every multi-valued field an array, and counts results without idweb', () => {
    const reading = readNoticePage(
      JSON.stringify({
        total_count: 3,
        results: [
          {
            idweb: '24-1',
            code_departement: '["54","57"]',
            descripteur_code: '118',
            titulaire: 'X',
          },
          { objet: 'sans idweb' },
          { idweb: '24-2', code_departement: null, descripteur_code: [116, '118'] },
        ],
      }),
    );
    expect(reading).toMatchObject({
      ok: true,
      skipped: 1,
      page: {
        totalCount: 3,
        records: [
          {
            idweb: '24-1',
            code_departement: ['54', '57'],
            descripteur_code: ['118'],
            titulaire: ['X'],
          },
          { idweb: '24-2', code_departement: [], descripteur_code: ['116', '118'] },
        ],
      },
    });
  });

  it('refuses bodies that are not the documented shape', () => {
    expect(readNoticePage('{"total_count": 3, "resu')).toEqual({
      ok: false,
      problem: 'JSON invalide',
    });
    expect(readNoticePage('{"results": []}')).toEqual({
      ok: false,
      problem: '« total_count » absent ou invalide',
    });
    expect(readNoticePage('{"total_count": 0}')).toEqual({
      ok: false,
      problem: '« results » absent',
    });
    expect(readNoticePage('[]')).toEqual({ ok: false, problem: 'objet JSON attendu' });
  });
});

describe('values', () => {
  it('gives Paris time its summer and winter offsets, switching on the last Sundays', () => {
    expect(parisOffsetMinutes(Date.UTC(2024, 2, 31, 0, 59))).toBe(60);
    expect(parisOffsetMinutes(Date.UTC(2024, 2, 31, 1, 0))).toBe(120);
    expect(parisOffsetMinutes(Date.UTC(2024, 9, 27, 0, 59))).toBe(120);
    expect(parisOffsetMinutes(Date.UTC(2024, 9, 27, 1, 0))).toBe(60);
  });

  it('reads dates and times in every form BOAMP writes them', () => {
    expect(readDateTime('2024-07-25T12:00:00')).toBe('2024-07-25T12:00:00+02:00');
    expect(readDateTime('2017-02-07T12:00:00+01:00')).toBe('2017-02-07T12:00:00+01:00');
    expect(readDateTime('2024-07-25T10:00:00Z')).toBe('2024-07-25T12:00:00+02:00');
    expect(readDateTime(1614596400000)).toBe('2021-03-01T12:00:00+01:00');
    expect(readDateTime('2026-04-15+02:00')).toBe('2026-04-15');
    expect(readDateTime('2024-02-30')).toBeNull();
    expect(readDateTime('demain')).toBeNull();
    expect(parseBoampDeadline('2024-07-25T12:00:00+00:00')).toBe('2024-07-25T12:00:00+02:00');
    expect(parseBoampDeadline(null)).toBeNull();
  });

  it('reads amounts only when the whole text is one number', () => {
    expect(readNumber('38820')).toBe(38_820);
    expect(readNumber('1 234,56')).toBe(1234.56);
    expect(readNumber('1.234.567,5')).toBe(1_234_567.5);
    expect(readNumber('50000.00')).toBe(50_000);
    expect(readNumber('150 000 € HT')).toBeNull();
    expect(readNumber('150 000 €')).toBe(150_000);
    expect(readNumber('entre 10 et 20 k€')).toBeNull();
    expect(readNumber({ '@currencyID': 'EUR', '#text': '12000.50' })).toBe(12_000.5);
  });
});
