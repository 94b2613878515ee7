/**
 * `npm run collectivites`: writes the collectivités universe the add-on bundles
 * (src/core/collectivites/etalab-*.ts) from the Etalab package `@etalab/decoupage-administratif`.
 *
 * Why bundled and committed rather than fetched or generated at build: Apps Script has no file
 * system and the data changes once a year, so it travels inside Code.js; committing the output
 * keeps `tsc`, the tests and `npm run build` independent of this step, and a diff of the files
 * shows what a new version of the package changed (tests/build/collectivites-data.test.ts fails
 * while the committed files lag behind the installed package).
 *
 * What is kept, and why:
 * - every EPCI (1,255: all are targets, and they are few);
 * - the communes of at least COMMUNE_FLOOR inhabitants that have a SIREN. The target is 5,000
 *   (DESIGN.md §1), but the ICP's fit dimension already gives points from 2,000 inhabitants, so
 *   the team can lower the minimum to 2,000 in the dialog; below that a commune scores as a
 *   non-target and the bundle would double (10,000 communes ≥ 1,000, 35,000 in all). Communes
 *   without SIREN (the collectivités d'outre-mer: Polynésie, Nouvelle-Calédonie…) cannot be
 *   deduplicated and are not in SIRENE's public sector either: they are counted, not kept.
 * - only the fields the Organisations tab takes, as one string per table (`;` between fields,
 *   `|` between rows): a string literal costs Apps Script almost nothing to parse at each
 *   execution, where an array of 7,000 objects would be compiled every time.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const COMMUNE_FLOOR = 2_000;
/** The DESIGN.md §1 target, counted for the record. */
const TARGET_POPULATION = 5_000;

const ROOT = path.resolve(__dirname, '..');
export const OUTPUT_DIR = path.join(ROOT, 'src/core/collectivites');
export const TERRITORIES_FILE = 'etalab-territories.ts';
export const ROWS_FILE = 'etalab-rows.ts';

interface EtalabCommune {
  code: string;
  nom: string;
  type: string;
  departement: string;
  region: string;
  siren?: string;
  population?: number;
  codesPostaux?: string[];
}

interface EtalabEpci {
  code: string;
  nom: string;
  populationMunicipale: number;
  membres: Array<{ code: string }>;
}

interface EtalabArea {
  code: string;
  nom: string;
  region?: string;
}

/** What the two modules export, as values: the test compares them with the committed files. */
export interface CollectivitesData {
  readonly info: {
    readonly package: string;
    readonly version: string;
    readonly communeFloor: number;
    readonly communes: number;
    readonly epci: number;
    readonly communesOver5000: number;
    readonly communesOver5000WithoutSiren: number;
  };
  readonly regions: Array<[string, string]>;
  readonly departements: Array<[string, string, string]>;
  readonly epciRows: string;
  readonly communeRows: string;
}

export function etalabDir(): string {
  return path.dirname(require.resolve('@etalab/decoupage-administratif/package.json'));
}

function readJson<T>(dir: string, file: string): T {
  return JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as T;
}

/** A name or code as it goes into a row: the separators must not occur in it. */
function field(value: string | number): string {
  const text = String(value);
  if (/[;|\n]/.test(text)) throw new Error(`Séparateur dans une valeur Etalab : ${text}`);
  return text;
}

