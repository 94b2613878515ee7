/**
 * "Ajouter une action" on a card: a task (title, due date — tomorrow by default —, priority),
 * linked to the card's contact and, optionally, an open opportunity. Created with
 * createRecord('taches'); two clicks: open, add. Opened from a suggested next action (« Expliquer
 * ce score »), it starts with that title, in focus, and still waits for "Ajouter".
 */
import type { VNode } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { getTab } from '../../core/schema/tabs';
import type { FieldDef } from '../../core/schema/types';
import type { RecordCard, RecordDto } from '../../server/api/contract';
import { today } from '../clock';
import { addDays } from '../format';
import { changedInput } from '../forms/fields';
import { formInput, keepFocusOnPress, useForm } from '../forms/use-form';
import { checkRecord } from '../forms/validation';
import { html } from '../html';
import { callServer } from '../rpc';
import { contactChoices, opportunityChoices } from './card-choices';

const FORM_ID = 'add-task';
const KEYS = ['titre', 'echeance', 'priorite', 'contactId', 'opportuniteId'];

export interface TaskFormProps {
  readonly card: RecordCard;
  readonly opportunityId: string | undefined;
  /** A title to start with (a suggested next action). */
  readonly title?: string | undefined;
  readonly onCreated: (task: RecordDto) => void;
  readonly onCancel: () => void;
}

export function TaskForm(props: TaskFormProps): VNode {
  const { card, opportunityId, title, onCreated, onCancel } = props;
  const fields = useMemo(
    () =>
      KEYS.map((k) => getTab('taches').fields.find((f) => f.key === k)).filter(
        (f): f is FieldDef => f !== undefined,
      ),
    [],
  );
  const contacts = contactChoices(card);
  const opportunities = opportunityChoices(card);
  const form = useForm(FORM_ID, fields, () => ({
    titre: title ?? '',
    echeance: addDays(today(), 1),
    priorite: 'Normale',
    contactId: contacts[0]?.value ?? '',
    opportuniteId: opportunities.some((o) => o.value === opportunityId)
      ? (opportunityId ?? '')
      : '',
  }));
  const [pending, setPending] = useState(false);
  // A prefilled form opens above the button that asked for it: bring it into view, title first.
  useEffect(() => {
    if (title) form.formRef.current?.querySelector<HTMLElement>(`#${FORM_ID}-titre`)?.focus();
  }, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (pending) return;
    // Status and origin are not questions for the user: a task added here is manual and to do.
    const input = {
      ...changedInput(fields, {}, form.values),
      statut: 'À faire',
      origine: 'Manuelle',
    };
    const errors = checkRecord('taches', input, false);
    if (errors) {
      form.fail(errors, 'Corrigez les champs signalés : rien n’a été enregistré.');
      return;
    }
    setPending(true);
    form.clear();
    try {
      onCreated(await callServer('createRecord', 'taches', input));
    } catch (error) {
      form.failWith(error);
    } finally {
      setPending(false);
    }
  };

  const input = (key: string, extra: Record<string, unknown> = {}) =>
    formInput(form, FORM_ID, fields.find((f) => f.key === key) as FieldDef, pending, extra);

  return html`
    <form
      id=${FORM_ID}
      class="panel-form"
      ref=${form.formRef}
      novalidate
      onSubmit=${submit}
      aria-label="Ajouter une action"
    >
      <h3>Ajouter une action</h3>
      ${input('titre')}
      <div class="row-2">${input('echeance')} ${input('priorite')}</div>
      ${
        card.tab === 'organisations' && contacts.length > 0
          ? input('contactId', { choices: contacts })
          : null
      }
      ${opportunities.length > 0 ? input('opportuniteId', { choices: opportunities }) : null}
      ${form.summary ? html`<p class="form-error" role="alert">${form.summary}</p>` : null}
      <div class="actions">
        <button
          type="submit"
          class="primary"
          disabled=${pending}
          data-testid="submit"
          onMouseDown=${keepFocusOnPress}
        >
          ${pending ? 'Enregistrement…' : 'Ajouter'}
        </button>
        <button type="button" class="secondary" disabled=${pending} onClick=${onCancel}>
          Annuler
        </button>
      </div>
    </form>
  `;
}
