/**
 * The bulk enrichment's progress, fed by the server's count of contacts done (not a spinner),
 * and what is left of each monthly credit budget. While a run is in progress the panel asks
 * again every few seconds; a run resumes in the hourly trigger, so the bar may move while the
 * sidebar stays open.
 */
import type { VNode } from 'preact';
import { useEffect } from 'preact/hooks';
import type { CreditStatus, EnrichmentStatus } from '../../server/api/contract';
import { formatCount, formatDateTime } from '../format';
import { useLoad } from '../hooks';
import { html } from '../html';
import { callServer } from '../rpc';

const POLL_MS = 5_000;

function credits(c: CreditStatus): string {
  const name = c.service === 'apollo' ? 'Apollo' : 'Hunter';
  return `${name} : ${formatCount(c.remaining)} restants sur ${formatCount(c.budget)}`;
}

export function EnrichmentProgressPanel(): VNode {
  const progress = useLoad<EnrichmentStatus>(() => callServer('getEnrichmentProgress'), []);
  const running = progress.data?.running === true;
  useEffect(() => {
    if (!running) return undefined;
    const timer = setTimeout(progress.reload, POLL_MS);
    return () => clearTimeout(timer);
  }, [running, progress.data]);
  const p = progress.data;
  if (!p) return html`<div class="muted small">${progress.error ?? ''}</div>`;
  const percent = p.total > 0 ? Math.round((100 * p.done) / p.total) : 0;
  return html`
    <div class="enrichment" data-testid="enrichment-progress">
      <h2>Enrichissement Apollo / Hunter</h2>
      ${
        p.total > 0 || p.running
          ? html`<progress
                max=${Math.max(p.total, 1)}
                value=${p.done}
                aria-label="Contacts enrichis"
              >
                ${percent} %
              </progress>
              <div>
                ${formatCount(p.done)} / ${formatCount(p.total)} contacts
                ${p.running ? ' — en cours' : p.finishedAtIso ? ` — terminé ${formatDateTime(p.finishedAtIso)}` : ''}
              </div>`
          : html`<div class="muted">Aucun enrichissement en masse lancé.</div>`
      }
      ${p.lastError ? html`<div class="warn">${p.lastError}</div>` : null}
      ${!p.running && p.summary ? html`<div class="muted small">${p.summary}</div>` : null}
      <div class="muted small">
        Crédits du mois — ${p.credits.map(credits).join(' · ')}
        ${!p.apolloConfigured ? ' · clé Apollo absente' : ''}${!p.hunterConfigured ? ' · clé Hunter absente' : ''}
      </div>
    </div>
  `;
}