export function buildCollectivitesData(dir = etalabDir()): CollectivitesData {
  const { version } = readJson<{ version: string }>(dir, 'package.json');
  const data = path.join(dir, 'data');
  const allCommunes = readJson<EtalabCommune[]>(data, 'communes.json').filter(
    (c) => c.type === 'commune-actuelle',
  );
  const epcis = readJson<EtalabEpci[]>(data, 'epci.json').sort((a, b) =>
    a.code.localeCompare(b.code),
  );
  const regions = readJson<EtalabArea[]>(data, 'regions.json');
  const departements = readJson<EtalabArea[]>(data, 'departements.json');

  const byCode = new Map(allCommunes.map((c) => [c.code, c]));
  const epciIndexOfCommune = new Map<string, number>();
  epcis.forEach((epci, index) => {
    for (const member of epci.membres) epciIndexOfCommune.set(member.code, index);
  });

  const population = (c: EtalabCommune) => c.population ?? 0;
  const over = (min: number) => allCommunes.filter((c) => population(c) > min);
  const communes = allCommunes
    .filter((c) => c.siren && population(c) >= COMMUNE_FLOOR)
    .sort((a, b) => a.code.localeCompare(b.code));

  // The package gives no seat: an EPCI is placed in the département of its most populous member,
  // which is its seat in almost every case and at least where most of its people live.
  const epciDepartement = epcis.map((epci) => {
    const members = epci.membres.flatMap((m) => {
      const commune = byCode.get(m.code);
      return commune ? [commune] : [];
    });
    const main = members.sort((a, b) => population(b) - population(a))[0];
    if (!main) throw new Error(`EPCI ${epci.code} sans commune membre connue`);
    return main.departement;
  });

  const epciRows = epcis.map((epci, index) =>
    [epci.code, epci.populationMunicipale, epciDepartement[index] ?? '', epci.nom]
      .map(field)
      .join(';'),
  );
  const communeRows = communes.map((c) =>
    [
      c.siren ?? '',
      population(c),
      c.departement,
      epciIndexOfCommune.get(c.code) ?? '',
      c.codesPostaux?.[0] ?? '',
      c.nom,
    ]
      .map(field)
      .join(';'),
  );

  // Only the territories that hold a kept collectivité are offered as filters.
  const usedDepartements = new Set([...communes.map((c) => c.departement), ...epciDepartement]);
  const keptDepartements = departements
    .filter((d) => usedDepartements.has(d.code))
    .sort((a, b) => a.code.localeCompare(b.code));
  const usedRegions = new Set(keptDepartements.map((d) => d.region));
  const keptRegions = regions
    .filter((r) => usedRegions.has(r.code))
    .sort((a, b) => a.nom.localeCompare(b.nom, 'fr'));

  const overTarget = over(TARGET_POPULATION);
  const info = {
    package: '@etalab/decoupage-administratif',
    version,
    communeFloor: COMMUNE_FLOOR,
    communes: communes.length,
    epci: epcis.length,
    communesOver5000: overTarget.length,
    communesOver5000WithoutSiren: overTarget.filter((c) => !c.siren).length,
  };

  return {
    info,
    regions: keptRegions.map((r): [string, string] => [r.code, r.nom]),
    departements: keptDepartements.map((d): [string, string, string] => [
      d.code,
      d.nom,
      d.region ?? '',
    ]),
    epciRows: epciRows.join('|'),
    communeRows: communeRows.join('|'),
  };
}

/** The two modules' sources, formatted as the repository's Prettier wants them. */
async function renderModules(data: CollectivitesData): Promise<Record<string, string>> {
  const { info } = data;
  const header = (what: string) =>
    [
      '/**',
      ` * ${what}`,
      ` * Generated by tools/make-collectivites.ts from ${info.package} ${info.version}: do not edit,`,
      ' * run `npm run collectivites`.',
      ' */',
    ].join('\n');

  const territories = [
    header('The régions and départements of the bundled collectivités, and what the data holds.'),
    `export const ETALAB_INFO = ${JSON.stringify(info)} as const;`,
    '',
    '/** [code, name], by name. */',
    `export const REGIONS: ReadonlyArray<readonly [string, string]> = ${JSON.stringify(data.regions)};`,
    '',
    '/** [code, name, région code], by code. */',
    `export const DEPARTEMENTS: ReadonlyArray<readonly [string, string, string]> = ${JSON.stringify(
      data.departements,
    )};`,
    '',
  ].join('\n');

  const rows = [
    header(
      `Every EPCI and the ${info.communes.toLocaleString('en-US')} communes of ≥ ${info.communeFloor.toLocaleString('en-US')} inhabitants with a SIREN.`,
    ),
    '',
    '/** `siren;population;département;name`, by SIREN; a commune names its EPCI by index here. */',
    `export const EPCI_ROWS = ${JSON.stringify(data.epciRows)};`,
    '',
    '/** `siren;population;département;EPCI index or empty;first postal code;name`, by INSEE code. */',
    `export const COMMUNE_ROWS = ${JSON.stringify(data.communeRows)};`,
    '',
  ].join('\n');

  // Loaded here only: Prettier 3 cannot be required inside Jest, which imports this module.
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(path.join(OUTPUT_DIR, ROWS_FILE))) ?? {};
  const format = (source: string) => prettier.format(source, { ...options, parser: 'typescript' });
  return { [TERRITORIES_FILE]: await format(territories), [ROWS_FILE]: await format(rows) };
}

async function main(): Promise<void> {
  const data = buildCollectivitesData();
  const files = await renderModules(data);
  fs.mkdirSync(OUTPUT_DIR, { recursive: true });
  for (const [name, source] of Object.entries(files)) {
    fs.writeFileSync(path.join(OUTPUT_DIR, name), source);
    console.error(
      `${path.relative(process.cwd(), path.join(OUTPUT_DIR, name))} (${source.length} caractères)`,
    );
  }
  const { info } = data;
  console.error(
    `${info.package} ${info.version} : ${info.communes} communes ≥ ${info.communeFloor} habitants ` +
      `avec SIREN, ${info.epci} EPCI, ${data.departements.length} départements, ` +
      `${data.regions.length} régions (${info.communesOver5000} communes > ${TARGET_POPULATION} ` +
      `habitants dans le paquet, dont ${info.communesOver5000WithoutSiren} sans SIREN).`,
  );
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
