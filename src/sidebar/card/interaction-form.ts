/**
 * "Noter un échange" on a card: type, direction, date (now by default), subject, summary, and the
 * next action with its date. Sent with logInteraction, which also stamps the contact's last
 * interaction and turns a dated next action into a task. Two clicks: open, save.
 */
import type { VNode } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { getTab } from '../../core/schema/tabs';
import type { FieldDef } from '../../core/schema/types';
import type { RecordCard, RecordDto } from '../../server/api/contract';
import { now } from '../clock';
import { toDateTimeInput } from '../format';
import { changedInput } from '../forms/fields';
import { formInput, keepFocusOnPress, useForm } from '../forms/use-form';
import { checkField, checkRecord } from '../forms/validation';
import { html } from '../html';
import { callServer } from '../rpc';
import { contactChoices, opportunityChoices } from './card-choices';

const FORM_ID = 'log-interaction';
const INTERACTION_KEYS = [
  'type',
  'direction',
  'date',
  'contactId',
  'opportuniteId',
  'objet',
  'resume',
  'prochaineAction',
];
/** Not an interaction column: the endpoint turns it into the task's due date. */
const NEXT_DAY_KEY = 'prochaineActionLe';

function field(tab: 'interactions' | 'contacts', key: string): FieldDef {
  const found = getTab(tab).fields.find((f) => f.key === key);
  if (!found) throw new Error(`Champ ${key} absent du schéma ${tab}`);
  return found;
}

export interface InteractionFormProps {
  readonly card: RecordCard;
  /** Preselected opportunity (the highlighted one). */
  readonly opportunityId: string | undefined;
  readonly onLogged: (interaction: RecordDto, taskCreated: boolean) => void;
  readonly onCancel: () => void;
}

export function InteractionForm(props: InteractionFormProps): VNode {
  const { card, opportunityId, onLogged, onCancel } = props;
  const fields = useMemo(
    () => [
      ...INTERACTION_KEYS.map((k) => field('interactions', k)),
      field('contacts', NEXT_DAY_KEY),
    ],
    [],
  );
  const contacts = contactChoices(card);
  const opportunities = opportunityChoices(card);
  const form = useForm(FORM_ID, fields, () => ({
    type: 'Appel',
    direction: 'Sortant',
    date: toDateTimeInput(now().toISOString()),
    contactId: contacts[0]?.value ?? '',
    opportuniteId: opportunities.some((o) => o.value === opportunityId)
      ? (opportunityId ?? '')
      : '',
    objet: '',
    resume: '',
    prochaineAction: '',
    [NEXT_DAY_KEY]: '',
  }));
  const [pending, setPending] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (pending) return;
    const input = changedInput(fields, {}, form.values);
    const { [NEXT_DAY_KEY]: nextDay, ...interaction } = input;
    const errors: Record<string, string> = { ...checkRecord('interactions', interaction, false) };
    const dayError = checkField(field('contacts', NEXT_DAY_KEY), nextDay ?? null);
    if (dayError) errors[NEXT_DAY_KEY] = dayError;
    else if (nextDay && !interaction.prochaineAction)
      errors.prochaineAction = 'Prochaine action : précisez ce qu’il faudra faire à cette date.';
    if (Object.keys(errors).length > 0) {
      form.fail(errors, 'Corrigez les champs signalés : rien n’a été enregistré.');
      return;
    }
    setPending(true);
    form.clear();
    try {
      const logged = await callServer('logInteraction', input);
      onLogged(logged, Boolean(nextDay && interaction.prochaineAction));
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
      aria-label="Noter un échange"
    >
      <h3>Noter un échange</h3>
      <div class="row-2">${input('type')} ${input('direction')}</div>
      ${input('date')}
      ${
        card.tab === 'organisations'
          ? contacts.length > 0
            ? input('contactId', { choices: contacts })
            : null
          : null
      }
      ${opportunities.length > 0 ? input('opportuniteId', { choices: opportunities }) : null}
      ${input('objet')} ${input('resume')} ${input('prochaineAction')} ${input(NEXT_DAY_KEY)}
      ${form.summary ? html`<p class="form-error" role="alert">${form.summary}</p>` : null}
      <div class="actions">
        <button
          type="submit"
          class="primary"
          disabled=${pending}
          data-testid="submit"
          onMouseDown=${keepFocusOnPress}
        >
          ${pending ? 'Enregistrement…' : 'Enregistrer l’échange'}
        </button>
        <button type="button" class="secondary" disabled=${pending} onClick=${onCancel}>
          Annuler
        </button>
      </div>
    </form>
  `;
}
