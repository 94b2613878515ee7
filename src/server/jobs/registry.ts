/**
 * The jobs of the hourly dispatcher. Each later feature (BOAMP watch, follow-ups, reports,
 * enrichment) registers here with its schedule read from Parametres.
 */
import { parseIntegerSetting } from '../../core/settings/defaults';
import type { Settings } from '../settings/settings-reader';
import type { RegisteredJob } from './job';
import { runBoampWatchJob } from './boamp-watch-job';
import { runIcpScoring } from './icp-scoring-job';
import { runStructureCheck } from './structure-check-job';

export function buildJobRegistry(settings: Settings): RegisteredJob[] {
  const hour = (key: string, fallback: number) =>
    parseIntegerSetting(settings.get(key), fallback, 0, 23);
  return [
    {
      definition: {
        id: 'controle-structure',
        label: 'Contrôle de la structure du classeur',
        priority: 10,
        schedule: { kind: 'daily', hour: hour('planification.heure_controle_structure', 6) },
      },
      run: runStructureCheck,
    },
    {
      definition: {
        id: 'veille-boamp',
        label: 'Veille BOAMP',
        priority: 15,
        schedule: { kind: 'daily', hour: hour('planification.heure_veille_boamp', 7) },
      },
      run: runBoampWatchJob,
    },
    {
      definition: {
        id: 'scores-icp',
        label: 'Recalcul des scores ICP',
        priority: 20,
        schedule: { kind: 'daily', hour: hour('planification.heure_scores_icp', 5) },
      },
      run: runIcpScoring,
    },
  ];
}
