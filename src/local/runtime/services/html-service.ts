/**
 * The `HtmlService` global: HTML outputs and templates from the built add-on's files
 * (`dist/<name>.html`), which SpreadsheetApp's Ui shows as sidebar or dialog. Reference:
 * developers.google.com/apps-script/reference/html/html-service and …/html-output. A missing
 * file throws `No HTML file named X was found.`; outputs keep their title, size, sandbox and
 * X-Frame options and meta tags so the local page can honour them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ExecutionEnv } from '../env';
import { compileTemplate, escapeHtml, printable, TemplateSyntaxError } from './html-template';
import { createBlob, isBlobLike, blobBytes, type BlobLike, type LocalBlob } from './support/blob';
import { counted } from './support/counted';
import { exception, hostRealm, toRealmArray, type Realm } from './support/realm';

export const SandboxMode = Object.freeze({
  EMULATED: 'EMULATED',
  IFRAME: 'IFRAME',
  NATIVE: 'NATIVE',
} as const);
export const XFrameOptionsMode = Object.freeze({
  ALLOWALL: 'ALLOWALL',
  DEFAULT: 'DEFAULT',
} as const);

export interface HtmlOutputMetaTag {
  getName(): string;
  getContent(): string;
}

export interface HtmlOutput {
  append(addedContent: string): HtmlOutput;
  appendUntrusted(addedContent: string): HtmlOutput;
  clear(): HtmlOutput;
  getContent(): string;
  setContent(content: string): HtmlOutput;
  getTitle(): string;
  setTitle(title: string): HtmlOutput;
  getWidth(): number;
  setWidth(width: number): HtmlOutput;
  getHeight(): number;
  setHeight(height: number): HtmlOutput;
  setSandboxMode(mode: string): HtmlOutput;
  setXFrameOptionsMode(mode: string): HtmlOutput;
  addMetaTag(name: string, content: string): HtmlOutput;
  getMetaTags(): HtmlOutputMetaTag[];
  setFaviconUrl(url: string): HtmlOutput;
  getFaviconUrl(): string | null;
  getBlob(): LocalBlob;
  getAs(contentType: string): LocalBlob;
  asTemplate(): HtmlTemplate;
}

export interface HtmlTemplate {
  evaluate(): HtmlOutput;
  getCode(): string;
  getCodeWithComments(): string;
  getRawContent(): string;
  [variable: string]: unknown;
}

export interface HtmlServiceGlobal {
  createHtmlOutput(html?: string | BlobLike): HtmlOutput;
  createHtmlOutputFromFile(filename: string): HtmlOutput;
  createTemplate(html: string | BlobLike): HtmlTemplate;
  createTemplateFromFile(filename: string): HtmlTemplate;
  getUserAgent(): string;
  SandboxMode: typeof SandboxMode;
  XFrameOptionsMode: typeof XFrameOptionsMode;
}

/** What the local page needs to show an output, read without counting service calls. */
export interface HtmlOutputSnapshot {
  html: string;
  title: string;
  width: number;
  height: number;
  sandboxMode: string;
  xFrameOptionsMode: string;
  metaTags: Array<{ name: string; content: string }>;
  faviconUrl: string | null;
}

const snapshots = new WeakMap<object, () => HtmlOutputSnapshot>();

/** Reads an HtmlOutput made by this service (for Ui.showSidebar / showModalDialog). */
export function readHtmlOutput(output: unknown): HtmlOutputSnapshot | undefined {
  return typeof output === 'object' && output !== null ? snapshots.get(output)?.() : undefined;
}

export interface HtmlServiceOptions {
  realm?: Realm;
  /**
   * Compiles template code (a function expression's source) in the script's realm, e.g.
   * `(src) => vm.runInContext(src, context)`, so scriptlets see the script's globals. Default:
   * compiled in Node's realm, where only the template variables and Node globals are visible.
   */
  compileInScript?: (source: string) => unknown;
}

