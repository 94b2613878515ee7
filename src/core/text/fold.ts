/**
 * Folding used wherever the CRM compares words typed by people: headers, keywords, enum values.
 * "Écheance  Date" and "echeance date" fold to the same key.
 */
export function foldText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[œŒ]/g, 'oe')
    .replace(/[æÆ]/g, 'ae')
    .toLowerCase()
    .replace(/[\s_\u00a0]+/g, ' ')
    .trim();
}
