/**
 * The real sidebar in Debian's Chromium (playwright-core, no browser download), against the
 * local server of `npm start` on a blank workbook: run the setup menu item, see the tabs appear in
 * the grid and the record counts in the sidebar. Screenshots go to artifacts/screenshots/.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const ROOT = path.resolve(__dirname, '../..');
const SHOTS = path.join(ROOT, 'artifacts/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PORT = 18000 + (process.pid % 1000);

let server: ChildProcess;
let browser: Browser;
let page: Page;

function startServer(workbook: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(ROOT, 'src/local/server/main.ts'),
        '--workbook',
        workbook,
        '--blank',
      ],
      { cwd: ROOT, env: { ...process.env, PORT: String(PORT) }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(`http://localhost:${PORT}`)) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-e2e-'));
  server = await startServer(path.join(dir, 'crm.xlsx'));
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
});

afterAll(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
});

test('setup from the menu creates the tabs, and the sidebar counts the records', async () => {
  await page.goto(`http://127.0.0.1:${PORT}/`);
  await page.locator('#banner').waitFor({ state: 'visible' });
  await page.locator('#tabs .tab', { hasText: 'Feuille 1' }).waitFor();
  const sidebar = page.frameLocator('#sidebar');
  await sidebar.locator('#setup').waitFor();
  await page.screenshot({ path: path.join(SHOTS, '01-blank-workbook.png') });

  await page.getByRole('button', { name: 'CRM UTPLA ▾' }).click();
  await page.getByRole('button', { name: 'Installer / réparer la structure' }).click();
  await page.locator('#dialog[open]').waitFor();
  await expectText(page.locator('#dialog-body'), 'Onglet « Organisations » créé');
  await page.screenshot({ path: path.join(SHOTS, '02-setup-report.png') });
  await page.locator('#dialog-ok').click();

  for (const name of ['Organisations', 'Contacts', 'Opportunites', 'Journal', 'Parametres']) {
    await page.locator('#tabs .tab', { hasText: name }).waitFor();
  }
  await page.locator('#tabs .tab', { hasText: 'Contacts' }).click();
  await expectText(page.locator('#grid table'), 'Prénom');

  await sidebar.locator('[data-testid="count-Parametres"]').waitFor();
  const count = await sidebar.locator('[data-testid="count-Parametres"]').textContent();
  expect(Number(count)).toBeGreaterThan(0);
  expect(await sidebar.locator('[data-testid="count-Contacts"]').textContent()).toBe('0');
  await page.screenshot({ path: path.join(SHOTS, '03-after-setup.png') });

  await sidebar.locator('#automations-toggle').click();
  await expectText(sidebar.locator('#automations-state'), 'Activées');
  await page.screenshot({ path: path.join(SHOTS, '04-automations-on.png') });
});

async function expectText(locator: ReturnType<Page['locator']>, text: string): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ timeout: 15_000 });
}
