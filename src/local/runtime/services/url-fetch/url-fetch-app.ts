/**
 * The `UrlFetchApp` global: real, synchronous HTTP. The script thread blocks while a worker
 * performs the requests (callSync), so the same code path reaches a real API in live mode and the
 * local stand-ins in sandbox mode (DESIGN.md §2).
 *
 * Behaviour pinned to Apps Script (shared/apis/urlfetchapp.md and the community reports it
 * cites):
 * - a status ≥ 400 throws unless `muteHttpExceptions`: `Request failed for https://host returned
 *   code 500. Truncated server response: … (use muteHttpExceptions option to examine full
 *   response)` — the URL is cut to scheme and host, as in the reports;
 * - transport failures throw `Address unavailable: <url>` (connection refused or reset),
 *   `DNS error: <url>` (unknown host) and `Timeout: <url>`; the per-call timeout is 60 s;
 * - `fetchAll` sends all requests at once and returns responses in order; one failure throws
 *   for the whole batch;
 * - with a `urlFetchWhitelist`, other URLs are refused before anything is sent.
 */
import * as path from 'node:path';
import type { ExecutionEnv } from '../../env';
import { callSync } from '../../sync/call-sync';
import { counted } from '../support/counted';
import { exception, hostRealm, toRealmArray, type Realm } from '../support/realm';
import { createHttpResponse, type HTTPResponse } from './http-response';
import type { WireRequest, WireResult } from './http-transport';
import { prepareRequest, type FetchParams, type PreparedRequest } from './request';
import { isWhitelisted, routeRequest, type Routing } from './routing';

export const DEFAULT_FETCH_TIMEOUT_MS = 60_000;
/** How much of the body the exception quotes [inference: the real cut-off is undocumented]. */
const TRUNCATED_RESPONSE_CHARS = 1000;

export interface UrlFetchAppOptions {
  realm?: Realm;
  /** 'sandbox' (default): API hosts go to the stand-ins, every other host is refused. */
  routing?: Routing;
  /** Port of the running sandbox (startSandbox().port); required in sandbox mode. */
  sandboxPort?: number;
  /** The manifest's `urlFetchWhitelist`; when given, other URLs are refused. */
  urlFetchWhitelist?: readonly string[];
  /** Per-request timeout. Default 60 s, as observed on Apps Script; tests lower it. */
  timeoutMs?: number;
  /** For the user agent Apps Script sends (`… id: SCRIPT_ID`). */
  scriptId?: string;
}

export interface URLFetchRequest extends FetchParams {
  url: string;
}

export interface UrlFetchAppGlobal {
  fetch(url: string, params?: FetchParams): HTTPResponse;
  fetchAll(requests: Array<URLFetchRequest | string>): HTTPResponse[];
  getRequest(url: string, params?: FetchParams): Record<string, unknown>;
}

const TRANSPORT = path.join(__dirname, 'http-transport.ts');

function originOf(url: URL): string {
  return `${url.protocol}//${url.host}`;
}

