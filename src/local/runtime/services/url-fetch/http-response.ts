/**
 * `HTTPResponse` as UrlFetchApp returns it (developers.google.com/apps-script/reference/
 * url-fetch/http-response). Header names are those the transport gives — Node's fetch gives them
 * in lower case, which real HTTP/2 responses do too — so callers must look headers up without
 * regard to case, as shared/apis/urlfetchapp.md §2 asks.
 */
import type { CallCounter } from '../../env';
import { createBlob, type LocalBlob } from '../support/blob';
import { nodeEncoding, toSignedBytes } from '../support/bytes';
import { counted } from '../support/counted';
import { toRealmArray, type Realm } from '../support/realm';

export interface HTTPResponse {
  getResponseCode(): number;
  getContentText(charset?: string): string;
  getContent(): number[];
  getHeaders(): Record<string, string>;
  getAllHeaders(): Record<string, string | string[]>;
  getBlob(): LocalBlob;
  getAs(contentType: string): LocalBlob;
}

function charsetOf(contentType: string | undefined): string | undefined {
  return /charset=([^;]+)/i
    .exec(contentType ?? '')?.[1]
    ?.trim()
    .replace(/^"|"$/g, '');
}

export function createHttpResponse(
  ctx: { counter: CallCounter; realm: Realm },
  status: number,
  headerList: ReadonlyArray<readonly [string, string]>,
  body: Uint8Array,
): HTTPResponse {
  const bytes = Buffer.from(body);
  const all: Record<string, string | string[]> = {};
  for (const [name, value] of headerList) {
    const prior = all[name];
    if (prior === undefined) all[name] = value;
    else all[name] = toRealmArray(ctx.realm, [...(Array.isArray(prior) ? prior : [prior]), value]);
  }
  const contentType = headerList.find(([n]) => n.toLowerCase() === 'content-type')?.[1];
  const blob = (): LocalBlob => createBlob(ctx, bytes, contentType ?? null, null);
  const response: HTTPResponse = {
    getResponseCode: () => status,
    getContentText: (charset) => bytes.toString(nodeEncoding(charset ?? charsetOf(contentType))),
    getContent: () => toRealmArray(ctx.realm, toSignedBytes(bytes)),
    getHeaders() {
      const out: Record<string, string> = {};
      for (const [name, value] of Object.entries(all)) {
        out[name] = Array.isArray(value) ? (value[value.length - 1] ?? '') : value;
      }
      return out;
    },
    getAllHeaders: () => ({ ...all }),
    getBlob: blob,
    getAs: (type) => blob().getAs(type),
  };
  return counted(ctx.counter, 'HTTPResponse', response);
}
