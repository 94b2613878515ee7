/**
 * The bundled collectivités and their dialog, as `npm run build` ships them: the committed data
 * is what `npm run collectivites` makes from the installed Etalab package, the dialog is inlined
 * into dist/ImportDialog.html without the data, and .claspignore lets every built file through.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  DEPARTEMENTS,
  ETALAB_INFO,
  REGIONS,
} from '../../src/core/collectivites/etalab-territories';
import { COMMUNE_ROWS, EPCI_ROWS } from '../../src/core/collectivites/etalab-rows';
import { buildCollectivitesData } from '../../tools/make-collectivites';

const root = path.resolve(__dirname, '../..');
const dist = path.join(root, 'dist');

describe('bundled collectivités', () => {
  it('are up to date with the installed @etalab/decoupage-administratif (npm run collectivites)', () => {
    const data = buildCollectivitesData();
    expect(ETALAB_INFO).toEqual(data.info);
    expect(REGIONS).toEqual(data.regions);
    expect(DEPARTEMENTS).toEqual(data.departements);
    // Compared as booleans: a failing diff of 280 kB strings would help nobody.
    expect(EPCI_ROWS === data.epciRows).toBe(true);
    expect(COMMUNE_ROWS === data.communeRows).toBe(true);
  });

  it('ship the import dialog inlined, without the data rows', () => {
    const html = fs.readFileSync(path.join(dist, 'ImportDialog.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('<html lang="fr">');
    expect(html).not.toContain('INLINE_JS');
    expect(html).not.toContain('INLINE_CSS');
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).toContain('Importer des collectivités cibles');
    // The dialog needs the territories only; the rows stay in Code.js.
    expect(html).not.toContain(EPCI_ROWS.slice(0, 40));
    expect(html.length).toBeLessThan(40_000);
  });

  it('are pushed: .claspignore lets every file of dist/ through, and only those', () => {
    const allowed = fs
      .readFileSync(path.join(root, '.claspignore'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('!'))
      .map((line) => line.slice(1).trim());
    expect(fs.readdirSync(dist).sort()).toEqual(allowed.sort());
  });
});
