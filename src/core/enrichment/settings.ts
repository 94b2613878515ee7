/**
 * The Parametres rows of enrichment, next to the rules that read them (spread into SETTINGS by
 * src/core/settings/defaults.ts). Keys stay out of here: they are secrets, kept in the script's
 * properties (APOLLO_API_KEY, HUNTER_API_KEY).
 */
export const DEFAULT_DECISION_MAKER_TITLES = [
  'Responsable RSE',
  'Directeur RSE',
  'Directeur développement durable',
  'Chargé de mission biodiversité',
  'Directeur des espaces verts',
  'Responsable environnement',
];

export const ENRICHMENT_SETTINGS: readonly {
  readonly key: string;
  readonly defaultValue: string;
  readonly description: string;
}[] = [
  {
    key: 'enrichissement.delai_jours',
    defaultValue: '90',
    description:
      'Jours pendant lesquels une fiche enrichie (« Enrichi le ») n’est pas renvoyée à Apollo ni Hunter, pour économiser les crédits. 0 : toujours.',
  },
  {
    key: 'apollo.credits_mensuels',
    defaultValue: '1000',
    description:
      'Crédits Apollo utilisables par mois civil (1 par personne ou organisation trouvée, 0 si rien n’est trouvé). Un enrichissement en masse s’arrête avant de dépasser ce budget. 0 désactive Apollo.',
  },
  {
    key: 'hunter.credits_mensuels',
    defaultValue: '500',
    description:
      'Crédits Hunter utilisables par mois civil (0,5 par vérification d’email, 1 par email trouvé). Un enrichissement en masse s’arrête avant de dépasser ce budget. 0 désactive Hunter.',
  },
  {
    key: 'enrichissement.contacts_par_execution',
    defaultValue: '2000',
    description:
      'Contacts traités au plus par exécution d’un enrichissement en masse ; la suite reprend à l’heure suivante (ou en relançant le menu).',
  },
  {
    key: 'apollo.titres_decideurs',
    defaultValue: DEFAULT_DECISION_MAKER_TITLES.join(', '),
    description:
      'Intitulés de poste cherchés par « Trouver des décideurs » (Apollo), séparés par des virgules.',
  },
];

export function decisionMakerTitles(settings: ReadonlyMap<string, string>): string[] {
  const raw = settings.get('apollo.titres_decideurs') ?? '';
  const titles = raw
    .split(/[,;\n]/)
    .map((t) => t.trim())
    .filter((t) => t !== '');
  return titles.length > 0 ? titles.slice(0, 20) : [...DEFAULT_DECISION_MAKER_TITLES];
}
