/**
 * Properties, cache, triggers and mail quota persist in a JSON file beside the workbook, written
 * atomically (temp file then rename) so a crash never leaves half a file.
 */
import * as fs from 'node:fs';
import { emptyPersistentState, type PersistentState } from './env';

export function loadState(path: string): PersistentState {
  if (!fs.existsSync(path)) return emptyPersistentState();
  const parsed = JSON.parse(fs.readFileSync(path, 'utf8')) as Partial<PersistentState>;
  return { ...emptyPersistentState(), ...parsed };
}

export function saveState(path: string, state: PersistentState): void {
  writeFileAtomic(path, `${JSON.stringify(state, null, 2)}\n`);
}

export function writeFileAtomic(path: string, content: string): void {
  const temp = `${path}.${process.pid}.tmp`;
  fs.writeFileSync(temp, content);
  fs.renameSync(temp, path);
}
