/**
 * Gmail drafts of the local runtime: one `.eml` per draft in `<outbox>/drafts/`, named by the
 * draft id, with the draft and message ids in `X-Local-Draft-Id` / `X-Local-Message-Id` headers
 * so that GmailApp and the Gmail advanced service see the same drafts.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseEml, type ParsedEml } from './eml-reader';
import { writeEml } from './eml-writer';

export const DRAFT_ID_HEADER = 'X-Local-Draft-Id';
export const MESSAGE_ID_HEADER = 'X-Local-Message-Id';

export interface StoredDraft {
  draftId: string;
  messageId: string;
  file: string;
  raw: string;
  parsed: ParsedEml;
}

export function draftsDir(outboxDir: string): string {
  return path.join(outboxDir, 'drafts');
}

/** Ids shaped like Gmail's: `r-` and 19 digits for drafts, 16 hex digits for messages. */
export function newDraftIds(): { draftId: string; messageId: string } {
  const digits = BigInt(`0x${randomBytes(8).toString('hex')}`) % 10n ** 19n;
  return {
    draftId: `r-${digits.toString().padStart(19, '1')}`,
    messageId: randomBytes(8).toString('hex'),
  };
}

/** Writes a draft; `raw` is a complete RFC 5322 message, the id headers are put in front. */
export function saveDraft(
  outboxDir: string,
  draftId: string,
  messageId: string,
  raw: string,
): StoredDraft {
  const text = `${DRAFT_ID_HEADER}: ${draftId}\r\n${MESSAGE_ID_HEADER}: ${messageId}\r\n${raw}`;
  const file = writeEml(draftsDir(outboxDir), `${draftId}.eml`, text);
  return { draftId, messageId, file, raw: text, parsed: parseEml(text) };
}

function load(file: string): StoredDraft | undefined {
  const raw = fs.readFileSync(file, 'utf8');
  const parsed = parseEml(raw);
  const draftId = parsed.headers[DRAFT_ID_HEADER.toLowerCase()];
  const messageId = parsed.headers[MESSAGE_ID_HEADER.toLowerCase()];
  if (draftId === undefined || messageId === undefined) return undefined;
  return { draftId, messageId, file, raw, parsed };
}

export function listDrafts(outboxDir: string): StoredDraft[] {
  const dir = draftsDir(outboxDir);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .map((f) => load(path.join(dir, f)))
    .filter((d): d is StoredDraft => d !== undefined);
}

export function findDraft(outboxDir: string, draftId: string): StoredDraft | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(draftId)) return undefined;
  const file = path.join(draftsDir(outboxDir), `${draftId}.eml`);
  return fs.existsSync(file) ? load(file) : undefined;
}

export function deleteDraftFile(outboxDir: string, draftId: string): boolean {
  const found = findDraft(outboxDir, draftId);
  if (found === undefined) return false;
  fs.rmSync(found.file, { force: true });
  return true;
}
