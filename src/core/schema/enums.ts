/** Allowed values of the enum columns, in French as users see them. */

export const ORGANISATION_TYPES = [
  'Commune',
  'EPCI',
  'Département',
  'Région',
  'Autre collectivité',
  'Entreprise RSE',
  'Entreprise',
  'Partenaire',
  'Prescripteur',
  'Ambassadeur',
  'Apiculteur',
] as const;

export const PIPELINE_STAGES = [
  'Lead',
  'Qualifié',
  'Contacté',
  'En discussion',
  'Proposition envoyée',
  'Négociation',
  'Gagné',
  'Perdu',
] as const;

export const SOURCES = [
  'BOAMP',
  'Apollo',
  'LinkedIn',
  'Réseau',
  'Site web',
  'Événement',
  'Recommandation',
  'Import',
  'Autre',
] as const;

export const TEMPERATURES = ['Chaud', 'Tiède', 'Froid', 'Inactif'] as const;

export const EMAIL_STATUSES = [
  'Valide',
  'Invalide',
  'Accepte tout',
  'Webmail',
  'Jetable',
  'Inconnu',
] as const;

export const LEGAL_BASES = [
  'Intérêt légitime',
  'Consentement',
  'Contrat',
  'Non renseignée',
] as const;

export const CONTACT_STATUSES = [
  'Nouveau',
  'À contacter',
  'En cours',
  'Client',
  'Archivé',
] as const;

export const INTERACTION_TYPES = [
  'Email envoyé',
  'Email reçu',
  'Appel',
  'Réunion',
  'Réponse AO',
  'Événement',
  'Note',
] as const;

export const DIRECTIONS = ['Sortant', 'Entrant'] as const;

export const TASK_STATUSES = ['À faire', 'En cours', 'Fait', 'Annulée'] as const;

export const TASK_ORIGINS = ['Manuelle', 'Automatique'] as const;

export const PRIORITIES = ['Haute', 'Normale', 'Basse'] as const;

export const RECORD_STATES = ['Actif', 'Archivé'] as const;

export const GO_NO_GO = ['À analyser', 'Go', 'No go'] as const;

export const TENDER_LEVELS = ['Cœur', 'Adjacent', 'Hors cible'] as const;

/** Where a notice stands: a rectification, a cancellation or an award updates the first row. */
export const NOTICE_STATES = ['Publié', 'Rectifié', 'Annulé', 'Attribué'] as const;

export const YES_NO_UNKNOWN = ['Oui', 'Non', 'À vérifier'] as const;

export const OFFERS = [
  'Parrainage de ruches',
  'Ruches sur site',
  'Ateliers biodiversité',
  'Miel personnalisé',
  'Programme biodiversité',
] as const;
