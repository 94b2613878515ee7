/** "48 213" and "150 000 €" the French way, with the narrow no-break space Sheets and Word use. */
const GROUPS = /\B(?=(\d{3})+(?!\d))/g;

export function frenchInteger(n: number): string {
  const rounded = Math.round(n);
  const sign = rounded < 0 ? '-' : '';
  return sign + String(Math.abs(rounded)).replace(GROUPS, '\u202f');
}

export function frenchEuros(n: number): string {
  return `${frenchInteger(n)}\u00a0€`;
}
