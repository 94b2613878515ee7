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
