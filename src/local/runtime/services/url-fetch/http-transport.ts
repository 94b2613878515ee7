/**
 * Worker side of UrlFetchApp: performs HTTP requests with Node's fetch, concurrently, and reports
 * each outcome as plain data (it crosses a structured clone back to the blocked script thread).
 * Transport failures are classified here and worded by the caller in Apps Script's terms.
 * Runs inside the callSync worker; nothing here may touch the execution env.
 */

export interface WireRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: Uint8Array;
  followRedirects: boolean;
  timeoutMs: number;
}

export type TransportFailure = 'timeout' | 'dns' | 'address';

export type WireResult =
  | { ok: true; status: number; headers: Array<[string, string]>; body: Uint8Array }
  | { ok: false; failure: TransportFailure; detail: string };

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME']);
const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

function classify(error: unknown): { failure: TransportFailure; detail: string } {
  const e = error as {
    name?: string;
    message?: string;
    cause?: { code?: string; message?: string };
  };
  const code = e.cause?.code ?? '';
  const detail = `${e.name ?? 'Error'}: ${e.message ?? ''}${code === '' ? '' : ` (${code})`}`;
  if (e.name === 'TimeoutError' || e.name === 'AbortError' || TIMEOUT_CODES.has(code)) {
    return { failure: 'timeout', detail };
  }
  if (DNS_CODES.has(code)) return { failure: 'dns', detail };
  return { failure: 'address', detail };
}

async function performOne(request: WireRequest): Promise<WireResult> {
  try {
    const init: RequestInit = {
      method: request.method,
      headers: request.headers,
      redirect: request.followRedirects ? 'follow' : 'manual',
      signal: AbortSignal.timeout(request.timeoutMs),
    };
    if (request.body !== undefined) init.body = new Uint8Array(request.body);
    const response = await fetch(request.url, init);
    const body = new Uint8Array(await response.arrayBuffer());
    const headers: Array<[string, string]> = [];
    response.headers.forEach((value, name) => {
      if (name !== 'set-cookie') headers.push([name, value]);
    });
    for (const cookie of response.headers.getSetCookie()) headers.push(['set-cookie', cookie]);
    return { ok: true, status: response.status, headers, body };
  } catch (error) {
    return { ok: false, ...classify(error) };
  }
}

/** All requests at once, as `UrlFetchApp.fetchAll` runs them in parallel. */
export async function performRequests(requests: WireRequest[]): Promise<WireResult[]> {
  return Promise.all(requests.map(performOne));
}
