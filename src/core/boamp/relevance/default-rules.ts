/**
 * The relevance rules as Parametres rows. They are the defaults the CRM installs; a user edits
 * the text in the sheet, and `relevanceRulesFromSettings` reads it back.
 *
 * Derived from the rubric (shared/data/boamp/RUBRIC.md), not from individual notices:
 * - cœur: UTPLA's own trade. One such word is enough for a Cœur notice.
 * - adjacent: a buyer investing in biodiversity as such. Strong words (a naturalist survey, an
 *   atlas, a taxon) reach the threshold alone; weak ones (inventaire, zone humide, plan de
 *   gestion, sensibilisation) need a second one.
 * - exclus: the kinds of contract the rubric rules out (works, regulatory files, compensation
 *   monitoring, rivers, waste, energy…). Their points are taken off; a phrase that covers a trade
 *   word ("ruche d'entreprises", "incidences Natura 2000") also cancels it, since the longer
 *   phrase wins. Context words of a survey (a ZAE, a PLU, a project) are deliberately absent: the
 *   rubric keeps a naturalist survey adjacent whatever its purpose.
 */

const list = (entries: readonly string[]): string => entries.join(' ; ');

export const CORE_TERMS = list([
  'ruche = 40',
  'rucher = 40',
  'abeille = 40',
  'apicul* = 40',
  'apicole = 40',
  'pollinis* = 40',
  'miel = 40',
  'miellerie = 40',
  'mellifère = 40',
  'essaim = 40',
  'propolis = 40',
  'gelée royale = 40',
  'frelon asiatique = 40',
  'vespa velutina = 40',
  // A hornet nest in a pest-control contract is worth a look, not an alert.
  'frelon = 30',
  // Flowering meadows are the trade when sown for pollinators; alone they are a lead.
  'prairie fleurie = 30',
  'jachère fleurie = 30',
  'semis de prairie fleurie = 40',
]);

export const ADJACENT_TERMS = list([
  'biodiversité = 30',
  'atlas de la biodiversité = 40',
  'atlas de la biodiversité communale = 45',
  'naturaliste = 35',
  'inventaire = 20',
  'inventaire écologique = 40',
  'faune = 35',
  'flore = 35',
  'faune flore = 45',
  'faunistique = 35',
  'floristique = 35',
  'botanique = 25',
  'habitat naturel = 35',
  "habitat d'espèces = 30",
  'cartographie des habitats = 35',
  'espèces protégées = 30',
  'espèce invasive = 30',
  'plante invasive = 30',
  'exotique envahissante = 30',
  'chiroptère = 30',
  'chauve-souris = 30',
  'avifaune = 30',
  'oiseau = 20',
  'ornitho* = 30',
  'amphibien = 30',
  'batracien = 30',
  'reptile = 30',
  'herpéto* = 30',
  'mammifère = 30',
  'insecte = 30',
  'hôtel à insectes = 35',
  'entomo* = 30',
  'odonate = 30',
  'lépidoptère = 30',
  'papillon = 25',
  'orthoptère = 30',
  'coléoptère = 30',
  'arachnide = 30',
  'myriapode = 30',
  'invertébré = 30',
  // Soil fauna, which the rubric names.
  'collembole = 30',
  'chilopode = 30',
  'diplopode = 30',
  'isopode = 30',
  'opilion = 30',
  'vers de terre = 30',
  'lombric* = 30',
  'pédofaune = 30',
  'bryophyte = 30',
  'lichen = 25',
  'orchidée = 25',
  'zone humide = 20',
  'tourbière = 20',
  'espace naturel = 20',
  'espace naturel sensible = 30',
  'réserve naturelle = 25',
  'patrimoine naturel = 25',
  'milieu naturel = 15',
  'aire protégée = 30',
  'natura 2000 = 20',
  'acquisition de connaissances = 15',
  'suivi scientifique = 20',
  'suivi écologique = 30',
  'diagnostic écologique = 30',
  'expertise écologique = 30',
  'étude écologique = 30',
  'écologue = 20',
  'fonctionnalité écologique = 30',
  'réseau écologique = 30',
  'corridor écologique = 30',
  'trame verte = 35',
  'trame bleue = 25',
  'trame verte et bleue = 35',
  'trame noire = 35',
  'pollution lumineuse = 25',
  'services écosystémiques = 20',
  'solutions fondées sur la nature = 30',
  'nature en ville = 30',
  'plan de gestion = 20',
  'notice de gestion = 20',
  'gestion différenciée = 35',
  'gestion écologique = 30',
  'écopâturage = 25',
  'éco-pâturage = 25',
  'fauche tardive = 25',
  'zéro phyto = 30',
  'zéro pesticide = 30',
  'pratiques phytosanitaires = 30',
  'plan de désherbage = 25',
  'sensibilisation = 15',
  "sensibilisation à l'environnement = 30",
  'sensibilisation à la nature = 30',
  "éducation à l'environnement = 30",
  'éducation à la nature = 30',
  'animation nature = 30',
  'sortie nature = 30',
  'découverte de la nature = 30',
  'sciences participatives = 25',
  'interprétation = 15',
  "plan d'interprétation = 25",
  'végétalis* = 30',
  'désimperméabilis* = 25',
  'renaturation = 20',
  'cour oasis = 25',
  'espaces verts = 10',
  'jardin = 10',
]);

