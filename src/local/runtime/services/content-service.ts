/**
 * The `ContentService` global: what a web app's `doGet`/`doPost` returns. Reference:
 * developers.google.com/apps-script/reference/content/content-service and …/text-output. A
 * TextOutput holds text and a MIME type (TEXT by default); Apps Script serves it with status 200
 * whatever it says, so the runtime reads it back as content and type only (`readTextOutput`).
 */
import type { ExecutionEnv } from '../env';
import { counted } from './support/counted';
import { exception, hostRealm, type Realm } from './support/realm';

export const MimeType = Object.freeze({
  ATOM: 'ATOM',
  CSV: 'CSV',
  ICAL: 'ICAL',
  JAVASCRIPT: 'JAVASCRIPT',
  JSON: 'JSON',
  RSS: 'RSS',
  TEXT: 'TEXT',
  VCARD: 'VCARD',
  XML: 'XML',
} as const);

/** The Content-Type each MIME type is served with. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ATOM: 'application/atom+xml',
  CSV: 'text/csv',
  ICAL: 'text/calendar',
  JAVASCRIPT: 'application/javascript',
  JSON: 'application/json',
  RSS: 'application/rss+xml',
  TEXT: 'text/plain',
  VCARD: 'text/vcard',
  XML: 'application/xml',
};

export interface TextOutput {
  append(addedContent: string): TextOutput;
  clear(): TextOutput;
  downloadAsFile(filename: string): TextOutput;
  getContent(): string;
  getFileName(): string | null;
  getMimeType(): string;
  setContent(content: string): TextOutput;
  setMimeType(mimeType: string): TextOutput;
}

export interface ContentServiceGlobal {
  createTextOutput(content?: string): TextOutput;
  MimeType: typeof MimeType;
}

export interface TextOutputSnapshot {
  content: string;
  mimeType: string;
  contentType: string;
  fileName: string | null;
}

const snapshots = new WeakMap<object, () => TextOutputSnapshot>();

/** Reads a TextOutput made by this service (what a web app handler returned). */
export function readTextOutput(output: unknown): TextOutputSnapshot | undefined {
  return typeof output === 'object' && output !== null ? snapshots.get(output)?.() : undefined;
}

export function createContentService(
  env: ExecutionEnv,
  options: { realm?: Realm } = {},
): ContentServiceGlobal {
  const realm = options.realm ?? hostRealm;
  const makeOutput = (initial: string): TextOutput => {
    let content = initial;
    let mimeType: string = MimeType.TEXT;
    let fileName: string | null = null;
    const output: TextOutput = {
      append(added) {
        content += String(added);
        return output;
      },
      clear() {
        content = '';
        return output;
      },
      downloadAsFile(name) {
        fileName = String(name);
        return output;
      },
      getContent: () => content,
      getFileName: () => fileName,
      getMimeType: () => mimeType,
      setContent(value) {
        content = String(value);
        return output;
      },
      setMimeType(value) {
        const name = String(value);
        if (!(name in CONTENT_TYPES)) throw exception(realm, `Invalid argument: mimeType`);
        mimeType = name;
        return output;
      },
    };
    snapshots.set(output, () => ({
      content,
      mimeType,
      contentType: CONTENT_TYPES[mimeType] ?? 'text/plain',
      fileName,
    }));
    return counted(env.counter, 'TextOutput', output);
  };
  return counted(env.counter, 'ContentService', {
    createTextOutput: (content?: string) =>
      makeOutput(content === undefined ? '' : String(content)),
    MimeType,
  });
}
