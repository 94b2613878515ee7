/**
 * The CRM sidebar's entry point: renders the App into #app.
 *
 * Why Preact + htm. The sidebar has grown from a status panel into a small application — search
 * as you type, schema-generated forms with errors next to each field, a 360° card that reloads
 * after each action — and hand-written DOM updates stop scaling at that point: every view would
 * need its own "what changed, which nodes to patch" code. Preact gives components and hooks in
 * about 6 KB min+gzip (React's API, a tenth of its size), with no runtime dependency; htm (under
 * 1 KB) gives it a JSX-like syntax as plain tagged templates, so there is no JSX compile step to
 * configure, and the code stays ordinary TypeScript that tsc, ESLint and esbuild read as they
 * are. Most of Sidebar.html's weight is the validation shared with the server (the phone
 * metadata), not the UI library. Above all, both keep the sidebar's
 * security rule by construction (DESIGN.md §7): every `${value}` in a template becomes a text node
 * or a DOM property, never parsed markup, so a record named `<img onerror=…>` is shown as those
 * characters. innerHTML stays forbidden by ESLint, and dangerouslySetInnerHTML is never used.
 * The price is that htm templates are not type-checked the way TSX is (a component's props are
 * checked at its definition, not at each `<${Component} …>`), which the browser tests cover.
 */
import { render } from 'preact';
import { App } from './app';
import { html } from './html';

const root = document.getElementById('app');
if (root) render(html`<${App} />`, root);
