/**
 * Turns `UrlFetchApp.fetch(url, params)` arguments into the bytes and headers that go on the
 * wire, following the reference (developers.google.com/apps-script/reference/url-fetch/
 * url-fetch-app#advanced-parameters, shared/apis/urlfetchapp.md §1): method defaults to GET,
 * `contentType` defaults to `application/x-www-form-urlencoded`, a string or byte payload is sent
 * as is, a plain-object payload is form-encoded (multipart when it holds a Blob), and requests
 * carry Apps Script's user agent.
 */
import { randomBytes } from 'node:crypto';
import { blobBytes, isBlobLike } from '../support/blob';
import { fromByteArray, isByteArray } from '../support/bytes';
import { isPlainObject } from '../support/realm';

export interface FetchParams {
  method?: string;
  contentType?: string;
  headers?: Record<string, unknown>;
  payload?: unknown;
  muteHttpExceptions?: boolean;
  followRedirects?: boolean;
  validateHttpsCertificates?: boolean;
  escaping?: boolean;
  useIntranet?: boolean;
}

export interface PreparedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** The payload as text when it is text (what `getRequest` shows). */
  payloadText?: string;
  contentType?: string;
  followRedirects: boolean;
  muteHttpExceptions: boolean;
  /** Why a payload was dropped (GET cannot carry one with Node's fetch). */
  warning?: string;
}

export const DEFAULT_CONTENT_TYPE = 'application/x-www-form-urlencoded';

export function userAgent(scriptId: string): string {
  return `Mozilla/5.0 (compatible; Google-Apps-Script; beanserver; +https://script.google.com; id: ${scriptId})`;
}

function encodeObjectPayload(payload: Record<string, unknown>): { body: Buffer; type: string } {
  const entries = Object.entries(payload);
  if (!entries.some(([, v]) => isBlobLike(v))) {
    const form = new URLSearchParams();
    for (const [k, v] of entries) form.append(k, v === null || v === undefined ? '' : String(v));
    return { body: Buffer.from(form.toString(), 'utf8'), type: DEFAULT_CONTENT_TYPE };
  }
  const boundary = `----LocalAppsScript${randomBytes(12).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const [k, v] of entries) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${k}"`;
    let data: Buffer;
    if (isBlobLike(v)) {
      head += `; filename="${v.getName() ?? k}"\r\nContent-Type: ${v.getContentType() ?? 'application/octet-stream'}`;
      data = blobBytes(v);
    } else {
      data = Buffer.from(String(v), 'utf8');
    }
    chunks.push(Buffer.from(`${head}\r\n\r\n`, 'utf8'), data, Buffer.from('\r\n', 'utf8'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
  return { body: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
}

export function prepareRequest(
  url: string,
  params: FetchParams,
  scriptId: string,
): PreparedRequest {
  const method = String(params.method ?? 'get').toUpperCase();
  const headers: Record<string, string> = {};
  let headerContentType: string | undefined;
  for (const [name, value] of Object.entries(params.headers ?? {})) {
    if (name.toLowerCase() === 'content-type') headerContentType = String(value);
    else headers[name] = String(value);
  }
  if (!Object.keys(headers).some((h) => h.toLowerCase() === 'user-agent')) {
    headers['User-Agent'] = userAgent(scriptId);
  }
  const prepared: PreparedRequest = {
    url,
    method,
    headers,
    followRedirects: params.followRedirects !== false,
    muteHttpExceptions: params.muteHttpExceptions === true,
  };
  const payload = params.payload;
  if (payload === undefined || payload === null) return prepared;

  let body: Buffer;
  let implicitType = DEFAULT_CONTENT_TYPE;
  if (typeof payload === 'string') {
    body = Buffer.from(payload, 'utf8');
    prepared.payloadText = payload;
  } else if (isByteArray(payload)) {
    body = fromByteArray(payload);
  } else if (isBlobLike(payload)) {
    body = blobBytes(payload);
    implicitType = payload.getContentType() ?? DEFAULT_CONTENT_TYPE;
  } else if (isPlainObject(payload)) {
    const encoded = encodeObjectPayload(payload);
    body = encoded.body;
    implicitType = encoded.type;
    if (!encoded.type.startsWith('multipart/')) prepared.payloadText = body.toString('utf8');
  } else {
    body = Buffer.from(String(payload), 'utf8');
    prepared.payloadText = String(payload);
  }
  if (method === 'GET' || method === 'HEAD') {
    prepared.warning = `UrlFetchApp: the payload of a ${method} request to ${new URL(url).host} was not sent.`;
    return prepared;
  }
  const contentType = implicitType.startsWith('multipart/')
    ? implicitType
    : (params.contentType ?? headerContentType ?? implicitType);
  headers['Content-Type'] = contentType;
  prepared.contentType = contentType;
  prepared.body = body;
  return prepared;
}
