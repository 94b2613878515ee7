/**
 * The non-secret settings of the Parametres tab, with their defaults. Setup adds the missing
 * keys and never overwrites a value a user changed. Secrets live in PropertiesService.
 */
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
    key: 'planification.heure_controle_structure',
    defaultValue: '6',
    description: 'Heure du contrôle quotidien de la structure du classeur.',
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
    key: 'rapports.destinataires',
    defaultValue: '',
    description:
      'Adresses email des destinataires des rapports et alertes, séparées par des virgules.',
  },
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
