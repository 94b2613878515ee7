/** Test helpers: a fresh local runtime on a temporary workbook, on the built dist/. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LocalRuntime, type RuntimeOptions } from '../../src/local/runtime/runtime';

export function tempDir(prefix = 'crm-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function freshRuntime(options: Partial<RuntimeOptions> = {}): LocalRuntime {
  return new LocalRuntime({ workbookPath: path.join(tempDir(), 'crm.xlsx'), ...options });
}

/** Runs a sidebar endpoint and returns its data, failing the test on `{ ok: false }`. */
export { callEndpoint as callApi } from '../../src/local/runtime/call-endpoint';

/**
 * Runs `work` with the emulated Apps Script services installed as Node globals, so a test can
 * call a server module directly (`src/server/...`) against the local workbook.
 */
export function withAppsScriptGlobals<T>(runtime: LocalRuntime, work: () => T): T {
  return runtime.withServices((services) => {
    const scope = globalThis as Record<string, unknown>;
    const names = Object.keys(services).filter((name) => name !== 'console');
    const saved = names.map((name) => [name, scope[name]] as const);
    for (const name of names) scope[name] = (services as unknown as Record<string, unknown>)[name];
    try {
      return work();
    } finally {
      for (const [name, value] of saved) scope[name] = value;
    }
  });
}
