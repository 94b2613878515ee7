/**
 * "Alerte si qualifié" (issue 6): an organisation whose ICP score reaches the qualification
 * threshold (`icp.seuil_qualifie`) because of an enrichment is announced once, when it crosses —
 * not at every rescoring while it stays above.
 */
import { escapeHtml } from '../text/html-escape';

export interface QualifiedRecord {
  readonly tab: 'organisations';
  readonly id: string;
  readonly name: string;
  readonly before: number | null;
  readonly after: number;
  readonly threshold: number;
}

/** Records whose score was below the threshold and now is at or above it. */
export function thresholdCrossings(
  before: ReadonlyMap<string, number | null>,
  after: ReadonlyMap<string, { readonly score: number; readonly name: string }>,
  threshold: number,
): QualifiedRecord[] {
  const crossed: QualifiedRecord[] = [];
  for (const [id, was] of before) {
    const now = after.get(id);
    if (!now) continue;
    if ((was === null || was < threshold) && now.score >= threshold)
      crossed.push({
        tab: 'organisations',
        id,
        name: now.name,
        before: was,
        after: now.score,
        threshold,
      });
  }
  return crossed.sort((a, b) => b.after - a.after || a.id.localeCompare(b.id));
}

export interface QualificationEmail {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

export function qualificationEmail(
  records: readonly QualifiedRecord[],
  spreadsheetUrl: string,
): QualificationEmail {
  const n = records.length;
  const subject = `[CRM UTPLA] ${n} organisation${n > 1 ? 's' : ''} qualifiée${n > 1 ? 's' : ''} après enrichissement`;
  const line = (r: QualifiedRecord) =>
    `${r.name} (${r.id}) : score ICP ${r.before === null ? 'non calculé' : r.before} → ${r.after} (seuil ${r.threshold})`;
  const html = [
    '<div style="font-family:Arial,sans-serif;font-size:14px">',
    '<p>Bonjour,</p>',
    `<p>L’enrichissement Apollo / Hunter a fait passer ${n > 1 ? 'ces organisations' : 'cette organisation'} au-dessus du seuil de qualification :</p>`,
    `<ul>${records.map((r) => `<li>${escapeHtml(line(r))}</li>`).join('')}</ul>`,
    `<p><a href="${escapeHtml(spreadsheetUrl)}">Ouvrir le CRM</a></p>`,
    '<p style="color:#666">Message automatique du CRM UTPLA — une alerte quand le seuil est franchi.</p>',
    '</div>',
  ].join('');
  const text = [
    'Bonjour,',
    '',
    `L’enrichissement Apollo / Hunter a fait passer ${n > 1 ? 'ces organisations' : 'cette organisation'} au-dessus du seuil de qualification :`,
    ...records.map((r) => `- ${line(r)}`),
    '',
    `Ouvrir le CRM : ${spreadsheetUrl}`,
  ].join('\n');
  return { subject, html, text };
}
