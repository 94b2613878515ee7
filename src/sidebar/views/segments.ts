/**
 * Segments: the saved segments of Parametres (`segment.<nom>` rows, edited there, not here), each
 * with its filter — or its French error when the filter cannot be read — and, once one is
 * chosen, its organisations and contacts as the search lists them, each opening its card. The
 * server cuts each list at 200; the totals say so.
 */
import type { VNode } from 'preact';
import type { SavedSegment, SearchHit } from '../../server/api/contract';
import { formatCount } from '../format';
import { HitList } from '../hit-list';
import { useLoad } from '../hooks';
import { html } from '../html';
import { callServer } from '../rpc';

export interface SegmentsViewProps {
  readonly refreshToken: number;
  readonly onBack: () => void;
  readonly onChoose: (name: string) => void;
}

function SegmentItem(props: { segment: SavedSegment; onChoose: (name: string) => void }): VNode {
  const { segment, onChoose } = props;
  if (segment.error)
    return html`<li class="segment segment-broken" data-testid="segment">
      <span class="hit-title">${segment.name}</span>
      <span class="hit-sub">${segment.filter}</span>
      <span class="bad small" role="note" data-testid="segment-error">${segment.error}</span>
    </li>`;
  return html`<li class="segment" data-testid="segment">
    <button type="button" class="hit" onClick=${() => onChoose(segment.name)}>
      <span class="hit-title">${segment.name}</span>
      <span class="hit-sub">${segment.filter}</span>
    </button>
  </li>`;
}

function Failed(props: { error: string; retry: () => void }): VNode {
  return html`<div>
    <p class="bad" role="alert">${props.error}</p>
    <button type="button" class="secondary" onClick=${props.retry}>Réessayer</button>
  </div>`;
}

export function SegmentsView(props: SegmentsViewProps): VNode {
  const { refreshToken, onBack, onChoose } = props;
  const segments = useLoad(() => callServer('listSegments'), [refreshToken]);
  const list = segments.data ?? [];
  return html`
    <section class="segments" data-testid="segments">
      <button type="button" class="link back" onClick=${onBack}>← Accueil</button>
      <h2>Segments</h2>
      <p class="muted small">
        Les segments se modifient dans l’onglet Parametres (lignes « ${'segment.<nom>'} »).
      </p>
      ${
        segments.error
          ? html`<${Failed} error=${segments.error} retry=${segments.reload} />`
          : !segments.data
            ? html`<p class="muted" role="status">Chargement des segments…</p>`
            : list.length === 0
              ? html`<p class="muted">Aucun segment enregistré.</p>`
              : html`<ul class="hits" data-testid="segment-list">
                  ${list.map(
                    (s) => html`<${SegmentItem} key=${s.name} segment=${s} onChoose=${onChoose} />`,
                  )}
                </ul>`
      }
    </section>
  `;
}

export interface SegmentMembersViewProps {
  readonly name: string;
  readonly refreshToken: number;
  readonly onBack: () => void;
  readonly onPick: (hit: SearchHit) => void;
}

/** `Organisations (33)`, or `Organisations (200 premières sur 1 234)` when the list was cut. */
function heading(label: 'Organisations' | 'Contacts', shown: number, total: number): string {
  const first = label === 'Organisations' ? 'premières' : 'premiers';
  return total > shown
    ? `${label} (${formatCount(shown)} ${first} sur ${formatCount(total)})`
    : `${label} (${formatCount(total)})`;
}

export function SegmentMembersView(props: SegmentMembersViewProps): VNode {
  const { name, refreshToken, onBack, onPick } = props;
  const members = useLoad(() => callServer('getSegmentMembers', name), [name, refreshToken]);
  const data = members.data;
  return html`
    <section class="segment-members" data-testid="segment-members">
      <button type="button" class="link back" onClick=${onBack}>← Segments</button>
      <h2 data-testid="segment-name">${name}</h2>
      ${data ? html`<p class="muted small">${data.filter}</p>` : null}
      ${
        members.error
          ? html`<${Failed} error=${members.error} retry=${members.reload} />`
          : !data
            ? html`<p class="muted" role="status">Chargement des membres…</p>`
            : html`<div>
                <h3 data-testid="segment-organisations-heading">
                  ${heading('Organisations', data.organisations.length, data.totalOrganisations)}
                </h3>
                ${
                  data.organisations.length === 0
                    ? html`<p class="muted">Aucune organisation.</p>`
                    : html`<${HitList}
                        hits=${data.organisations}
                        onPick=${onPick}
                        badges=${false}
                        testId="segment-organisations"
                      />`
                }
                <h3 data-testid="segment-contacts-heading">
                  ${heading('Contacts', data.contacts.length, data.totalContacts)}
                </h3>
                ${
                  data.contacts.length === 0
                    ? html`<p class="muted">Aucun contact.</p>`
                    : html`<${HitList}
                        hits=${data.contacts}
                        onPick=${onPick}
                        badges=${false}
                        testId="segment-contacts"
                      />`
                }
              </div>`
      }
    </section>
  `;
}