export function createUrlFetchApp(
  env: ExecutionEnv,
  options: UrlFetchAppOptions = {},
): UrlFetchAppGlobal {
  const realm = options.realm ?? hostRealm;
  const ctx = { counter: env.counter, realm };
  const routing = options.routing ?? 'sandbox';
  const scriptId = options.scriptId ?? 'local-crm-utpla-script';
  const timeoutMs = options.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;

  const parseUrl = (url: unknown): URL => {
    let parsed: URL | undefined;
    try {
      parsed = new URL(String(url));
    } catch {
      parsed = undefined;
    }
    if (parsed === undefined || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
      throw exception(realm, `Invalid argument: ${String(url)}`);
    }
    return parsed;
  };

  type Planned = { original: URL; prepared: PreparedRequest; wire: WireRequest };

  /** Everything that can be refused is refused here, before any request of a batch is sent. */
  const plan = (url: unknown, params: FetchParams = {}): Planned => {
    const original = parseUrl(url);
    if (
      options.urlFetchWhitelist !== undefined &&
      !isWhitelisted(original.href, options.urlFetchWhitelist)
    ) {
      throw exception(
        realm,
        `Request to ${original.href} failed because the URL has not been whitelisted in the script manifest.`,
      );
    }
    const route = routeRequest(original, routing, options.sandboxPort);
    if (!route.ok) throw exception(realm, route.reason);
    const prepared = prepareRequest(original.href, params, scriptId);
    if (prepared.warning !== undefined) env.log('warn', prepared.warning);
    const wire: WireRequest = {
      url: route.target,
      method: prepared.method,
      headers: { ...prepared.headers, ...route.extraHeaders },
      followRedirects: prepared.followRedirects,
      timeoutMs,
    };
    if (prepared.body !== undefined) wire.body = new Uint8Array(prepared.body);
    return { original, prepared, wire };
  };

  const settle = (planned: Planned, result: WireResult): HTTPResponse => {
    const url = planned.original.href;
    if (!result.ok) {
      const label =
        result.failure === 'timeout'
          ? 'Timeout'
          : result.failure === 'dns'
            ? 'DNS error'
            : 'Address unavailable';
      throw exception(realm, `${label}: ${url}`);
    }
    const response = createHttpResponse(ctx, result.status, result.headers, result.body);
    if (result.status >= 400 && !planned.prepared.muteHttpExceptions) {
      const text = Buffer.from(result.body).toString('utf8');
      const quoted =
        text.length > TRUNCATED_RESPONSE_CHARS
          ? `${text.slice(0, TRUNCATED_RESPONSE_CHARS)}...`
          : text;
      throw exception(
        realm,
        `Request failed for ${originOf(planned.original)} returned code ${result.status}. Truncated server response: ${quoted} (use muteHttpExceptions option to examine full response)`,
      );
    }
    return response;
  };

  const send = (batch: Planned[]): WireResult[] => {
    if (batch.length === 0) return [];
    for (let i = 0; i < batch.length; i++) env.counter.count('UrlFetchApp.httpRequest');
    return callSync<WireResult[]>(
      TRANSPORT,
      'performRequests',
      batch.map((p) => p.wire),
    );
  };

  const service: UrlFetchAppGlobal = {
    fetch(url, params) {
      const planned = plan(url, params);
      const [result] = send([planned]);
      if (result === undefined)
        throw exception(realm, `Address unavailable: ${planned.original.href}`);
      return settle(planned, result);
    },
    fetchAll(requests) {
      const batch = Array.from(requests, (r) => (typeof r === 'string' ? plan(r) : plan(r.url, r)));
      const results = send(batch);
      // Transport failures first: Apps Script loses the whole batch on any of them.
      const failed = results.findIndex((r) => !r.ok);
      const order = failed >= 0 ? [failed, ...results.keys()] : [...results.keys()];
      const responses: HTTPResponse[] = new Array<HTTPResponse>(batch.length);
      for (const i of order) {
        const planned = batch[i];
        const result = results[i];
        if (planned === undefined || result === undefined) continue;
        responses[i] = settle(planned, result);
      }
      return toRealmArray(realm, responses);
    },
    getRequest(url, params) {
      // Sends nothing, so neither the whitelist nor the sandbox routing applies.
      const original = parseUrl(url);
      const prepared = prepareRequest(original.href, params ?? {}, scriptId);
      return {
        url: original.href,
        method: prepared.method.toLowerCase(),
        headers: { ...prepared.headers },
        contentType: prepared.contentType ?? '',
        payload: prepared.payloadText ?? '',
        followRedirects: prepared.followRedirects,
        muteHttpExceptions: prepared.muteHttpExceptions,
        validateHttpsCertificates: params?.validateHttpsCertificates !== false,
        useIntranet: params?.useIntranet === true,
      };
    },
  };
  return counted(env.counter, 'UrlFetchApp', service);
}