export const EXCLUDED_TERMS = list([
  // Phrases that use a trade word for something else.
  "ruche d'entreprises = 40",
  'ruche numérique = 40',
  'ruche associative = 40',
  'ruche des associations = 40',
  'ruche qui dit oui = 40',
  "nid d'abeille = 40",
  'abeille assurances = 40',
  'lune de miel = 40',
  'insectes xylophages = 30',
  "jardin d'enfants = 20",
  // Works and project management.
  'travaux = 30',
  "maîtrise d'œuvre = 30",
  'moe = 30',
  'construction = 15',
  'réhabilitation = 15',
  'rénovation = 15',
  'terrassement = 30',
  'voirie = 30',
  'génie civil = 30',
  'géotechni* = 30',
  // Regulatory files and compensation of projects.
  "étude d'impact = 40",
  'évaluation environnementale = 40',
  'incidences natura 2000 = 40',
  'évaluation des incidences = 30',
  "loi sur l'eau = 30",
  'cas par cas = 30',
  'autorisation environnementale = 30',
  "dossier d'autorisation = 30",
  'dérogation = 30',
  'études réglementaires = 30',
  'compensatoire = 45',
  'compensation = 30',
  // Natura 2000 administrative animation.
  'docob = 25',
  "document d'objectifs = 25",
  'contractualisation = 15',
  'animation du site = 15',
  // Water, rivers and floods. River continuity is mild: its plural also names ecological networks.
  'continuité écologique = 10',
  'hydromorpholog* = 30',
  'hydrolog* = 20',
  'hydrogéolog* = 20',
  'forage = 20',
  'épuration = 30',
  'hydraulique = 10',
  "cours d'eau = 15",
  'assainissement = 30',
  'eau potable = 30',
  'eaux usées = 30',
  'eaux pluviales = 20',
  'piscicole = 25',
  'poisson = 20',
  'sédiment = 20',
  'crue = 25',
  'inondation = 25',
  'gemapi = 25',
  'ppri = 25',
  // Waste, pollution, energy and climate.
  'déchet = 30',
  'pollution = 20',
  'pcaet = 30',
  'plan climat = 30',
  'bilan carbone = 30',
  'gaz à effet de serre = 30',
  'ges = 30',
  'énergie = 20',
  'énergétique = 20',
  'photovoltaïque = 30',
  'éolien = 30',
  'méthanisation = 30',
  'biométhane = 30',
  // Urban planning.
  'sraddet = 30',
  // Pest control: insects as nuisances.
  'nuisible = 30',
  // Tree care and grounds maintenance.
  'élagage = 30',
  'abattage = 30',
  'diagnostic phytosanitaire = 25',
  'tonte = 30',
  'fauchage = 25',
  'débroussaillage = 30',
  'entretien des espaces verts = 25',
  // Tourism and outdoor sports.
  'touristique = 20',
  'tourisme = 20',
  'pleine nature = 25',
  'sports de nature = 25',
  // Supplies and software.
  'fourniture = 20',
  'logiciel = 20',
  'site internet = 20',
]);

export const NAME_CONTEXTS = list([
  'école',
  'maternelle',
  'élémentaire',
  'primaire',
  'groupe scolaire',
  'collège',
  'lycée',
  'crèche',
  'multi-accueil',
  'halte-garderie',
  'centre de loisirs',
  'accueil de loisirs',
  'résidence',
  'ehpad',
  'rue',
  'avenue',
  'boulevard',
  'impasse',
  'allée',
  'chemin',
  'square',
  'quartier',
  'lotissement',
  'zac',
  'salle',
  'gymnase',
  'stade',
  'cité',
  'hameau',
  'lieu-dit',
]);

export const BUYER_TERMS = list([
  'parc naturel régional = 10',
  'parc national = 10',
  "conservatoire d'espaces naturels = 15",
  'conservatoire botanique = 15',
  'conservatoire du littoral = 10',
  'office français de la biodiversité = 15',
  'agence régionale de la biodiversité = 15',
  'réserve naturelle = 10',
  'muséum = 10',
]);

export const CPV_CORE = list([
  '779 services liés à l’apiculture = 40',
  '0314210 miel naturel = 40',
  '1583160 miel = 40',
]);

export const CPV_ADJACENT = list([
  '92534 préservation de la vie sauvage = 20',
  '9253 jardins botaniques, réserves naturelles = 15',
  '90720 protection environnementale = 15',
  '90712 planification environnementale = 10',
  '9071 gestion environnementale = 5',
  '8054 formation environnement = 10',
  '71313 ingénierie de l’environnement = 5',
  '7731 espaces verts = 5',
]);