export function createHtmlService(
  env: ExecutionEnv,
  options: HtmlServiceOptions = {},
): HtmlServiceGlobal {
  const realm = options.realm ?? hostRealm;
  const compile =
    options.compileInScript ?? ((source: string): unknown => new Function(`return ${source}`)());

  const textOf = (html: string | BlobLike | undefined): string => {
    if (html === undefined || html === null) return '';
    if (isBlobLike(html)) return blobBytes(html).toString('utf8');
    return String(html);
  };

  const readFile = (filename: string): string => {
    const name = String(filename);
    const file = name.endsWith('.html') ? name : `${name}.html`;
    const resolved = path.resolve(env.distDir, file);
    const inside = resolved.startsWith(path.resolve(env.distDir) + path.sep);
    if (!inside || !fs.existsSync(resolved)) {
      throw exception(realm, `No HTML file named ${name} was found.`);
    }
    return fs.readFileSync(resolved, 'utf8');
  };

  const makeOutput = (initial: string): HtmlOutput => {
    let content = initial;
    let title = '';
    let width = 0;
    let height = 0;
    let sandboxMode: string = SandboxMode.IFRAME;
    let xFrameOptionsMode: string = XFrameOptionsMode.DEFAULT;
    let faviconUrl: string | null = null;
    const metaTags: Array<{ name: string; content: string }> = [];
    const output: HtmlOutput = {
      append(added) {
        content += printable(added);
        return output;
      },
      appendUntrusted(added) {
        content += escapeHtml(added);
        return output;
      },
      clear() {
        content = '';
        return output;
      },
      getContent: () => content,
      setContent(value) {
        content = printable(value);
        return output;
      },
      getTitle: () => title,
      setTitle(value) {
        title = String(value);
        return output;
      },
      getWidth: () => width,
      setWidth(value) {
        width = Number(value);
        return output;
      },
      getHeight: () => height,
      setHeight(value) {
        height = Number(value);
        return output;
      },
      setSandboxMode(mode) {
        // Apps Script now always uses IFRAME and ignores the others; keep what was asked.
        sandboxMode = String(mode);
        return output;
      },
      setXFrameOptionsMode(mode) {
        xFrameOptionsMode = String(mode);
        return output;
      },
      addMetaTag(name, value) {
        metaTags.push({ name: String(name), content: String(value) });
        return output;
      },
      getMetaTags: () =>
        toRealmArray(
          realm,
          metaTags.map((t) =>
            counted(env.counter, 'HtmlOutputMetaTag', {
              getName: () => t.name,
              getContent: () => t.content,
            }),
          ),
        ),
      setFaviconUrl(url) {
        faviconUrl = String(url);
        return output;
      },
      getFaviconUrl: () => faviconUrl,
      getBlob: () =>
        createBlob(
          { counter: env.counter, realm },
          Buffer.from(content, 'utf8'),
          'text/html',
          null,
        ),
      getAs(contentType) {
        return output.getBlob().getAs(contentType);
      },
      asTemplate: () => makeTemplate(content),
    };
    snapshots.set(output, () => ({
      html: content,
      title,
      width,
      height,
      sandboxMode,
      xFrameOptionsMode,
      metaTags: metaTags.map((t) => ({ ...t })),
      faviconUrl,
    }));
    return counted(env.counter, 'HtmlOutput', output);
  };

  const makeTemplate = (source: string): HtmlTemplate => {
    let code: string | undefined;
    const codeOf = (): string => {
      try {
        code ??= compileTemplate(source);
      } catch (e) {
        if (e instanceof TemplateSyntaxError) throw exception(realm, e.message);
        throw e;
      }
      return code;
    };
    const methods = ['evaluate', 'getCode', 'getCodeWithComments', 'getRawContent'];
    const template: HtmlTemplate = {
      evaluate() {
        const vars: Record<string, unknown> = {};
        for (const key of Object.keys(template)) {
          if (!methods.includes(key)) vars[key] = template[key];
        }
        const fn = compile(codeOf());
        if (typeof fn !== 'function') throw exception(realm, 'Template compilation failed.');
        // Scriptlets write through `output`; a plain writer keeps them out of the call counts.
        let html = '';
        const writer = {
          append(added: unknown) {
            html += printable(added);
            return writer;
          },
          appendUntrusted(added: unknown) {
            html += escapeHtml(added);
            return writer;
          },
          clear() {
            html = '';
            return writer;
          },
          getContent: () => html,
        };
        fn(vars, writer);
        return makeOutput(html);
      },
      getCode: () => codeOf(),
      getCodeWithComments: () => codeOf(),
      getRawContent: () => source,
    };
    return counted(env.counter, 'HtmlTemplate', template);
  };

  const service: HtmlServiceGlobal = {
    createHtmlOutput: (html) => makeOutput(textOf(html)),
    createHtmlOutputFromFile: (filename) => makeOutput(readFile(filename)),
    createTemplate: (html) => makeTemplate(textOf(html)),
    createTemplateFromFile: (filename) => makeTemplate(readFile(filename)),
    getUserAgent: () => 'Mozilla/5.0 (local CRM UTPLA runtime)',
    SandboxMode,
    XFrameOptionsMode,
  };
  return counted(env.counter, 'HtmlService', service);
}
