/**
 * The CRM sidebar: the state of each tab, the setup action, the automations switch and the last
 * run of every scheduled job. Every server call goes through callServer; every value is rendered
 * as text.
 */
import type { AutomationStatus, JobStatus, SidebarState, TabStatus } from '../server/api/contract';
import { el, formatCount, formatDateTime, replaceChildren } from './dom';
import { callServer, RpcError } from './rpc';

const root = document.getElementById('app') as HTMLElement;
const status = el('div', { class: 'status', role: 'status', 'aria-live': 'polite' });
const content = el('div', { class: 'content' });
let busy = false;

function showMessage(kind: 'info' | 'error' | 'success', text: string): void {
  status.className = `status status-${kind}`;
  replaceChildren(status, text);
}

function errorText(error: unknown): string {
  return error instanceof RpcError || error instanceof Error ? error.message : String(error);
}

async function action(label: string, work: () => Promise<string>): Promise<void> {
  if (busy) return;
  busy = true;
  root.classList.add('busy');
  showMessage('info', `${label}…`);
  try {
    showMessage('success', await work());
    await refresh(false);
  } catch (error) {
    showMessage('error', errorText(error));
  } finally {
    busy = false;
    root.classList.remove('busy');
  }
}

function tabRow(tab: TabStatus): HTMLElement {
  let state: string;
  let cls: string;
  if (!tab.exists) {
    state = 'Onglet absent';
    cls = 'bad';
  } else if (tab.missingColumns.length > 0) {
    state = `${tab.missingColumns.length} colonne(s) manquante(s)`;
    cls = 'warn';
  } else {
    state = 'OK';
    cls = 'ok';
  }
  const row = el(
    'tr',
    { 'data-tab': tab.name },
    el('td', {}, tab.name),
    el(
      'td',
      { class: 'num', 'data-testid': `count-${tab.name}` },
      tab.exists ? formatCount(tab.records) : '—',
    ),
    el('td', { class: cls }, state),
  );
  if (tab.missingColumns.length > 0 && tab.exists)
    row.title = `Manquantes : ${tab.missingColumns.join(', ')}`;
  return row;
}

function tabsSection(state: SidebarState): HTMLElement {
  const needsSetup = state.tabs.some((t) => !t.exists || t.missingColumns.length > 0);
  const button = el(
    'button',
    { type: 'button', class: needsSetup ? 'primary' : 'secondary', id: 'setup' },
    'Installer / réparer la structure',
  );
  button.addEventListener(
    'click',
    () =>
      void action('Installation de la structure', async () => {
        const report = await callServer('setupStructure');
        return report.changed
          ? report.changes.join(' ')
          : 'La structure est déjà à jour : rien à modifier.';
      }),
  );
  return el(
    'section',
    {},
    el('h2', {}, 'Onglets du CRM'),
    el(
      'table',
      { class: 'tabs' },
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          el('th', {}, 'Onglet'),
          el('th', { class: 'num' }, 'Fiches'),
          el('th', {}, 'État'),
        ),
      ),
      el('tbody', {}, ...state.tabs.map(tabRow)),
    ),
    button,
  );
}

function automationSection(automations: AutomationStatus, jobs: readonly JobStatus[]): HTMLElement {
  const toggle = el(
    'button',
    { type: 'button', class: 'secondary', id: 'automations-toggle' },
    automations.enabled ? 'Désactiver' : 'Activer',
  );
  toggle.addEventListener(
    'click',
    () =>
      void action(automations.enabled ? 'Désactivation' : 'Activation', async () => {
        const next = await callServer(
          automations.enabled ? 'disableAutomations' : 'enableAutomations',
        );
        return next.enabled
          ? 'Automatisations activées : vérification chaque heure.'
          : 'Automatisations désactivées.';
      }),
  );
  const runNow = el(
    'button',
    { type: 'button', class: 'secondary', id: 'run-now' },
    'Lancer maintenant',
  );
  runNow.addEventListener(
    'click',
    () =>
      void action('Exécution des tâches dues', async () => {
        const report = await callServer('runJobsNow');
        const lines = report.ran.map((r) => `${r.label} : ${r.message}`);
        return lines.length > 0 ? lines.join(' ') : 'Aucune tâche planifiée n’était due.';
      }),
  );
  return el(
    'section',
    {},
    el('h2', {}, 'Automatisations'),
    el(
      'p',
      { class: automations.enabled ? 'ok' : 'muted', id: 'automations-state' },
      automations.enabled ? 'Activées' : 'Désactivées',
      automations.lastTickIso
        ? ` — dernier passage ${formatDateTime(automations.lastTickIso)}`
        : '',
    ),
    el('div', { class: 'actions' }, toggle, runNow),
    el('ul', { class: 'jobs' }, ...jobs.map(jobItem)),
  );
}

function jobItem(job: JobStatus): HTMLElement {
  const failedLast =
    job.lastFailureIso !== null &&
    (job.lastSuccessIso === null || job.lastFailureIso > job.lastSuccessIso);
  return el(
    'li',
    { 'data-job': job.id },
    el('strong', {}, job.label),
    el('div', { class: 'muted' }, job.schedule),
    el('div', {}, `Dernière exécution : ${formatDateTime(job.lastRunIso)}`),
    failedLast && job.lastError ? el('div', { class: 'bad' }, `Échec : ${job.lastError}`) : null,
    !failedLast && job.lastSummary ? el('div', { class: 'ok' }, job.lastSummary) : null,
    job.resuming ? el('div', { class: 'warn' }, 'Reprise prévue à la prochaine heure.') : null,
  );
}

function render(state: SidebarState): void {
  replaceChildren(
    content,
    el(
      'p',
      { class: 'muted' },
      state.spreadsheetName,
      state.userEmail ? ` · ${state.userEmail}` : '',
    ),
    tabsSection(state),
    automationSection(state.automations, state.jobs),
    el('p', { class: 'muted small' }, `Mis à jour ${formatDateTime(state.generatedAtIso)}`),
  );
}

async function refresh(announce = true): Promise<void> {
  if (announce) showMessage('info', 'Chargement…');
  try {
    render(await callServer('getSidebarState'));
    if (announce) replaceChildren(status);
    if (announce) status.className = 'status';
  } catch (error) {
    showMessage('error', errorText(error));
  }
}

const reload = el('button', { type: 'button', class: 'link', id: 'refresh' }, 'Actualiser');
reload.addEventListener('click', () => void refresh());
replaceChildren(root, el('header', {}, el('h1', {}, 'CRM UTPLA'), reload), status, content);
void refresh();