export const DESCRIPTORS = list([
  '116 Espaces verts = 10',
  '118 Etude = 5',
  '197 Maîtrise d’oeuvre = -20',
  '341 Terrassement = -20',
  '33 Bâtiment = -20',
  '57 Charpente = -20',
  '59 Chauffage = -20',
  '62 Climatisation = -20',
  '47 Câblage = -20',
  '52 Carburant = -20',
  '443 Electricité, gaz = -20',
  '335 Station d’épuration = -20',
  '6 Alimentation en eau potable = -20',
  '162 Informatique (matériel) = -30',
  '163 Informatique (prestations) = -30',
  '171 Site internet = -30',
  '186 Logiciel = -30',
  '453 Informatique (assistance) = -30',
  '454 Informatique (maintenance) = -30',
]);

/** The watch query (query/watch-query.ts) also reads the words and the core CPV from these. */
export const RELEVANCE_KEYS = {
  core: 'boamp.mots_coeur',
  adjacent: 'boamp.mots_adjacents',
  excluded: 'boamp.mots_exclus',
  nameContexts: 'boamp.noms_de_lieux',
  buyers: 'boamp.acheteurs',
  cpvCore: 'boamp.cpv_coeur',
  cpv: 'boamp.cpv',
  descriptors: 'boamp.descripteurs',
  departments: 'boamp.departements',
  coreThreshold: 'boamp.seuil_coeur',
  adjacentThreshold: 'boamp.seuil_adjacent',
} as const;

export const DEFAULT_CORE_THRESHOLD = 40;
export const DEFAULT_ADJACENT_THRESHOLD = 30;

const SYNTAX =
  'Format : « terme = points » séparés par « ; » ; accents, majuscules, pluriels et articles ignorés ; « * » en fin de mot = tout mot qui commence ainsi.';

/** The Parametres rows, in the shape of settings/defaults.ts (which spreads them into SETTINGS). */
export const RELEVANCE_SETTINGS: readonly {
  readonly key: string;
  readonly defaultValue: string;
  readonly description: string;
}[] = [
  {
    key: RELEVANCE_KEYS.core,
    defaultValue: CORE_TERMS,
    description: `Veille BOAMP — mots du cœur de métier (ruches, abeilles, miel…) : un avis dont ces mots atteignent le seuil cœur est « Cœur ». ${SYNTAX}`,
  },
  {
    key: RELEVANCE_KEYS.adjacent,
    defaultValue: ADJACENT_TERMS,
    description: `Veille BOAMP — mots adjacents (biodiversité, inventaires, gestion différenciée…). ${SYNTAX}`,
  },
  {
    key: RELEVANCE_KEYS.excluded,
    defaultValue: EXCLUDED_TERMS,
    description: `Veille BOAMP — mots exclus : leurs points sont retirés, et une expression qui contient un mot recherché l’annule (« ruche d’entreprises »). Ils ne font jamais perdre le niveau Cœur. ${SYNTAX}`,
  },
  {
    key: RELEVANCE_KEYS.nameContexts,
    defaultValue: NAME_CONTEXTS,
    description:
      'Veille BOAMP — lieux et établissements dont le nom peut reprendre un mot recherché : « crèche Les Abeilles », « rue du Rucher » ne comptent pas. Séparés par « ; ».',
  },
  {
    key: RELEVANCE_KEYS.buyers,
    defaultValue: BUYER_TERMS,
    description: `Veille BOAMP — types d’acheteurs (lus dans le nom de l’acheteur) qui ajoutent des points à un avis déjà pertinent. ${SYNTAX}`,
  },
  {
    key: RELEVANCE_KEYS.cpvCore,
    defaultValue: CPV_CORE,
    description:
      'Veille BOAMP — codes CPV du cœur de métier : « début du code libellé = points », séparés par « ; ». Le libellé est facultatif.',
  },
  {
    key: RELEVANCE_KEYS.cpv,
    defaultValue: CPV_ADJACENT,
    description:
      'Veille BOAMP — codes CPV adjacents : « début du code libellé = points », séparés par « ; » ; le début le plus long l’emporte.',
  },
  {
    key: RELEVANCE_KEYS.descriptors,
    defaultValue: DESCRIPTORS,
    description:
      'Veille BOAMP — descripteurs BOAMP : « code libellé = points » (négatif pour retirer), séparés par « ; ». Ils ne rendent jamais pertinent à eux seuls un avis sans mot trouvé.',
  },
  {
    key: RELEVANCE_KEYS.departments,
    defaultValue: '',
    description:
      'Veille BOAMP — départements prioritaires : « code = points » séparés par « ; » (ex. « 69 = 5 ; 75 = 5 »). Vide : aucun.',
  },
  {
    key: RELEVANCE_KEYS.coreThreshold,
    defaultValue: String(DEFAULT_CORE_THRESHOLD),
    description:
      'Veille BOAMP — points de mots du cœur de métier à partir desquels un avis est « Cœur ».',
  },
  {
    key: RELEVANCE_KEYS.adjacentThreshold,
    defaultValue: String(DEFAULT_ADJACENT_THRESHOLD),
    description: 'Veille BOAMP — score à partir duquel un avis est « Adjacent ».',
  },
];
