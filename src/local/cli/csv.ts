/** RFC 4180 CSV, for `crm export --csv` (fields quoted when they hold a comma, quote or newline). */
export function toCsv(rows: readonly (readonly unknown[])[]): string {
  return rows
    .map((row) =>
      row
        .map((cell) => {
          const text = cell === null || cell === undefined ? '' : String(cell);
          return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
        })
        .join(','),
    )
    .map((line) => `${line}\r\n`)
    .join('');
}
