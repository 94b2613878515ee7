/**
 * Starts and stops the API sandbox: the stand-in HTTP server for BOAMP, Claude, Apollo, Hunter,
 * Make and Slack, in its own worker thread. UrlFetchApp in sandbox mode needs its port
 * (`createUrlFetchApp(env, { routing: 'sandbox', sandboxPort: handle.port })`).
 *
 * The handle's helpers drive the control endpoints (see server.ts) for tests: inject faults,
 * read the recorded requests, reset.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Fault, RecordedRequest } from './types';

export interface SandboxOptions {
  /** Port to listen on, 127.0.0.1 only. Default 0: a free port. */
  port?: number;
  /** How long to wait for the server to start, in ms. Default 15 s. */
  startTimeoutMs?: number;
}

export interface SandboxHandle {
  port: number;
  /** `http://127.0.0.1:<port>` */
  origin: string;
  stop(): Promise<void>;
  injectFault(fault: Fault | Fault[]): Promise<void>;
  /** A stand-in's own test control, e.g. ('boamp', 'records', [...]) to add hand-made notices. */
  control(standIn: string, action: string, body: unknown): Promise<unknown>;
  requests(host?: string): Promise<RecordedRequest[]>;
  reset(): Promise<void>;
}

const WORKER = path.join(__dirname, 'sandbox-worker.mjs');

function spawn(options: SandboxOptions): { worker: Worker; cell: Int32Array } {
  const cell = new Int32Array(new SharedArrayBuffer(8));
  const worker = new Worker(WORKER, {
    workerData: { signal: cell.buffer, port: options.port ?? 0 },
  });
  // The sandbox must not keep a CLI alive once its work is done.
  worker.unref();
  return { worker, cell };
}

function handleFor(worker: Worker, port: number): SandboxHandle {
  const origin = `http://127.0.0.1:${port}`;
  const call = async (method: string, route: string, body?: unknown): Promise<unknown> => {
    const init: RequestInit = { method };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers = { 'content-type': 'application/json' };
    }
    const res = await fetch(`${origin}${route}`, init);
    const parsed: unknown = await res.json();
    if (!res.ok) throw new Error(`Sandbox ${route}: ${JSON.stringify(parsed)}`);
    return parsed;
  };
  let stopped: Promise<void> | undefined;
  return {
    port,
    origin,
    stop() {
      stopped ??= worker.terminate().then(() => undefined);
      return stopped;
    },
    async injectFault(fault) {
      await call('POST', '/__sandbox/faults', fault);
    },
    control(standIn, action, body) {
      return call('POST', `/__sandbox/${standIn}/${action}`, body);
    },
    async requests(host) {
      const route =
        host === undefined
          ? '/__sandbox/requests'
          : `/__sandbox/requests?host=${encodeURIComponent(host)}`;
      return ((await call('GET', route)) as { requests: RecordedRequest[] }).requests;
    },
    async reset() {
      await call('POST', '/__sandbox/reset');
    },
  };
}

/** Starts the sandbox and resolves once it listens. */
export function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const { worker } = spawn(options);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error('The API sandbox did not start in time.'));
    }, options.startTimeoutMs ?? 15_000);
    worker.once('message', (message: { type: string; port?: number; message?: string }) => {
      clearTimeout(timer);
      if (message.type === 'listening' && message.port !== undefined) {
        resolve(handleFor(worker, message.port));
      } else {
        void worker.terminate();
        reject(new Error(`The API sandbox failed to start: ${message.message ?? 'unknown error'}`));
      }
    });
    worker.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

/**
 * Same, blocking until the server listens: for synchronous callers such as a CLI that runs
 * the script right away. Blocking is safe because the server lives in its own thread.
 */
export function startSandboxSync(options: SandboxOptions = {}): SandboxHandle {
  const { worker, cell } = spawn(options);
  Atomics.wait(cell, 0, 0, options.startTimeoutMs ?? 15_000);
  const state = Atomics.load(cell, 0);
  if (state !== 1) {
    void worker.terminate();
    throw new Error(
      state === 2 ? 'The API sandbox failed to start.' : 'The API sandbox did not start in time.',
    );
  }
  return handleFor(worker, Atomics.load(cell, 1));
}

export { isSandboxedHost, SANDBOXED_HOSTS, SANDBOX_HOST_HEADER } from './hosts';
export { redactHeaders, redactUrl } from './redact';
export type { Fault, RecordedRequest, SandboxRequest, SandboxResponse, StandIn } from './types';
