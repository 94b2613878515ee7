/**
 * The jobs of the hourly dispatcher. Each later feature (BOAMP watch, follow-ups, reports,
 * enrichment) registers here with its schedule read from Parametres.
 */
import { parseIntegerSetting } from '../../core/settings/defaults';
import type { Settings } from '../settings/settings-reader';
import type { RegisteredJob } from './job';
import { runBoampWatchJob } from './boamp-watch-job';
import { runEnrichmentJob } from './enrichment-job';
import { runIcpScoring } from './icp-scoring-job';
import { runStructureCheck } from './structure-check-job';
import { runLateTasks, runWebhookRetries } from './webhook-jobs';

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
    {
      definition: {
        id: 'enrichissement',
        label: 'Enrichissement Apollo / Hunter',
        priority: 30,
        // Resumes runs started from the menu; the daily slot alone starts nothing.
        schedule: { kind: 'daily', hour: 4 },
      },
      run: runEnrichmentJob,
    },
    {
      definition: {
        id: 'taches-en-retard',
        label: 'Tâches en retard (Make.com, Slack)',
        priority: 25,
        schedule: { kind: 'daily', hour: hour('planification.heure_taches_en_retard', 8) },
      },
      run: runLateTasks,
    },
    {
      definition: {
        id: 'webhooks',
        label: 'Relance des webhooks Make.com et Slack',
        priority: 35,
        schedule: { kind: 'hourly' },
      },
      run: runWebhookRetries,
    },
  ];
}
