/**
 * `npm run crm -- rank-tenders <file.json>`: the relevance of BOAMP notices saved from the
 * Explore API (an array of records, or the endpoint's `{ results: [...] }`), one JSON line per
 * notice. It runs the core function the watch runs, with the Parametres defaults, and needs no
 * workbook.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { scoreNotice, type NoticeForRelevance } from '../../core/boamp/relevance';

export function noticesFromJson(text: string): NoticeForRelevance[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error('rank-tenders : le fichier n’est pas du JSON valide.');
  }
  const list =
    parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as { results?: unknown }).results
      : parsed;
  if (!Array.isArray(list))
    throw new Error('rank-tenders : un tableau d’avis ou un objet { results: [...] } est attendu.');
  return list.map((item, i) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item))
      throw new Error(`rank-tenders : l’élément ${i} n’est pas un avis (objet JSON attendu).`);
    return item as NoticeForRelevance;
  });
}

export function rankTenderLines(notices: readonly NoticeForRelevance[]): string[] {
  return notices.map((notice) => {
    const { score, level, matched } = scoreNotice(notice);
    const idweb = typeof notice.idweb === 'string' ? notice.idweb : null;
    return JSON.stringify({ idweb, score, level, matched });
  });
}

/** Returns the exit code. */
export function rankTenders(args: readonly string[]): number {
  const [arg] = args.filter((a) => !a.startsWith('--'));
  if (!arg) throw new Error('rank-tenders : fichier JSON manquant.');
  // `npm run` moves to the package root; a relative path means the caller's directory.
  const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), arg);
  if (!fs.existsSync(file)) throw new Error(`rank-tenders : fichier introuvable : ${file}`);
  const lines = rankTenderLines(noticesFromJson(fs.readFileSync(file, 'utf8')));
  if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
