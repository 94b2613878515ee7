/**
 * A record's form opened from a card: "Modifier" on the organisation, contact or an opportunity,
 * or "+ Nouveau contact" / "+ Nouvelle opportunité" prefilled with the card's links. Saving or
 * cancelling goes back to the card.
 */
import type { VNode } from 'preact';
import type { RecordDto } from '../../server/api/contract';
import type { RawValues } from '../forms/fields';
import { RecordForm } from '../forms/record-form';
import { html } from '../html';
import { recordTitle } from '../records';
import { CREATE_DEFAULTS } from './create';

export type FormTab = 'organisations' | 'contacts' | 'opportunites';

const NEW_TITLES: Readonly<Record<FormTab, string>> = {
  organisations: 'Nouvelle organisation',
  contacts: 'Nouveau contact',
  opportunites: 'Nouvelle opportunité',
};

export interface RecordEditViewProps {
  readonly tab: FormTab;
  readonly record?: RecordDto | undefined;
  readonly defaults?: RawValues | undefined;
  readonly onSaved: (record: RecordDto) => void;
  readonly onCancel: () => void;
}

export function RecordEditView(props: RecordEditViewProps): VNode {
  const { tab, record, defaults, onSaved, onCancel } = props;
  const mode = record ? 'edit' : 'create';
  return html`
    <section class="edit">
      <button type="button" class="link back" onClick=${onCancel}>← Retour à la fiche</button>
      <h2>${record ? `Modifier « ${recordTitle(tab, record)} »` : NEW_TITLES[tab]}</h2>
      ${
        tab === 'opportunites' && record
          ? html`<p class="muted small">L’étape se change depuis la fiche, avec « Déplacer ».</p>`
          : null
      }
      <${RecordForm}
        formId=${`${mode}-${tab}`}
        tab=${tab}
        mode=${mode}
        record=${record}
        defaults=${record ? defaults : { ...CREATE_DEFAULTS[tab], ...defaults }}
        submitLabel=${record ? 'Enregistrer' : 'Créer'}
        onSaved=${onSaved}
        onCancel=${onCancel}
      />
    </section>
  `;
}
