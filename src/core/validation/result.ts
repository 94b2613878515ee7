/**
 * The outcome of one normaliser. A normaliser never throws: it returns the canonical value or the
 * French reason the input was refused. The reason is the predicate of the user's message
 * ("n'est pas une adresse email valide"); `validateField` adds the header and the quoted value.
 */
export type Normalized<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

export function accept<T>(value: T): Normalized<T> {
  return { ok: true, value };
}

export function reject(reason: string): { readonly ok: false; readonly reason: string } {
  return { ok: false, reason };
}
