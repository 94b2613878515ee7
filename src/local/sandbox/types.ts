/**
 * The contract between the sandbox server and its stand-ins. A stand-in answers, for one API,
 * with the shapes documented in shared/apis/ — it is a pure function of the request (plus any
 * state it keeps and clears on `reset`).
 */
export interface SandboxRequest {
  method: string;
  /** The API host the script called (from `x-sandbox-host`), lower case. */
  host: string;
  /** Path without the query, e.g. `/services/T000/B000/XXXX`. */
  path: string;
  query: Record<string, string>;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: Buffer;
  bodyText: string;
}

export interface SandboxResponse {
  status: number;
  headers?: Record<string, string>;
  /** A string or Buffer is sent as is; any other value as JSON. */
  body?: unknown;
}

export interface StandIn {
  name: string;
  matches(host: string): boolean;
  handle(request: SandboxRequest): SandboxResponse | Promise<SandboxResponse>;
  /** The API's own error shape for a status injected as a fault (else a generic text body). */
  errorResponse?(status: number): SandboxResponse | undefined;
  /** Forget any state (POST /__sandbox/reset). */
  reset?(): void;
  /** Test-only control: `POST /__sandbox/<name>/<action>` with a JSON body. */
  control?(action: string, body: unknown): SandboxResponse;
}

/** A fault injected by a test: the next `times` matching requests get it instead of the stand-in. */
export interface Fault {
  host: string;
  pathPrefix?: string;
  method?: string;
  /** The status to answer. Without it, the fault only delays and the stand-in answers. */
  status?: number;
  /** How many matching requests are affected. Default 1. */
  times?: number;
  /** Seconds, sent as `Retry-After`. */
  retryAfter?: number;
  /** Wait this long before answering; longer than the client timeout gives a timeout. */
  delayMs?: number;
  /** Body to answer; default: the stand-in's error shape for the status, or a short text. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Close the connection without an answer (UrlFetchApp then reports `Address unavailable`). */
  resetConnection?: boolean;
}

export interface RecordedRequest {
  seq: number;
  at: string;
  method: string;
  host: string;
  /** Path and query, with secrets redacted. */
  path: string;
  /** Lower-case names, secret values redacted. */
  headers: Record<string, string>;
  /** Body as text, secrets redacted. */
  body: string;
  /** Status answered (0 when the connection was reset or the client left first). */
  status: number;
  /** True when a fault answered instead of the stand-in. */
  faulted: boolean;
}

/** Lets a stand-in build a JSON answer in one line. */
export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): SandboxResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body,
  };
}

export function text(
  status: number,
  body: string,
  headers: Record<string, string> = {},
): SandboxResponse {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers }, body };
}
