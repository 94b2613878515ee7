/**
 * What every browser test needs: the local server of `npm start` on a workbook of its own (a
 * copy of the demo, or blank), Debian's Chromium through playwright-core (no browser download),
 * the page with its sidebar iframe, screenshots into artifacts/screenshots/, and the page's own
 * API to read what the workbook holds. Each test file starts its own server, so files can run in
 * parallel without seeing each other's writes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  chromium,
  type Browser,
  type FrameLocator,
  type Locator,
  type Page,
} from 'playwright-core';
import { getTab } from '../../src/core/schema/tabs';
import type { TabKey } from '../../src/core/schema/types';
import type { PageState } from '../../src/local/web/page-state';

export const ROOT = path.resolve(__dirname, '../..');
export const SHOTS = path.join(ROOT, 'artifacts/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Google's sidebar is 300 px wide; the local page draws its iframe at that width. */
export const SIDEBAR_WIDTH = 300;
/** Long enough for a cold server call on a busy CI machine, short enough to fail fast. */
export const WAIT_MS = 15_000;

export interface LocalServer {
  readonly url: string;
  readonly workbook: string;
  stop(): Promise<void>;
}

export interface ServerOptions {
  /** A new workbook without the CRM structure (`--blank`) instead of the demo workbook. */
  readonly blank?: boolean;
  /** The script's clock (`--now`), ISO. */
  readonly now?: string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * `npm start` minus the build (the e2e script builds once before Jest): src/local/server/main.ts
 * on a fresh workbook in a temporary folder, which it creates from the demo data unless `blank`.
 */
export async function startServer(options: ServerOptions = {}): Promise<LocalServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-e2e-'));
  const workbook = path.join(dir, 'crm.xlsx');
  const port = await freePort();
  const args = ['--import', 'tsx', path.join(ROOT, 'src/local/server/main.ts')];
  args.push('--workbook', workbook);
  if (options.blank) args.push('--blank');
  if (options.now) args.push('--now', options.now);
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // A Jest worker that ends without afterAll (a crash, a timeout) must not leave a server behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(`http://localhost:${port}`)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${String(code)}:\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    workbook,
    stop: () => stopChild(child, dir),
  };
}

function stopChild(child: ChildProcess, dir: string): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      fs.rmSync(dir, { recursive: true, force: true });
      resolve();
    };
    if (child.exitCode !== null || child.signalCode !== null) return done();
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      done();
    });
    child.kill('SIGTERM');
  });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
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
}

export interface CrmPage {
  readonly page: Page;
  /** The sidebar's document (the iframe of the page). */
  readonly sidebar: FrameLocator;
}

/**
 * Opens the page as a user opens the spreadsheet, waits for the sidebar's first view, and checks
 * the sidebar is drawn at Google's width, so every test and screenshot is at 300 px.
 */
