/**
 * `npm run build`: turns src/server (with core) into dist/Code.js, inlines the sidebar into
 * dist/Sidebar.html and copies appsscript.json — exactly what `clasp push` sends.
 *
 * Why our own step around gas-entry-generator rather than a bundler plugin: esbuild-gas-plugin
 * pulls an old esbuild and TypeScript 5 into the tree and gas-webpack-plugin needs webpack. The
 * published gas-entry-generator (2.6) only sees `global.x = ...` assignments, so the entry
 * declares them (src/server/main.ts), we bind `global` to the Apps Script global object, and we
 * prepend the top-level stubs it generates. Function declarations are hoisted, then the IIFE
 * replaces each stub with the real implementation.
 */
import { build } from 'esbuild';
import { generate } from 'gas-entry-generator';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');

async function buildServer(): Promise<string[]> {
  const result = await build({
    entryPoints: [path.join(root, 'src/server/main.ts')],
    bundle: true,
    format: 'iife',
    // V8 in Apps Script; es2020 keeps the output parseable by gas-entry-generator's parser.
    target: 'es2020',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    write: false,
    charset: 'utf8',
    legalComments: 'none',
    tsconfig: path.join(root, 'src/server/tsconfig.json'),
    logLevel: 'warning',
  });
  const bundle = result.outputFiles[0]?.text ?? '';
  const { entryPointFunctions } = generate(bundle, { comment: false });
  const names = [...entryPointFunctions.matchAll(/function\s+([A-Za-z_$][\w$]*)\s*\(/g)].map(
    (m) => m[1] ?? '',
  );
  const code = [
    '// CRM UTPLA — built by `npm run build` from src/server; do not edit.',
    entryPointFunctions.trim(),
    'var global = this;',
    bundle,
  ].join('\n');
  fs.writeFileSync(path.join(dist, 'Code.js'), code);
  return names;
}

async function buildSidebar(): Promise<void> {
  const result = await build({
    entryPoints: [path.join(root, 'src/sidebar/main.ts')],
    bundle: true,
    format: 'iife',
    target: 'es2019',
    platform: 'browser',
    minify: true,
    write: false,
    charset: 'utf8',
    legalComments: 'none',
    tsconfig: path.join(root, 'src/sidebar/tsconfig.json'),
    // The sidebar runs core validation before calling the server. Its phone check uses
    // libphonenumber-js with the `max` metadata (real number ranges): ~195 kB minified that the
    // browser would download at every sidebar opening. The `min` metadata has the same API and
    // only checks lengths, so it accepts everything `max` accepts; the server, which keeps
    // `max`, refuses the rest and the sidebar shows its fieldError next to the field.
    alias: { 'libphonenumber-js/max': 'libphonenumber-js/min' },
    logLevel: 'warning',
  });
  const script = (result.outputFiles[0]?.text ?? '').replace(/<\/script/gi, '<\\/script');
  const css = fs.readFileSync(path.join(root, 'src/sidebar/sidebar.css'), 'utf8');
  const template = fs.readFileSync(path.join(root, 'src/sidebar/sidebar.html'), 'utf8');
  // Function replacers: `$` sequences in the bundle must not be read as replacement patterns.
  const html = template
    .replace('/* INLINE_CSS */', () => css)
    .replace('/* INLINE_JS */', () => script);
  fs.writeFileSync(path.join(dist, 'Sidebar.html'), html);
}

/**
 * A dialog (src/dialogs/<name>/) inlined into dist/<output>: main.ts bundled and minified,
 * src/dialogs/base.css, dialog.css and the script put into dialog.html, as for the sidebar.
 */
async function buildDialog(name: string, output: string): Promise<void> {
  const dir = path.join(root, 'src/dialogs', name);
  const result = await build({
    entryPoints: [path.join(dir, 'main.ts')],
    bundle: true,
    format: 'iife',
    target: 'es2019',
    platform: 'browser',
    minify: true,
    write: false,
    charset: 'utf8',
    legalComments: 'none',
    tsconfig: path.join(root, 'src/dialogs/tsconfig.json'),
    logLevel: 'warning',
  });
  const script = (result.outputFiles[0]?.text ?? '').replace(/<\/script/gi, '<\\/script');
  const css =
    fs.readFileSync(path.join(root, 'src/dialogs/base.css'), 'utf8') +
    fs.readFileSync(path.join(dir, 'dialog.css'), 'utf8');
  const html = fs
    .readFileSync(path.join(dir, 'dialog.html'), 'utf8')
    .replace('/* INLINE_CSS */', () => css)
    .replace('/* INLINE_JS */', () => script);
  fs.writeFileSync(path.join(dist, output), html);
}

async function main(): Promise<void> {
  fs.rmSync(dist, { recursive: true, force: true });
  fs.mkdirSync(dist, { recursive: true });
  const [entryPoints] = await Promise.all([
    buildServer(),
    buildSidebar(),
    buildDialog('import-collectivites', 'ImportDialog.html'),
    buildDialog('settings', 'SettingsDialog.html'),
  ]);
  fs.copyFileSync(path.join(root, 'appsscript.json'), path.join(dist, 'appsscript.json'));
  // stderr, so that `npm run crm` (which builds first) keeps stdout for its JSON.
  console.error(
    `dist/Code.js (${entryPoints.length} entry points), dist/Sidebar.html, dist/ImportDialog.html, dist/SettingsDialog.html, dist/appsscript.json`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
