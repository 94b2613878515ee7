/**
 * A create or edit form for one tab, generated from the schema. Errors are shown next to their
 * field: first the core validation's, before any call; then the server's fieldErrors. On any
 * error the typed values stay as they are. An edit sends only the fields that changed.
 */
import type { VNode } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import type { FieldDef } from '../../core/schema/types';
import type { EditableTab, RecordDto } from '../../server/api/contract';
import { html } from '../html';
import { useNotify } from '../notify';
import { callServer } from '../rpc';
import {
  changedInput,
  formFields,
  isMainField,
  rawValues,
  type FormMode,
  type RawValues,
} from './fields';
import { formInput, keepFocusOnPress, useForm } from './use-form';
import { checkRecord, type FieldErrors } from './validation';

export interface RecordFormProps {
  /** DOM id of the form; inputs are `<formId>-<field key>`. */
  readonly formId: string;
  readonly tab: EditableTab;
  readonly mode: FormMode;
  /** The record being edited (mode 'edit'). */
  readonly record?: RecordDto;
  /** Values a new record starts with (the organisation of a contact created from its card). */
  readonly defaults?: RawValues;
  readonly submitLabel: string;
  readonly onSaved: (record: RecordDto) => void;
  readonly onCancel?: () => void;
}

export function RecordForm(props: RecordFormProps): VNode {
  const { formId, tab, mode, record, defaults, submitLabel, onSaved, onCancel } = props;
  const notify = useNotify();
  const fields = useMemo(() => formFields(tab, mode), [tab, mode]);
  // What the form is compared with: the record for an edit, an empty form for a creation (so
  // the defaults a new record starts with are sent).
  const base = useMemo(() => rawValues(fields, mode === 'edit' ? record : undefined), [fields]);
  const form = useForm(
    formId,
    fields,
    () => rawValues(fields, mode === 'edit' ? record : undefined, defaults),
    base,
  );
  const [pending, setPending] = useState(false);
  const [moreOpen, setMoreOpen] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (pending) return;
    const input = changedInput(fields, base, form.values);
    if (mode === 'edit' && Object.keys(input).length === 0) {
      notify.success('Aucune modification à enregistrer.');
      onCancel?.();
      return;
    }
    const openFolded = (found: FieldErrors | null) => {
      if (found && fields.some((f) => found[f.key] && !isMainField(tab, f.key))) setMoreOpen(true);
    };
    const found = checkRecord(tab, input, mode === 'edit');
    if (found) {
      openFolded(found);
      form.fail(found, 'Corrigez les champs signalés : rien n’a été enregistré.');
      return;
    }
    setPending(true);
    form.clear();
    try {
      const saved =
        mode === 'edit' && record
          ? await callServer('updateRecord', tab, String(record.id), input)
          : await callServer('createRecord', tab, input);
      onSaved(saved);
    } catch (error) {
      openFolded(form.failWith(error));
    } finally {
      setPending(false);
    }
  };

  const input = (field: FieldDef) => formInput(form, formId, field, pending);
  const main = fields.filter((f) => isMainField(tab, f.key));
  const more = fields.filter((f) => !isMainField(tab, f.key));

  return html`
    <form id=${formId} class="record-form" ref=${form.formRef} novalidate onSubmit=${submit}>
      ${main.map(input)}
      ${
        more.length > 0
          ? html`<details
              open=${moreOpen}
              onToggle=${(e: Event) => setMoreOpen((e.currentTarget as HTMLDetailsElement).open)}
            >
              <summary>Autres champs (${more.length})</summary>
              ${more.map(input)}
            </details>`
          : null
      }
      ${form.summary ? html`<p class="form-error" role="alert">${form.summary}</p>` : null}
      <div class="actions">
        <button
          type="submit"
          class="primary"
          disabled=${pending}
          data-testid="submit"
          onMouseDown=${keepFocusOnPress}
        >
          ${pending ? 'Enregistrement…' : submitLabel}
        </button>
        ${
          onCancel
            ? html`<button type="button" class="secondary" disabled=${pending} onClick=${onCancel}>
                Annuler
              </button>`
            : null
        }
      </div>
    </form>
  `;
}
