/**
 * The local web server of `npm start`: the page (grid, menu, sidebar iframe), the sidebar with
 * its google.script.run bridge, and the JSON endpoints that run the add-on in the local runtime.
 * It listens on 127.0.0.1 only.
 */
import { buildSync } from 'esbuild';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import type { LocalRuntime } from '../runtime/runtime';
import type { RecordedMenu } from '../runtime/env';
import type { MenuRunResponse, PageState } from '../web/page-state';
import { readSheetViews } from './sheet-views';

const WEB_DIR = path.resolve(__dirname, '../web');
const MAX_BODY_BYTES = 10 * 1024 * 1024;

function bundle(entry: string): string {
  const result = buildSync({
    entryPoints: [path.join(WEB_DIR, entry)],
    bundle: true,
    format: 'iife',
    target: 'es2020',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  return (result.outputFiles[0]?.text ?? '').replace(/<\/script/gi, '<\\/script');
}

export interface AppServer {
  server: http.Server;
  /** The menus recorded by the last onOpen (run when the page loads, as opening the sheet). */
  menus(): RecordedMenu[];
}

export function createAppServer(runtime: LocalRuntime): AppServer {
  const pageHtml = fs
    .readFileSync(path.join(WEB_DIR, 'page.html'), 'utf8')
    .replace('/* INLINE_JS */', () => bundle('app.ts'));
  const bridge = `<script>${bundle('gas-bridge.ts')}</script>`;
  let menus: RecordedMenu[] = [];
  // The last HTML dialog a menu item showed; the page loads it in an iframe from /dialog.
  let dialogHtml = '';

  const openSpreadsheet = () => {
    const result = runtime.run({
      functionName: 'onOpen',
      args: [{ authMode: 'LIMITED' }],
      kind: 'simple',
    });
    menus = result.ui.menus;
  };

  const pageState = (): PageState => ({
    mode: runtime.mode,
    workbookPath: runtime.workbookPath,
    nowIso: runtime.now().toISOString(),
    menus,
    sheets: readSheetViews(runtime),
  });

  const routes: Record<
    string,
    (body: unknown, url: URL) => { status: number; type: string; body: string }
  > = {
    'GET /': () => ({ status: 200, type: 'text/html; charset=utf-8', body: pageHtml }),
    'GET /sidebar': () => {
      const html = fs.readFileSync(path.join(runtime.distDir, 'Sidebar.html'), 'utf8');
      return {
        status: 200,
        type: 'text/html; charset=utf-8',
        body: html.replace(/<head>/i, (m) => `${m}\n${bridge}`),
      };
    },
    'GET /dialog': () => ({
      status: 200,
      type: 'text/html; charset=utf-8',
      body: dialogHtml.replace(/<head>/i, (m) => `${m}\n${bridge}`),
    }),
    'GET /api/state': (_body, url) => {
      if (url.searchParams.get('open') === '1' || menus.length === 0) openSpreadsheet();
      return json(pageState());
    },
    'POST /api/run': (body) => {
      const { functionName, args } = body as { functionName?: unknown; args?: unknown };
      if (typeof functionName !== 'string')
        return json({ ok: false, error: { name: 'Error', message: 'functionName manquant' } }, 400);
      const result = runtime.run({
        functionName,
        args: Array.isArray(args) ? args : [],
        kind: 'sidebar',
      });
      return json({
        ok: result.ok,
        value: result.value,
        error: result.error && { name: result.error.name, message: result.error.message },
      });
    },
    'POST /api/menu': (body) => {
      const { functionName } = body as { functionName?: unknown };
      if (typeof functionName !== 'string')
        return json({ ok: false, error: { name: 'Error', message: 'functionName manquant' } }, 400);
      const result = runtime.run({ functionName, kind: 'menu' });
      const dialog = result.ui.dialogs.find((d) => d.kind !== 'sidebar');
      if (dialog) dialogHtml = dialog.html;
      const response: MenuRunResponse = {
        ok: result.ok,
        error: result.error && { name: result.error.name, message: result.error.message },
        alerts: result.ui.alerts.map((a) => ({ title: a.title, prompt: a.prompt })),
        toasts: result.ui.toasts.map((t) => ({ message: t.message, title: t.title })),
        openedSidebar: result.ui.dialogs.some((d) => d.kind === 'sidebar'),
        dialog: dialog ? { title: dialog.title } : null,
      };
      return json(response);
    },
    'POST /api/select': (body) => {
      const { sheet, row, column } = body as { sheet?: unknown; row?: unknown; column?: unknown };
      if (typeof sheet !== 'string' || typeof row !== 'number' || typeof column !== 'number') {
        return json({ ok: false }, 400);
      }
      runtime.select(sheet, row, column);
      return json({ ok: true });
    },
    'POST /api/triggers/run': () => {
      const results = runtime.runDueTriggers();
      return json({
        fired: results.length,
        errors: results.filter((r) => !r.ok).map((r) => r.error?.message),
      });
    },
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // The web app's URL (ScriptApp.getService().getUrl() here): a Make scenario or curl posts
    // to it as to the deployed /exec, and gets what doPost returned, unparsed.
    if (url.pathname === '/exec' && (req.method === 'POST' || req.method === 'GET')) {
      readText(req)
        .then((body) => {
          const query = Object.fromEntries(url.searchParams);
          const result =
            req.method === 'POST'
              ? runtime.runWebApp('doPost', {
                  body,
                  contentType: req.headers['content-type'] ?? 'application/json',
                  query,
                })
              : runtime.runWebApp('doGet', { query });
          const out = result.response;
          res
            .writeHead(out ? 200 : 500, {
              'content-type': `${out?.contentType ?? 'text/plain'}; charset=utf-8`,
            })
            .end(out ? out.content : (result.error?.message ?? 'Aucune réponse du script.'));
        })
        .catch((error: unknown) => {
          res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(String(error));
        });
      return;
    }
    const route = routes[`${req.method ?? 'GET'} ${url.pathname}`];
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Introuvable');
      return;
    }
    readBody(req)
      .then((body) => {
        const answer = route(body, url);
        res
          .writeHead(answer.status, { 'content-type': answer.type, 'cache-control': 'no-store' })
          .end(answer.body);
      })
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        res
          .writeHead(500, { 'content-type': 'application/json' })
          .end(JSON.stringify({ ok: false, error: { name: 'Error', message } }));
      });
  });
  return { server, menus: () => menus };
}

function json(value: unknown, status = 200): { status: number; type: string; body: string } {
  return { status, type: 'application/json; charset=utf-8', body: JSON.stringify(value) };
}

function readBody(req: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    if (req.method === 'GET' || req.method === 'HEAD') {
      resolve(undefined);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('Requête trop volumineuse'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(text === '' ? {} : JSON.parse(text));
      } catch {
        reject(new Error('Corps JSON invalide'));
      }
    });
    req.on('error', reject);
  });
}

function readText(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('Requête trop volumineuse'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
