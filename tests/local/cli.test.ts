/** `npm run crm` end to end: a real process on a temporary workbook, exit codes and output. */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { tempDir } from './helpers';

const ROOT = path.resolve(__dirname, '../..');

function crm(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'src/local/cli/main.ts'), ...args],
    {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run crm', () => {
  const workbook = path.join(tempDir(), 'cli.xlsx');

  it('creates the demo workbook and prints a server function’s JSON result', () => {
    const out = crm('call', 'getSidebarState', '--workbook', workbook);
    expect(out.status).toBe(0);
    const result = JSON.parse(out.stdout) as {
      ok: boolean;
      data: { tabs: Array<{ name: string; records: number }> };
    };
    expect(result.ok).toBe(true);
    expect(result.data.tabs.find((t) => t.name === 'Contacts')?.records).toBeGreaterThan(0);
  });

  it('runs a menu item by caption and prints its dialog', () => {
    const out = crm('--workbook', workbook, 'menu', 'Installer / réparer la structure');
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('La structure est déjà à jour');
  });

  it('exports a tab as CSV and reports the last run’s service calls', () => {
    const csv = crm('export', 'Parametres', '--csv', '--workbook', workbook);
    expect(csv.status).toBe(0);
    expect(csv.stdout.split('\r\n')[0]).toBe('Clé,Valeur,Description');
    const stats = JSON.parse(crm('stats', '--workbook', workbook).stdout) as Record<string, number>;
    expect(stats['Range.getValues']).toBeGreaterThan(0);
  });

  it('fails with exit code 1 and a message for an unknown function', () => {
    const out = crm('call', 'fonctionInconnue', '--workbook', workbook);
    expect(out.status).toBe(1);
    expect(out.stderr).toContain('fonctionInconnue');
  });
});
