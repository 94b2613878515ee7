/**
 * The input of a `ref` field: the linked record shown by name, and a search box (the same
 * searchRecords as the Rechercher view, restricted to the target tab) to pick another one. Tabs
 * the search does not cover (tenders) fall back to typing the ID, which validation checks.
 */
import type { VNode } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { FieldDef } from '../../core/schema/types';
import type { EditableTab } from '../../server/api/contract';
import { useSearch } from '../hooks';
import { html } from '../html';
import { isSearchableTab, recordTitle, TAB_LABELS } from '../records';
import { callServer } from '../rpc';

export interface RefPickerProps {
  readonly id: string;
  readonly field: FieldDef;
  /** The linked record's ID, or ''. */
  readonly value: string;
  readonly disabled: boolean;
  readonly invalid: boolean;
  readonly describedBy: string | undefined;
  readonly onValue: (id: string) => void;
  readonly onCommit: () => void;
}

export function RefPicker(props: RefPickerProps): VNode {
  const { id, field, value, disabled, invalid, describedBy, onValue, onCommit } = props;
  const target = field.ref;
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState(false);
  /** Names of records already known (picked here, or looked up once), by ID. */
  const [labels, setLabels] = useState<Record<string, string>>({});
  // The search box shows when nothing is linked yet, or after "Changer": search in both cases.
  const searching = editing || !value;
  const search = useSearch(searching ? query : '');

  // A form opened on an existing record only has the ID: look its name up once.
  useEffect(() => {
    if (!value || labels[value] !== undefined || !isSearchableTab(target)) return;
    let alive = true;
    callServer('getRecord', target as EditableTab, value).then(
      (record) => alive && setLabels((l) => ({ ...l, [value]: recordTitle(target, record) })),
      () => alive && setLabels((l) => ({ ...l, [value]: '' })),
    );
    return () => {
      alive = false;
    };
  }, [value, target]);

  const aria = {
    'aria-invalid': invalid ? 'true' : undefined,
    'aria-describedby': describedBy,
  };

  if (!isSearchableTab(target)) {
    return html`<input
      id=${id}
      type="text"
      data-testid=${`field-${field.key}`}
      placeholder="Identifiant, ex. AO-000123"
      value=${value}
      disabled=${disabled}
      ...${aria}
      onInput=${(e: Event) => onValue((e.currentTarget as HTMLInputElement).value)}
      onBlur=${onCommit}
    />`;
  }

  if (value && !editing) {
    const name = labels[value];
    return html`
      <div class="ref-chosen" data-testid=${`field-${field.key}`} data-value=${value}>
        <span class="ref-name">${name || value}</span>
        ${name ? html`<span class="muted small"> ${value}</span>` : null}
        <span class="ref-actions">
          <button
            type="button"
            class="link"
            id=${id}
            disabled=${disabled}
            onClick=${() => {
              setQuery('');
              setEditing(true);
            }}
          >
            Changer
          </button>
          <button
            type="button"
            class="link"
            aria-label=${`Retirer ${field.header}`}
            disabled=${disabled}
            onClick=${() => onValue('')}
          >
            ×
          </button>
        </span>
      </div>
    `;
  }

  const hits = (search.hits ?? []).filter((h) => h.tab === target);
  return html`
    <div class="ref-picker">
      <input
        id=${id}
        type="search"
        data-testid=${`field-${field.key}`}
        placeholder=${`Rechercher (${TAB_LABELS[target].toLowerCase()})…`}
        autocomplete="off"
        value=${query}
        disabled=${disabled}
        ...${aria}
        onInput=${(e: Event) => setQuery((e.currentTarget as HTMLInputElement).value)}
        onKeyDown=${(e: KeyboardEvent) => {
          if (e.key === 'Escape' && value) setEditing(false);
        }}
      />
      ${search.loading ? html`<p class="muted small">Recherche…</p>` : null}
      ${search.error ? html`<p class="bad small">${search.error}</p>` : null}
      ${
        search.hits && hits.length === 0 && !search.loading
          ? html`<p class="muted small">Aucun résultat.</p>`
          : null
      }
      ${
        hits.length > 0
          ? html`<ul class="ref-hits">
              ${hits.map(
                (hit) => html`
                  <li key=${hit.id}>
                    <button
                      type="button"
                      class="hit"
                      onClick=${() => {
                        setLabels((l) => ({ ...l, [hit.id]: hit.title }));
                        setEditing(false);
                        setQuery('');
                        onValue(hit.id);
                      }}
                    >
                      <span class="hit-title">${hit.title}</span>
                      <span class="hit-sub">${hit.subtitle}</span>
                    </button>
                  </li>
                `,
              )}
            </ul>`
          : null
      }
      ${
        value
          ? html`<button type="button" class="link small" onClick=${() => setEditing(false)}>
              Annuler
            </button>`
          : null
      }
    </div>
  `;
}
