/**
 * Nouveau: create an organisation, a contact or an opportunity with the schema's form. Each kind
 * keeps its own form (switching kind loses nothing typed); a saved record opens its card.
 * Clicks: the tab, the kind (if not the one shown), "Créer" — typing aside, three at most.
 */
import type { VNode } from 'preact';
import { useState } from 'preact/hooks';
import type { RecordDto } from '../../server/api/contract';
import { RecordForm } from '../forms/record-form';
import { html } from '../html';
import { useNotify } from '../notify';
import { recordTitle } from '../records';

export type CreatableTab = 'organisations' | 'contacts' | 'opportunites';

const KINDS: ReadonlyArray<{ tab: CreatableTab; label: string; created: string }> = [
  { tab: 'organisations', label: 'Organisation', created: 'Organisation créée' },
  { tab: 'contacts', label: 'Contact', created: 'Contact créé' },
  { tab: 'opportunites', label: 'Opportunité', created: 'Opportunité créée' },
];

/** Defaults of a new record: an opportunity starts as a Lead. */
export const CREATE_DEFAULTS: Readonly<Record<CreatableTab, Record<string, string>>> = {
  organisations: {},
  contacts: {},
  opportunites: { etape: 'Lead' },
};

export function createdMessage(tab: CreatableTab, record: RecordDto): string {
  const kind = KINDS.find((k) => k.tab === tab);
  return `${kind?.created ?? 'Fiche créée'} : « ${recordTitle(tab, record)} » (${String(record.id)}).`;
}

export interface CreateViewProps {
  readonly onCreated: (tab: CreatableTab, record: RecordDto) => void;
}

export function CreateView(props: CreateViewProps): VNode {
  const { onCreated } = props;
  const notify = useNotify();
  const [tab, setTab] = useState<CreatableTab>('organisations');
  const [visited, setVisited] = useState<ReadonlySet<CreatableTab>>(new Set(['organisations']));
  /** Bumped after a save, to start that kind's next record on an empty form. */
  const [generations, setGenerations] = useState<Readonly<Record<CreatableTab, number>>>({
    organisations: 0,
    contacts: 0,
    opportunites: 0,
  });

  const choose = (next: CreatableTab) => {
    setTab(next);
    setVisited((v) => new Set([...v, next]));
  };

  return html`
    <section class="create">
      <div class="segmented" role="radiogroup" aria-label="Type de fiche">
        ${KINDS.map(
          (k) => html`
            <button
              type="button"
              role="radio"
              aria-checked=${k.tab === tab}
              class=${k.tab === tab ? 'seg active' : 'seg'}
              id=${`new-kind-${k.tab}`}
              onClick=${() => choose(k.tab)}
            >
              ${k.label}
            </button>
          `,
        )}
      </div>
      ${KINDS.filter((k) => visited.has(k.tab)).map(
        (k) => html`
          <div key=${`${k.tab}-${generations[k.tab]}`} hidden=${k.tab !== tab}>
            <${RecordForm}
              formId=${`new-${k.tab}`}
              tab=${k.tab}
              mode="create"
              defaults=${CREATE_DEFAULTS[k.tab]}
              submitLabel="Créer"
              onSaved=${(record: RecordDto) => {
                notify.success(createdMessage(k.tab, record));
                setGenerations((g) => ({ ...g, [k.tab]: g[k.tab] + 1 }));
                onCreated(k.tab, record);
              }}
            />
          </div>
        `,
      )}
    </section>
  `;
}
