/**
 * A task for Claude that must come back as JSON of a known shape: the prompt, the JSON schema
 * sent in `output_config.format`, and the zod schema that checks the answer locally. Both are
 * needed: the API's schema subset cannot express lengths (anthropic.md §3), and an answer is
 * text from outside that is rejected when it does not fit (DESIGN.md §7). zod's "mini" build is
 * used because the classic one adds some 800 kB to Code.js, which Apps Script parses at every
 * execution; mini is tree-shaken to a few dozen.
 */
import type * as z from 'zod/mini';

export interface StructuredTask<T> {
  /** Said in the Journal: what the call was for (French). */
  readonly purpose: string;
  readonly system: string;
  readonly user: string;
  /** Strict subset: every property required, `additionalProperties: false`, no length limits. */
  readonly jsonSchema: Readonly<Record<string, unknown>>;
  readonly validator: z.ZodMiniType<T>;
  readonly maxTokens: number;
}

export type AnswerCheck<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

export function checkStructuredAnswer<T>(
  text: string,
  validator: z.ZodMiniType<T>,
): AnswerCheck<T> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'elle n’est pas du JSON valide' };
  }
  const result = validator.safeParse(parsed);
  if (result.success) return { ok: true, value: result.data };
  const issues = result.error.issues.slice(0, 3).map(describeIssue);
  return { ok: false, reason: `elle ne respecte pas le format attendu (${issues.join(' ; ')})` };
}

type Issue = z.core.$ZodIssue;

function describeIssue(issue: Issue): string {
  const where = issue.path.length === 0 ? 'réponse' : issue.path.map(String).join('.');
  switch (issue.code) {
    case 'invalid_type':
      return `${where} : ${typeName(issue.expected)} attendu`;
    case 'too_small':
      return issue.origin === 'string'
        ? `${where} : trop court (${String(issue.minimum)} caractères au minimum)`
        : `${where} : trop petit (minimum ${String(issue.minimum)})`;
    case 'too_big':
      return issue.origin === 'string'
        ? `${where} : trop long (${String(issue.maximum)} caractères au maximum)`
        : `${where} : trop grand (maximum ${String(issue.maximum)})`;
    case 'unrecognized_keys':
      return `champ${issue.keys.length > 1 ? 's' : ''} inattendu${issue.keys.length > 1 ? 's' : ''} : ${issue.keys.join(', ')}`;
    default:
      // Custom checks carry their own French message.
      return `${where} : ${issue.message}`;
  }
}

function typeName(expected: string): string {
  const names: Record<string, string> = {
    string: 'texte',
    number: 'nombre',
    boolean: 'booléen',
    object: 'objet',
    array: 'liste',
  };
  return names[expected] ?? expected;
}
