/**
 * Système: the state of each tab (record counts, missing columns) with "Installer / réparer la
 * structure", the automations switch, and the last run of every scheduled job — nobody else
 * reports a failing trigger (DESIGN.md §5).
 */
import type { VNode } from 'preact';
import type { JobStatus, SidebarState, TabStatus } from '../../server/api/contract';
import { formatCount, formatDateTime } from '../format';
import { useAction } from '../hooks';
import { html } from '../html';
import { useNotify } from '../notify';
import { callServer } from '../rpc';
import { EnrichmentProgressPanel } from './enrichment-progress';

export interface SystemViewProps {
  readonly state: SidebarState | undefined;
  readonly loading: boolean;
  readonly error: string | null;
  /** Reloads the state (after an action changed it). */
  readonly reload: () => void;
}

export function needsSetup(state: SidebarState): boolean {
  return state.tabs.some((t) => !t.exists || t.missingColumns.length > 0);
}

function TabRow(props: { tab: TabStatus }): VNode {
  const { tab } = props;
  const [state, cls] = !tab.exists
    ? ['Onglet absent', 'bad']
    : tab.missingColumns.length > 0
      ? [`${tab.missingColumns.length} colonne(s) manquante(s)`, 'warn']
      : ['OK', 'ok'];
  return html`
    <tr
      data-tab=${tab.name}
      title=${
        tab.exists && tab.missingColumns.length > 0
          ? `Manquantes : ${tab.missingColumns.join(', ')}`
          : undefined
      }
    >
      <td>${tab.name}</td>
      <td class="num" data-testid=${`count-${tab.name}`}>
        ${tab.exists ? formatCount(tab.records) : '—'}
      </td>
      <td class=${cls}>${state}</td>
    </tr>
  `;
}

function JobItem(props: { job: JobStatus }): VNode {
  const { job } = props;
  const failedLast =
    job.lastFailureIso !== null &&
    (job.lastSuccessIso === null || job.lastFailureIso > job.lastSuccessIso);
  return html`
    <li data-job=${job.id}>
      <strong>${job.label}</strong>
      <div class="muted">${job.schedule}</div>
      <div>Dernière exécution : ${formatDateTime(job.lastRunIso)}</div>
      ${failedLast && job.lastError ? html`<div class="bad">Échec : ${job.lastError}</div>` : null}
      ${!failedLast && job.lastSummary ? html`<div class="ok">${job.lastSummary}</div>` : null}
      ${job.resuming ? html`<div class="warn">Reprise prévue à la prochaine heure.</div>` : null}
    </li>
  `;
}

export function SystemView(props: SystemViewProps): VNode {
  const { state, loading, error, reload } = props;
  const notify = useNotify();
  const [setupPending, runSetup] = useAction();
  const [togglePending, runToggle] = useAction();
  const [jobsPending, runJobs] = useAction();

  if (!state)
    return html`<section>
      ${
        error
          ? html`<p class="bad" role="alert">${error}</p>
              <button type="button" class="secondary" onClick=${reload}>Réessayer</button>`
          : html`<p class="muted">${loading ? 'Chargement…' : ''}</p>`
      }
    </section>`;

  const setup = () =>
    runSetup(async () => {
      const report = await callServer('setupStructure');
      notify.success(
        report.changed
          ? report.changes.join(' ')
          : 'La structure est déjà à jour : rien à modifier.',
      );
      reload();
    });
  const enabled = state.automations.enabled;
  const toggle = () =>
    runToggle(async () => {
      const next = await callServer(enabled ? 'disableAutomations' : 'enableAutomations');
      notify.success(
        next.enabled
          ? 'Automatisations activées : vérification chaque heure.'
          : 'Automatisations désactivées.',
      );
      reload();
    });
  const runNow = () =>
    runJobs(async () => {
      const report = await callServer('runJobsNow');
      const lines = report.ran.map((r) => `${r.label} : ${r.message}`);
      notify.success(lines.length > 0 ? lines.join(' ') : 'Aucune tâche planifiée n’était due.');
      reload();
    });

  return html`
    <section class="system">
      <p class="muted small">
        ${state.spreadsheetName}${state.userEmail ? ` · ${state.userEmail}` : ''}
      </p>
      <h2>Onglets du CRM</h2>
      <table class="tabs">
        <thead>
          <tr>
            <th>Onglet</th>
            <th class="num">Fiches</th>
            <th>État</th>
          </tr>
        </thead>
        <tbody>
          ${state.tabs.map((t) => html`<${TabRow} key=${t.name} tab=${t} />`)}
        </tbody>
      </table>
      <button
        type="button"
        class=${needsSetup(state) ? 'primary' : 'secondary'}
        id="setup"
        disabled=${setupPending}
        onClick=${setup}
      >
        ${setupPending ? 'Installation…' : 'Installer / réparer la structure'}
      </button>

      <h2>Automatisations</h2>
      <p class=${enabled ? 'ok' : 'muted'} id="automations-state">
        ${enabled ? 'Activées' : 'Désactivées'}
        ${
          state.automations.lastTickIso
            ? ` — dernier passage ${formatDateTime(state.automations.lastTickIso)}`
            : ''
        }
      </p>
      <div class="actions">
        <button
          type="button"
          class="secondary"
          id="automations-toggle"
          role="switch"
          aria-checked=${enabled}
          disabled=${togglePending}
          onClick=${toggle}
        >
          ${togglePending ? '…' : enabled ? 'Désactiver' : 'Activer'}
        </button>
        <button
          type="button"
          class="secondary"
          id="run-now"
          disabled=${jobsPending}
          onClick=${runNow}
        >
          ${jobsPending ? 'Exécution…' : 'Lancer maintenant'}
        </button>
      </div>
      <ul class="jobs">
        ${state.jobs.map((j) => html`<${JobItem} key=${j.id} job=${j} />`)}
      </ul>
      <${EnrichmentProgressPanel} />
      <p class="muted small">Mis à jour ${formatDateTime(state.generatedAtIso)}</p>
    </section>
  `;
}
