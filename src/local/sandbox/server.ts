/**
 * The API sandbox's HTTP server on 127.0.0.1. UrlFetchApp in sandbox mode sends every request
 * for an external API here with the original host in `x-sandbox-host`; the server records it
 * (secrets redacted), applies any injected fault, and otherwise lets the host's stand-in answer.
 *
 * Control endpoints for tests (requests without `x-sandbox-host`):
 * - `POST /__sandbox/faults` with a Fault or an array of them; `GET /__sandbox/faults`;
 * - `GET /__sandbox/requests[?host=…]` lists the recorded requests;
 * - `POST /__sandbox/reset` forgets faults, requests and stand-in state;
 * - `GET /__sandbox/health`.
 *
 * It runs in its own worker thread (see index.ts): while a script waits on a synchronous fetch
 * the main thread is blocked, so the server cannot live there.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultStore } from './faults';
import { SANDBOX_HOST_HEADER } from './hosts';
import { redactBody, redactHeaders, redactPath } from './redact';
import { STAND_INS } from './stand-ins';
import {
  json,
  type Fault,
  type RecordedRequest,
  type SandboxRequest,
  type SandboxResponse,
  type StandIn,
} from './types';

const MAX_RECORDED = 2000;

export interface RunningSandboxServer {
  port: number;
  close(): Promise<void>;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function flatHeaders(req: http.IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined)
      out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function send(res: http.ServerResponse, answer: SandboxResponse): void {
  const headers: Record<string, string> = { ...(answer.headers ?? {}) };
  let payload: Buffer;
  if (answer.body === undefined || answer.body === null) payload = Buffer.alloc(0);
  else if (Buffer.isBuffer(answer.body)) payload = answer.body;
  else if (typeof answer.body === 'string') payload = Buffer.from(answer.body, 'utf8');
  else {
    payload = Buffer.from(JSON.stringify(answer.body), 'utf8');
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
      headers['content-type'] = 'application/json; charset=utf-8';
    }
  }
  headers['content-length'] = String(payload.length);
  res.writeHead(answer.status, headers);
  res.end(payload);
}

function faultResponse(fault: Fault, standIn: StandIn | undefined): SandboxResponse {
  const status = fault.status ?? 500;
  const base: SandboxResponse =
    fault.body !== undefined
      ? { status, body: fault.body }
      : (standIn?.errorResponse?.(status) ?? {
          status,
          headers: { 'content-type': 'text/plain; charset=utf-8' },
          body: `sandbox fault: HTTP ${status}`,
        });
  const headers = { ...(base.headers ?? {}), ...(fault.headers ?? {}) };
  if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
  return { ...base, status, headers };
}

export function createSandboxServer(standIns: readonly StandIn[] = STAND_INS): {
  server: http.Server;
  reset(): void;
} {
  const faults = new FaultStore();
  let recorded: RecordedRequest[] = [];
  let seq = 0;

  const reset = (): void => {
    faults.clear();
    recorded = [];
    for (const s of standIns) s.reset?.();
  };

  const control = async (
    req: http.IncomingMessage,
    url: URL,
    body: Buffer,
  ): Promise<SandboxResponse> => {
    const route = `${req.method ?? 'GET'} ${url.pathname}`;
    if (route === 'POST /__sandbox/faults') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch {
        return json(400, { error: 'The body must be a JSON fault or array of faults.' });
      }
      const list = (Array.isArray(parsed) ? parsed : [parsed]) as Fault[];
      try {
        list.forEach((f) => faults.add(f));
      } catch (e) {
        return json(400, { error: (e as Error).message });
      }
      return json(201, { ok: true, faults: faults.list().length });
    }
    if (route === 'GET /__sandbox/faults') return json(200, { faults: faults.list() });
    if (route === 'GET /__sandbox/requests') {
      const host = url.searchParams.get('host');
      return json(200, {
        requests: host === null ? recorded : recorded.filter((r) => r.host === host),
      });
    }
    if (route === 'POST /__sandbox/reset') {
      reset();
      return json(200, { ok: true });
    }
    if (route === 'GET /__sandbox/health') {
      return json(200, { ok: true, standIns: standIns.map((s) => s.name) });
    }
    const own = /^POST \/__sandbox\/([a-z]+)\/([a-z-]+)$/.exec(route);
    const standIn = own ? standIns.find((s) => s.name === own[1]) : undefined;
    if (own && standIn?.control) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString('utf8') || 'null');
      } catch {
        return json(400, { error: 'Body is not JSON' });
      }
      return standIn.control(own[2] ?? '', parsed);
    }
    return json(404, { error: `Unknown sandbox control endpoint: ${route}` });
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const body = await readBody(req);
    const headers = flatHeaders(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const host = headers[SANDBOX_HOST_HEADER]?.toLowerCase();
    if (host === undefined) {
      send(res, await control(req, url, body));
      return;
    }
    Reflect.deleteProperty(headers, SANDBOX_HOST_HEADER);
    const method = (req.method ?? 'GET').toUpperCase();
    const entry: RecordedRequest = {
      seq: ++seq,
      at: new Date().toISOString(),
      method,
      host,
      path: redactPath(host, url.pathname + url.search),
      headers: redactHeaders(headers),
      body: redactBody(body.toString('utf8')),
      status: 0,
      faulted: false,
    };
    recorded.push(entry);
    if (recorded.length > MAX_RECORDED) recorded.shift();

    const standIn = standIns.find((s) => s.matches(host));
    const fault = faults.take(host, method, url.pathname);
    if (fault?.delayMs !== undefined && fault.delayMs > 0) {
      await new Promise((r) => setTimeout(r, fault.delayMs));
      // The client gave up (timeout): nothing left to answer.
      if (res.destroyed || req.socket.destroyed) return;
    }
    if (fault?.resetConnection === true) {
      entry.faulted = true;
      req.socket.destroy();
      return;
    }
    let answer: SandboxResponse;
    if (fault !== undefined && fault.status !== undefined) {
      entry.faulted = true;
      answer = faultResponse(fault, standIn);
    } else if (standIn === undefined) {
      answer = json(501, { error: `sandbox: no stand-in registered for ${host}` });
    } else {
      const request: SandboxRequest = {
        method,
        host,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers,
        body,
        bodyText: body.toString('utf8'),
      };
      try {
        answer = await standIn.handle(request);
      } catch (e) {
        answer = json(500, {
          error: `sandbox: the ${standIn.name} stand-in failed: ${(e as Error).message}`,
        });
      }
    }
    entry.status = answer.status;
    send(res, answer);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) send(res, json(500, { error: `sandbox: ${(e as Error).message}` }));
    });
  });
  return { server, reset };
}

/** Starts the server on 127.0.0.1 (port 0: any free port). */
export function runSandboxServer(port = 0): Promise<RunningSandboxServer> {
  const { server } = createSandboxServer();
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address() as AddressInfo;
      resolve({
        port: address.port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
