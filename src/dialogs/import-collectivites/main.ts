/**
 * The "Importer des collectivités cibles" dialog: kinds, minimum population and territory, a
 * count of what would be added (previewCollectivites) kept up to date while the filters change,
 * then the import itself. Every text goes through textContent.
 */
import { DEFAULT_FILTERS, type CollectivitesFilters } from '../../core/collectivites/filters';
import { DEPARTEMENTS, ETALAB_INFO, REGIONS } from '../../core/collectivites/etalab-territories';
import { frenchInteger } from '../../core/scoring/french-number';
import type { CollectivitesImportReport, CollectivitesPreview } from '../../server/api/contract';
import { callServer } from '../rpc';

const PREVIEW_DELAY_MS = 350;

type Attributes = Record<string, string>;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

const n = (value: number) => frenchInteger(value);

interface RegionControls {
  readonly box: HTMLInputElement;
  readonly departements: ReadonlyArray<{ code: string; box: HTMLInputElement }>;
  readonly count: HTMLElement;
}

function buildForm() {
  const communes = el('input', { type: 'checkbox', id: 'type-communes', name: 'types' });
  const epci = el('input', { type: 'checkbox', id: 'type-epci', name: 'types' });
  communes.checked = DEFAULT_FILTERS.types.includes('Commune');
  epci.checked = DEFAULT_FILTERS.types.includes('EPCI');
  const population = el('input', {
    type: 'number',
    id: 'min-population',
    min: '0',
    step: '500',
    inputmode: 'numeric',
    'aria-describedby': 'population-hint',
  });
  population.value = String(DEFAULT_FILTERS.minPopulation);

  const regions: RegionControls[] = REGIONS.map(([code, name]) => {
    const box = el('input', { type: 'checkbox', 'data-region': code });
    const count = el('span', { class: 'count' });
    const departements = DEPARTEMENTS.filter(([, , region]) => region === code).map(
      ([depCode, depName]) => {
        const depBox = el('input', { type: 'checkbox', 'data-departement': depCode });
        return { code: depCode, box: depBox, label: `${depCode} ${depName}` };
      },
    );
    const details = el(
      'details',
      {},
      el('summary', {}, el('label', {}, box, ` ${name}`), count),
      el(
        'ul',
        { class: 'departements' },
        ...departements.map((d) => el('li', {}, el('label', {}, d.box, ` ${d.label}`))),
      ),
    );
    regionList.append(details);
    // Ticking or unticking a région does the same to all its départements.
    box.addEventListener('change', () => {
      for (const d of departements) d.box.checked = box.checked;
    });
    return { box, departements, count };
  });

  return { communes, epci, population, regions };
}

const regionList = el('div', { class: 'regions', id: 'territoire' });
const form = buildForm();
const previewLine = el('p', { class: 'preview', role: 'status', 'aria-live': 'polite' });
const errorBox = el('p', { class: 'error', role: 'alert' });
const resultBox = el('div', { class: 'result', role: 'status' });
const importButton = el('button', { type: 'button', class: 'primary' }, 'Importer');
const cancelButton = el('button', { type: 'button' }, 'Annuler');
const territoryCount = el('span', { class: 'hint' });

function filters(): CollectivitesFilters {
  const regions = form.regions.filter((r) => r.box.checked);
  const departements = form.regions
    .filter((r) => !r.box.checked)
    .flatMap((r) => r.departements.filter((d) => d.box.checked).map((d) => d.code));
  return {
    minPopulation: Number(form.population.value.replace(/\s/g, '') || '0'),
    regions: regions.map((r) => r.box.dataset.region ?? ''),
    departements,
    types: [
      ...(form.communes.checked ? (['Commune'] as const) : []),
      ...(form.epci.checked ? (['EPCI'] as const) : []),
    ],
  };
}

/** A checked région covers its départements: they show as checked and cannot be unticked. */
function syncTerritory(): void {
  let chosen = 0;
  for (const region of form.regions) {
    let inRegion = 0;
    for (const d of region.departements) {
      d.box.disabled = region.box.checked;
      if (d.box.checked) inRegion++;
    }
    region.count.textContent = region.box.checked
      ? 'toute la région'
      : inRegion === 0
        ? 'choisir des départements'
        : `${inRegion} sur ${region.departements.length} département(s)`;
    if (region.box.checked || inRegion > 0) chosen++;
  }
  territoryCount.textContent =
    chosen === 0
      ? 'Aucune case cochée : toute la France.'
      : `${chosen} région(s) concernée(s) par la sélection.`;
}

function describePreview(p: CollectivitesPreview): string {
  if (p.matching === 0) return 'Aucune collectivité ne correspond à ces filtres.';
  const present =
    p.alreadyPresent === 0
      ? ''
      : ` ${n(p.alreadyPresent)} déjà dans Organisations` +
        (p.alreadyArchived > 0
          ? ` (dont ${n(p.alreadyArchived)} archivée(s), laissée(s) de côté)`
          : '') +
        '.';
  const toAdd =
    p.toAdd === 0
      ? 'rien à ajouter.'
      : `${n(p.toAdd)} à ajouter (${n(p.toAddCommunes)} communes, ${n(p.toAddEpci)} EPCI).`;
  return `${n(p.matching)} collectivité(s) correspondent : ${toAdd}${present}`;
}

