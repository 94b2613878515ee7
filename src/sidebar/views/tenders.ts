/**
 * Appels d'offres (from Accueil): the tenders of the BOAMP watch, Cœur first, then Adjacent, the
 * soonest deadline first, each with its level, object, buyer, a `J-5` countdown and the decision
 * taken. « Ouverts » (the default) keeps the relevant notices still open to bids; « Tous » shows
 * every tender of the tab. The server sorts and cuts the list at 50; the count says when more.
 */
import type { VNode } from 'preact';
import { useState } from 'preact/hooks';
import type { TenderFilter, TenderSummary } from '../../server/api/contract';
import { formatCount, formatDateTime } from '../format';
import { useLoad } from '../hooks';
import { html } from '../html';
import { callServer } from '../rpc';
import { countdown, levelClass } from '../tenders/tender-format';

export interface TendersViewProps {
  readonly refreshToken: number;
  readonly onBack: () => void;
  readonly onOpen: (tenderId: string) => void;
}

type Scope = NonNullable<TenderFilter['scope']>;

const SCOPES: ReadonlyArray<{ scope: Scope; label: string }> = [
  { scope: 'ouverts', label: 'Ouverts' },
  { scope: 'tous', label: 'Tous' },
];

function TenderItem(props: { tender: TenderSummary; onOpen: (id: string) => void }): VNode {
  const { tender, onOpen } = props;
  const left = countdown(tender.dateLimite);
  return html`<li>
    <button
      type="button"
      class="hit tender-hit"
      data-testid=${`tender-${tender.id}`}
      onClick=${() => onOpen(tender.id)}
    >
      <span class="tender-tags">
        <span class=${levelClass(tender.niveau)} data-testid="tender-level"
          >${tender.niveau ?? 'Sans niveau'}</span
        >
        ${
          left
            ? html`<span class=${`countdown ${left.tone}`} data-testid="tender-countdown"
                >${left.label}</span
              >`
            : null
        }
        ${
          tender.decision
            ? html`<span class="decision-tag" data-testid="tender-decision"
                >${tender.decision}</span
              >`
            : null
        }
      </span>
      <span class="hit-title tender-object">${tender.objet}</span>
      <span class="hit-sub">
        ${tender.acheteur || 'Acheteur non précisé'}${
          tender.dateLimite ? ` · remise le ${formatDateTime(tender.dateLimite)}` : ''
        }
      </span>
    </button>
  </li>`;
}

export function TendersView(props: TendersViewProps): VNode {
  const { refreshToken, onBack, onOpen } = props;
  const [scope, setScope] = useState<Scope>('ouverts');
  const list = useLoad(() => callServer('listTenders', { scope }), [scope, refreshToken]);
  const data = list.data;
  return html`
    <section class="tenders" data-testid="tenders">
      <button type="button" class="link back" onClick=${onBack}>← Accueil</button>
      <h2>Appels d’offres</h2>
      <div class="segmented" role="group" aria-label="Appels d’offres affichés">
        ${SCOPES.map(
          (s) =>
            html`<button
              type="button"
              class=${scope === s.scope ? 'seg active' : 'seg'}
              aria-pressed=${scope === s.scope}
              data-testid=${`tenders-${s.scope}`}
              onClick=${() => setScope(s.scope)}
            >
              ${s.label}
            </button>`,
        )}
      </div>
      <p class="muted small">
        ${
          scope === 'ouverts'
            ? 'Avis Cœur et Adjacent dont la date limite n’est pas passée.'
            : 'Tous les avis de l’onglet Appels_offres, archivés exceptés.'
        }
      </p>
      ${
        list.error
          ? html`<div>
              <p class="bad" role="alert">${list.error}</p>
              <button type="button" class="secondary" onClick=${list.reload}>Réessayer</button>
            </div>`
          : !data
            ? html`<p class="muted" role="status">Chargement des appels d’offres…</p>`
            : data.tenders.length === 0
              ? html`<p class="muted" data-testid="tenders-empty">
                  ${
                    scope === 'ouverts'
                      ? 'Aucun appel d’offres ouvert. La veille BOAMP en ajoute chaque jour.'
                      : 'Aucun appel d’offres dans l’onglet.'
                  }
                </p>`
              : html`<div>
                  <p class="muted small" data-testid="tenders-count">
                    ${
                      data.total > data.tenders.length
                        ? `${formatCount(data.tenders.length)} premiers sur ${formatCount(data.total)}`
                        : `${formatCount(data.total)} avis`
                    }
                  </p>
                  <ul class="hits" data-testid="tender-list">
                    ${data.tenders.map(
                      (t) => html`<${TenderItem} key=${t.id} tender=${t} onOpen=${onOpen} />`,
                    )}
                  </ul>
                </div>`
      }
    </section>
  `;
}