export async function openCrm(
  browser: Browser,
  server: LocalServer,
  viewport = { width: 1280, height: 900 },
): Promise<CrmPage> {
  // A French user's browser (navigator.language, Accept-Language, the clock's zone).
  const page = await browser.newPage({ viewport, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  page.setDefaultTimeout(WAIT_MS);
  await page.goto(`${server.url}/`);
  await page.locator('#tabs .tab').first().waitFor();
  const frame = page.locator('#sidebar');
  const box = await frame.boundingBox();
  if (!box || Math.round(box.width) !== SIDEBAR_WIDTH)
    throw new Error(`sidebar iframe is ${String(box?.width)} px wide, not ${SIDEBAR_WIDTH}`);
  const sidebar = page.frameLocator('#sidebar');
  await sidebar.locator('#nav-home').waitFor();
  return { page, sidebar };
}

export interface CrmSession extends CrmPage {
  readonly server: LocalServer;
  readonly browser: Browser;
  /** Closes the browser and stops the server; safe to call after a failed start. */
  close(): Promise<void>;
}

/**
 * A server of its own and Chromium, started side by side, and the page opened: what a test
 * file's beforeAll needs. If any part fails to start, the parts that did are stopped before the
 * error is thrown, so that no Chromium or server keeps Jest from exiting.
 */
export async function startSession(
  options: ServerOptions & { viewport?: { width: number; height: number } } = {},
): Promise<CrmSession> {
  const [server, browser] = await Promise.allSettled([startServer(options), launchChromium()]);
  const stop = async () => {
    if (browser.status === 'fulfilled') await browser.value.close();
    if (server.status === 'fulfilled') await server.value.stop();
  };
  if (server.status === 'rejected' || browser.status === 'rejected') {
    await stop();
    throw server.status === 'rejected' ? server.reason : (browser as PromiseRejectedResult).reason;
  }
  try {
    const crm = await openCrm(browser.value, server.value, options.viewport);
    return { ...crm, server: server.value, browser: browser.value, close: stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Waits until one element of `locator` contains `text`. */
export async function expectText(locator: Locator, text: string | RegExp): Promise<Locator> {
  const found = locator.filter({ hasText: text }).first();
  await found.waitFor({ timeout: WAIT_MS });
  return found;
}

/**
 * Two screenshots of a step: the whole page (grid and sidebar) as `<name>.png`, and the sidebar
 * alone, at its 300 px, as `<name>.sidebar.png` — the one to read the panel's text on. Every
 * step shot is also a check that nothing in the sidebar is wider than the panel (a horizontal
 * scrollbar in a 300 px sidebar hides the end of every line).
 */
export async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
  await page.locator('#sidebar').screenshot({ path: path.join(SHOTS, `${name}.sidebar.png`) });
  const { scrollWidth, clientWidth } = await page
    .frameLocator('#sidebar')
    .locator('html')
    .evaluate((root) => ({ scrollWidth: root.scrollWidth, clientWidth: root.clientWidth }));
  if (scrollWidth > clientWidth)
    throw new Error(`${name}: the sidebar is ${scrollWidth} px wide, more than ${clientWidth} px`);
}

/** What the page's own API says the workbook holds, as the grid shows it. */
export async function pageState(server: LocalServer): Promise<PageState> {
  const response = await fetch(`${server.url}/api/state`);
  return (await response.json()) as PageState;
}

/** Records of a tab (rows under the header), from the page's API, as the grid footer counts them. */
export async function recordCount(server: LocalServer, sheetName: string): Promise<number> {
  const sheet = (await pageState(server)).sheets.find((s) => s.name === sheetName);
  if (!sheet) throw new Error(`no sheet ${sheetName}`);
  return Math.max(sheet.rowCount - 1, 0);
}

/** The display values of a tab's first rows (header first), from the page's API. */
export async function sheetRows(server: LocalServer, sheetName: string): Promise<string[][]> {
  const sheet = (await pageState(server)).sheets.find((s) => s.name === sheetName);
  if (!sheet) throw new Error(`no sheet ${sheetName}`);
  return sheet.rows;
}

/**
 * The rows of a tab as the grid shows them, keyed by the schema's field keys (headers come from
 * the schema, the single source of truth, not from the test): what a test reads to find its
 * records in the demo data without hard-coding IDs.
 */
export async function sheetRecords(
  server: LocalServer,
  tabKey: TabKey,
): Promise<Array<Record<string, string>>> {
  const tab = getTab(tabKey);
  const [header = [], ...rows] = await sheetRows(server, tab.name);
  const keys = header.map((h) => tab.fields.find((f) => f.header === h)?.key ?? h);
  return rows
    .filter((row) => row.some((cell) => cell !== ''))
    .map((row) => Object.fromEntries(keys.map((k, i) => [k, row[i] ?? ''])));
}

/** The functions the sidebar called through google.script.run, in order, from now on. */
export function recordCalls(page: Page): string[] {
  const calls: string[] = [];
  page.on('request', (request) => {
    if (request.method() !== 'POST' || !request.url().endsWith('/api/run')) return;
    const body = JSON.parse(request.postData() ?? '{}') as { functionName?: string };
    calls.push(body.functionName ?? '?');
  });
  return calls;
}

export interface RunCall {
  readonly name: string;
  readonly args: unknown[];
}

/** Like recordCalls, with each call's arguments. */
export function recordRuns(page: Page): RunCall[] {
  const calls: RunCall[] = [];
  page.on('request', (request) => {
    if (request.method() !== 'POST' || !request.url().endsWith('/api/run')) return;
    const body = JSON.parse(request.postData() ?? '{}') as {
      functionName?: string;
      args?: unknown[];
    };
    calls.push({ name: body.functionName ?? '?', args: body.args ?? [] });
  });
  return calls;
}

/** A server function called as the sidebar calls it (google.script.run), answering its data. */
export async function callApi<T>(
  server: LocalServer,
  name: string,
  ...args: unknown[]
): Promise<T> {
  const response = await fetch(`${server.url}/api/run`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ functionName: name, args }),
  });
  const run = (await response.json()) as {
    ok: boolean;
    value?: { ok: boolean; data?: T; message?: string };
  };
  if (!run.ok || !run.value?.ok) throw new Error(`${name}: ${JSON.stringify(run)}`);
  return run.value.data as T;
}

/** Opens a tab of the grid, as clicking it at the bottom of Sheets does. */
export async function showSheet(page: Page, sheetName: string): Promise<Locator> {
  await page.locator('#tabs .tab', { hasText: new RegExp(`^${sheetName}$`) }).click();
  const table = page.locator(`#grid table[data-sheet="${sheetName}"]`);
  await table.waitFor();
  return table;
}

/** Scrolls the sidebar's document to an element, so a screenshot shows it. */
export async function scrollIntoView(locator: Locator): Promise<void> {
  await locator.scrollIntoViewIfNeeded();
}