let previewTimer: number | undefined;
let previewSequence = 0;
let importing = false;
let toAdd = 0;

function schedulePreview(): void {
  syncTerritory();
  errorBox.textContent = '';
  resultBox.replaceChildren();
  importButton.disabled = true;
  importButton.hidden = false;
  cancelButton.textContent = 'Annuler';
  window.clearTimeout(previewTimer);
  if (form.population.validity.badInput) {
    // The browser hands back '' for what it cannot read as a number: say so rather than send 0.
    previewLine.textContent = '';
    errorBox.textContent = 'Population minimale : saisissez un nombre entier d’habitants.';
    return;
  }
  previewLine.textContent = 'Calcul en cours…';
  previewTimer = window.setTimeout(() => void runPreview(), PREVIEW_DELAY_MS);
}

async function runPreview(): Promise<void> {
  const sequence = ++previewSequence;
  try {
    const preview = await callServer('previewCollectivites', filters());
    // An older answer arriving after a newer request would show stale figures.
    if (sequence !== previewSequence) return;
    toAdd = preview.toAdd;
    previewLine.textContent = describePreview(preview);
    importButton.disabled = importing || toAdd === 0;
    importButton.textContent = toAdd === 0 ? 'Importer' : `Importer ${n(toAdd)} collectivité(s)`;
  } catch (error) {
    if (sequence !== previewSequence) return;
    previewLine.textContent = '';
    errorBox.textContent = error instanceof Error ? error.message : String(error);
  }
}

/** The filters cannot change under a running import. */
function lockFilters(locked: boolean): void {
  document.querySelectorAll('fieldset').forEach((f) => (f.disabled = locked));
}

async function runImport(): Promise<void> {
  importing = true;
  lockFilters(true);
  importButton.disabled = true;
  cancelButton.disabled = true;
  errorBox.textContent = '';
  importButton.textContent = 'Import en cours…';
  try {
    const report = await callServer('importCollectivites', filters());
    showReport(report);
    cancelButton.textContent = 'Fermer';
    importButton.hidden = true;
  } catch (error) {
    errorBox.textContent = error instanceof Error ? error.message : String(error);
    importButton.disabled = false;
    importButton.textContent = 'Réessayer';
  } finally {
    importing = false;
    lockFilters(false);
    cancelButton.disabled = false;
  }
}

function showReport(report: CollectivitesImportReport): void {
  const lines = [
    report.added === 0
      ? 'Aucune collectivité ajoutée.'
      : `${n(report.added)} collectivité(s) ajoutée(s) : ${n(report.toAddCommunes)} communes et ${n(report.toAddEpci)} EPCI (${report.firstId} à ${report.lastId}).`,
    `${n(report.scored)} notée(s) (score ICP, température, segment).`,
    `${n(report.alreadyPresent)} déjà présente(s)` +
      (report.alreadyArchived > 0
        ? `, dont ${n(report.alreadyArchived)} archivée(s) non réimportée(s).`
        : '.'),
    `${n(report.skippedByFilter)} hors filtres.`,
  ];
  resultBox.replaceChildren(
    el('h2', {}, 'Import terminé'),
    el('ul', {}, ...lines.map((line) => el('li', {}, line))),
  );
  previewLine.textContent = '';
}

function render(): void {
  const app = document.getElementById('app');
  if (!app) return;
  const floor = n(ETALAB_INFO.communeFloor);
  app.replaceChildren(
    el(
      'p',
      { class: 'intro' },
      'Ajoute à l’onglet Organisations les communes et EPCI qui n’y sont pas encore, avec SIREN, ' +
        'population, département, région et EPCI, et calcule leur score ICP. Une collectivité déjà ' +
        'présente, même archivée, n’est jamais ajoutée une seconde fois.',
    ),
    el(
      'fieldset',
      {},
      el('legend', {}, 'Type'),
      el('label', {}, form.communes, ' Communes'),
      el('label', {}, form.epci, ' EPCI (intercommunalités)'),
    ),
    el(
      'fieldset',
      {},
      el('legend', {}, 'Taille'),
      el('label', { for: 'min-population' }, 'Population minimale (habitants) '),
      form.population,
      el(
        'p',
        { class: 'hint', id: 'population-hint' },
        `S’applique aux communes et aux EPCI. Les données embarquées comptent les communes d’au moins ${floor} habitants et tous les EPCI.`,
      ),
    ),
    el(
      'fieldset',
      {},
      el('legend', {}, 'Territoire'),
      el(
        'p',
        { class: 'hint' },
        'Cochez une région entière, ou ouvrez-la pour choisir des départements. ',
        territoryCount,
      ),
      regionList,
    ),
    previewLine,
    errorBox,
    resultBox,
    el('div', { class: 'actions' }, cancelButton, importButton),
    el(
      'p',
      { class: 'source' },
      `Source : ${ETALAB_INFO.package} ${ETALAB_INFO.version} (Etalab, découpage administratif, population municipale).`,
    ),
  );
}

render();
form.communes.addEventListener('change', schedulePreview);
form.epci.addEventListener('change', schedulePreview);
form.population.addEventListener('input', schedulePreview);
regionList.addEventListener('change', schedulePreview);
cancelButton.addEventListener('click', () => google.script.host.close());
importButton.addEventListener('click', () => void runImport());
schedulePreview();
