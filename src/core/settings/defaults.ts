/**
 * The non-secret settings of the Parametres tab, with their defaults. Setup adds the missing
 * keys and never overwrites a value a user changed. Secrets live in the script's properties, never in a cell.
 */
import { RELEVANCE_SETTINGS } from '../boamp/relevance/default-rules';
import { ENRICHMENT_SETTINGS } from '../enrichment/settings';
import { WEBHOOK_SETTINGS } from '../webhooks/channels';

export interface SettingDef {
  readonly key: string;
  readonly defaultValue: string;
  readonly description: string;
}

export const SETTINGS: readonly SettingDef[] = [
  {
    key: 'planification.heure_veille_boamp',
    defaultValue: '7',
    description: 'Heure (0–23, heure de Paris) de la veille BOAMP quotidienne.',
  },
  {
    key: 'boamp.jours_premiere_veille',
    defaultValue: '7',
    description:
      'Jours de publications BOAMP lus par la toute première veille (ensuite : depuis la dernière).',
  },
  {
    key: 'boamp.avis_par_execution',
    defaultValue: '500',
    description:
      'Avis BOAMP lus en entier au plus par exécution ; la suite reprend à l’heure suivante.',
  },
  {
    key: 'boamp.analyses_ia_par_execution',
    defaultValue: '10',
    description:
      'Nouveaux avis Cœur ou Adjacent analysés par Claude au plus par veille (0 : aucune analyse).',
  },
  {
    key: 'boamp.jours_alerte_echeance',
    defaultValue: '7',
    description:
      'Jours avant la date limite d’un appel d’offres suivi à partir desquels une alerte part chaque jour.',
  },
  {
    key: 'planification.heure_controle_structure',
    defaultValue: '6',
    description: 'Heure du contrôle quotidien de la structure du classeur.',
  },
  {
    key: 'planification.heure_scores_icp',
    defaultValue: '5',
    description: 'Heure du recalcul quotidien des scores ICP.',
  },
  {
    key: 'planification.heure_rapport_quotidien',
    defaultValue: '8',
    description: 'Heure d’envoi du rapport quotidien.',
  },
  {
    key: 'planification.jour_rapport_hebdomadaire',
    defaultValue: '1',
    description: 'Jour du rapport hebdomadaire (1 = lundi … 7 = dimanche).',
  },
  {
    key: 'planification.jour_rapport_mensuel',
    defaultValue: '1',
    description: 'Jour du mois du rapport mensuel (1–28).',
  },
  {
    key: 'icp.seuil_qualifie',
    defaultValue: '70',
    description: 'Score ICP minimal pour passer de Lead à Qualifié.',
  },
  {
    key: 'icp.poids.adequation',
    defaultValue: '20',
    description:
      'Poids de la dimension Adéquation (type, population ou effectif) dans le score ICP (les poids sont ramenés à 100).',
  },
  {
    key: 'icp.poids.engagement',
    defaultValue: '20',
    description:
      'Poids de la dimension Engagement (budget, certifications, engagements publics) dans le score ICP (les poids sont ramenés à 100).',
  },
  {
    key: 'icp.poids.besoin',
    defaultValue: '20',
    description:
      'Poids de la dimension Besoin et calendrier (appels d’offres, saison) dans le score ICP (les poids sont ramenés à 100).',
  },
  {
    key: 'icp.poids.acces',
    defaultValue: '20',
    description:
      'Poids de la dimension Accès au décideur (poste, email vérifié) dans le score ICP (les poids sont ramenés à 100).',
  },
  {
    key: 'icp.poids.relation',
    defaultValue: '20',
    description:
      'Poids de la dimension Relation (interactions, réponses, récence) dans le score ICP (les poids sont ramenés à 100).',
  },
  {
    key: 'pipeline.regle_qualifie_score_icp',
    defaultValue: 'oui',
    description:
      'Lead → Qualifié exige un score ICP de l’organisation au moins égal au seuil (oui/non).',
  },
  {
    key: 'pipeline.regle_qualifie_budget_ou_ao',
    defaultValue: 'oui',
    description: 'Lead → Qualifié exige un budget confirmé ou un appel d’offres ouvert (oui/non).',
  },
  {
    key: 'pipeline.regle_contacte_interaction_sortante',
    defaultValue: 'oui',
    description: '→ Contacté exige une interaction sortante enregistrée (oui/non).',
  },
  {
    key: 'pipeline.regle_proposition_montant',
    defaultValue: 'oui',
    description: '→ Proposition envoyée exige un montant (oui/non).',
  },
  {
    key: 'pipeline.regle_perdu_raison',
    defaultValue: 'oui',
    description: '→ Perdu exige une raison de perte (oui/non).',
  },
  {
    key: 'pipeline.sauts_etapes_autorises',
    defaultValue: 'oui',
    description:
      'Une opportunité peut sauter des étapes (les règles des étapes sautées s’appliquent quand même) (oui/non).',
  },
  {
    key: 'pipeline.reouverture_autorisee',
    defaultValue: 'non',
    description: 'Une opportunité Gagné ou Perdu peut être rouverte (oui/non).',
  },
  {
    key: 'pipeline.probabilite.Lead',
    defaultValue: '10',
    description: 'Probabilité (en %) donnée à une opportunité qui entre dans l’étape « Lead ».',
  },
  {
    key: 'pipeline.probabilite.Qualifié',
    defaultValue: '20',
    description: 'Probabilité (en %) donnée à une opportunité qui entre dans l’étape « Qualifié ».',
  },
  {
    key: 'pipeline.probabilite.Contacté',
    defaultValue: '30',
    description: 'Probabilité (en %) donnée à une opportunité qui entre dans l’étape « Contacté ».',
  },
  {
    key: 'pipeline.probabilite.En discussion',
    defaultValue: '40',
    description:
      'Probabilité (en %) donnée à une opportunité qui entre dans l’étape « En discussion ».',
  },
  {
    key: 'pipeline.probabilite.Proposition envoyée',
    defaultValue: '60',
    description:
      'Probabilité (en %) donnée à une opportunité qui entre dans l’étape « Proposition envoyée ».',
  },
  {
    key: 'pipeline.probabilite.Négociation',
    defaultValue: '80',
    description:
      'Probabilité (en %) donnée à une opportunité qui entre dans l’étape « Négociation ».',
  },
  {
    key: 'pipeline.probabilite.Gagné',
    defaultValue: '100',
    description: 'Probabilité (en %) donnée à une opportunité qui entre dans l’étape « Gagné ».',
  },
  {
    key: 'pipeline.probabilite.Perdu',
    defaultValue: '0',
    description: 'Probabilité (en %) donnée à une opportunité qui entre dans l’étape « Perdu ».',
  },
  {
    key: 'relance.delai_jours',
    defaultValue: '7',
    description: 'Jours sans réponse après un email sortant avant de préparer une relance.',
  },
  {
    key: 'segments.jours_inactivite',
    defaultValue: '30',
    description: 'Jours sans interaction au-delà desquels un contact est « Inactif ».',
  },
  {
    key: 'segment.Collectivités de plus de 5 000 habitants',
    defaultValue:
      'type=Commune, EPCI; taille=5 000–19 999 hab., 20 000–99 999 hab., 100 000 hab. et plus',
    description:
      'Segment enregistré : critères séparés par « ; », valeurs par « , » (type, taille, secteur, certification, etape, source, departement, region, temperature).',
  },
  {
    key: 'segment.Leads chauds',
    defaultValue: 'temperature=Chaud',
    description:
      'Segment enregistré : critères séparés par « ; », valeurs par « , » (type, taille, secteur, certification, etape, source, departement, region, temperature).',
  },
  {
    key: 'segment.Contacts inactifs à relancer',
    defaultValue: 'temperature=Inactif',
    description:
      'Segment enregistré : critères séparés par « ; », valeurs par « , » (type, taille, secteur, certification, etape, source, departement, region, temperature).',
  },
  {
    key: 'segment.Entreprises certifiées',
    defaultValue: 'type=Entreprise RSE, Entreprise; certification=B Corp, ISO 26000, Lucie',
    description:
      'Segment enregistré : critères séparés par « ; », valeurs par « , » (type, taille, secteur, certification, etape, source, departement, region, temperature).',
  },
  {
    key: 'boamp.departements_veille',
    defaultValue: '',
    description:
      'Départements de publication auxquels la veille BOAMP se limite (codes séparés par des virgules : 33, 2A, 971). Vide : toute la France. Pour favoriser des départements sans écarter les autres : « boamp.departements ».',
  },
  {
    key: 'boamp.types_avis',
    defaultValue: '',
    description:
      'Natures d’avis BOAMP récupérées par la veille (APPEL_OFFRE, ATTRIBUTION…), séparées par des virgules. Vide : toutes, y compris les rectificatifs et attributions des avis suivis.',
  },
  {
    key: 'boamp.types_procedure',
    defaultValue: '',
    description:
      'Procédures retenues par la veille BOAMP (PROCEDURE_ADAPTE, OUVERT, RESTREINT…), séparées par des virgules. Vide : toutes.',
  },
  {
    key: 'claude.modele',
    defaultValue: 'claude-haiku-4-5',
    description:
      'Modèle Claude utilisé par le CRM (identifiant de l’API Anthropic, vérifié auprès d’Anthropic). La clé API ne se saisit jamais ici : elle est conservée dans les propriétés sécurisées du script.',
  },
  {
    key: 'claude.budget_mensuel_tokens',
    defaultValue: '1000000',
    description:
      'Jetons Claude (entrée + sortie) utilisables par mois civil ; au-delà, les appels à Claude s’arrêtent jusqu’au mois suivant. 0 désactive Claude. Repère : 1 000 000 jetons coûtent de 1 à 5 $ avec Claude Haiku 4.5.',
  },
  {
    key: 'rapports.destinataires',
    defaultValue: '',
    description:
      'Adresses email des destinataires des rapports et alertes, séparées par des virgules.',
  },
  // The tender relevance rules (boamp.mots_coeur…), kept next to their parser and tests.
  ...RELEVANCE_SETTINGS,
  // Apollo / Hunter enrichment: delay, monthly credits, decision-maker titles.
  ...ENRICHMENT_SETTINGS,
  // Make.com and Slack: which events Slack announces, when late tasks are announced.
  ...WEBHOOK_SETTINGS,
];

export function parseIntegerSetting(
  raw: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw.trim().replace(',', '.'));
  if (!Number.isInteger(value) || value < min || value > max) return fallback;
  return value;
}
