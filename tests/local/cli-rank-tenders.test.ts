/**
 * `npm run crm -- rank-tenders <file.json>` end to end: a real process, the saved API page and a
 * bare array of records (hand-made notices), one JSON line per notice.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tempDir } from './helpers';

const ROOT = path.resolve(__dirname, '../..');

function crm(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'src/local/cli/main.ts'), ...args],
    { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, INIT_CWD: ROOT } },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const lines = (stdout: string): unknown[] =>
  stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as unknown);

describe('npm run crm -- rank-tenders', () => {
  it('ranks the records of a saved Explore API page ({ results: [...] })', () => {
    const out = crm('rank-tenders', '../shared/data/boamp/notices-full-mapa-2024.json');
    expect(out.status).toBe(0);
    expect(lines(out.stdout)).toEqual([
      { idweb: '24-76932', score: 0, level: 'Hors cible', matched: [] },
      { idweb: '24-76638', score: 0, level: 'Hors cible', matched: [] },
    ]);
  });

  it('ranks a bare array of records, fields missing or not', () => {
    const file = path.join(tempDir(), 'notices.json');
    fs.writeFileSync(
      file,
      JSON.stringify([
        // Hand-made notices.
        { idweb: '26-1', objet: 'Installation de ruches sur les toits de la mairie', dc: ['118'] },
        { idweb: '26-2', objet: 'Atlas de la biodiversité communale', code_departement: ['35'] },
        { idweb: '26-3', objet: 'Construction de la crèche Les Abeilles' },
        { objet: null },
      ]),
    );
    const out = crm('rank-tenders', file);
    expect(out.status).toBe(0);
    expect(lines(out.stdout)).toEqual([
      {
        idweb: '26-1',
        score: 45,
        level: 'Cœur',
        matched: ['ruche', 'descripteur Etude (118)'],
      },
      {
        idweb: '26-2',
        score: 45,
        level: 'Adjacent',
        matched: ['atlas de la biodiversité communale'],
      },
      { idweb: '26-3', score: 0, level: 'Hors cible', matched: [] },
      { idweb: null, score: 0, level: 'Hors cible', matched: [] },
    ]);
  });

  it('fails with exit code 1 and a French message on a file it cannot read', () => {
    const file = path.join(tempDir(), 'bad.json');
    fs.writeFileSync(file, '{"total_count": 1}');
    const out = crm('rank-tenders', file);
    expect(out.status).toBe(1);
    expect(out.stderr).toContain('un tableau d’avis ou un objet { results: [...] } est attendu');
    expect(crm('rank-tenders').stderr).toContain('fichier JSON manquant');
  });
});
