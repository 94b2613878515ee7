/**
 * Record identifiers, in `id` fields (the record's own) and `ref` fields (a link to a record of
 * another tab). Stored in the one form the ID allocator writes, `CT-000012`; typed as "ct-12",
 * "CT 12" or "ct-000012". The prefix is required: a bare "12" could be anything pasted in the
 * wrong column, while "CT-12" says which tab it points to.
 */
import { formatRecordId } from '../schema/record-id';
import { inputText } from './input';
import { accept, reject, type Normalized } from './result';

const TYPED_ID = /^([a-z]+)[\s_-]*(\d{1,12})$/i;

/**
 * `prefix` is the target tab's idPrefix (`CT`); `tabName` names that tab in the message.
 * Without a prefix (a tab that has none), any well-formed ID is accepted.
 */
export function normalizeRecordRef(
  raw: unknown,
  prefix: string | undefined,
  tabName?: string,
): Normalized<string> {
  const example = prefix ? formatRecordId(prefix, 123) : 'ABC-000123';
  const invalid = tabName
    ? `n'est pas un identifiant de l'onglet ${tabName} (${example})`
    : `n'est pas un identifiant valide (${example})`;
  const text = inputText(raw);
  const m = text === null ? null : TYPED_ID.exec(text.trim());
  if (!m) return reject(invalid);
  const typedPrefix = (m[1] ?? '').toUpperCase();
  const n = Number(m[2]);
  // Numbering starts at 1: "CT-000000" was never handed out.
  if ((prefix !== undefined && typedPrefix !== prefix) || n < 1) return reject(invalid);
  return accept(formatRecordId(typedPrefix, n));
}
