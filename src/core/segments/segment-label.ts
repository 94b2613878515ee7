/** The "Segment" cell: type and size band, the two criteria every list of targets starts from. */
export function segmentLabel(type: string, band: string): string {
  return [type, band].filter((s) => s !== '').join(' · ');
}
