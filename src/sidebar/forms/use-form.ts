/**
 * The state every form of the sidebar shares: raw values, an error per field, a summary line,
 * checking a field when the user leaves it, and showing a refusal (the client's or the server's)
 * next to the fields without touching what was typed.
 */
import { useRef, useState } from 'preact/hooks';
import type { FieldDef } from '../../core/schema/types';
import { useNotify } from '../notify';
import { errorText, RpcError } from '../rpc';
import type { VNode } from 'preact';
import { html } from '../html';
import { FieldInput, fromRaw, type RawValue } from './fields';
import { checkField, errorsByField, type FieldErrors } from './validation';

/**
 * For a form's submit button: `onMouseDown` that keeps the focus in the field being typed in.
 * Otherwise pressing the button blurs that field, its check runs and draws an error above the
 * button, the button moves down under the pointer, and the release lands beside it: the click
 * is lost and the user has to click again. Submitting checks every field anyway.
 */
export function keepFocusOnPress(event: MouseEvent): void {
  event.preventDefault();
}

export interface FormState {
  readonly values: Readonly<Record<string, RawValue>>;
  readonly errors: FieldErrors;
  readonly summary: string | null;
  readonly formRef: { current: HTMLFormElement | null };
  setValue(key: string, value: RawValue): void;
  /** Checks one field against `base` (an unchanged value is not re-checked). */
  commit(key: string): void;
  /** Shows errors next to their fields and focuses the first. */
  fail(found: FieldErrors, summary: string): void;
  /** A server refusal: its fieldErrors next to the fields (returned), anything else in the banner. */
  failWith(error: unknown): FieldErrors | null;
  clear(): void;
  reset(values: Record<string, RawValue>): void;
}

/** The input of one field, wired to the form's values, errors and checks. */
export function formInput(
  form: FormState,
  formId: string,
  field: FieldDef,
  pending: boolean,
  extra: Record<string, unknown> = {},
): VNode {
  return html`<${FieldInput}
    key=${field.key}
    id=${`${formId}-${field.key}`}
    field=${field}
    value=${form.values[field.key] ?? ''}
    error=${form.errors[field.key]}
    disabled=${pending}
    onValue=${(k: string, v: RawValue) => form.setValue(k, v)}
    onCommit=${(k: string) => form.commit(k)}
    ...${extra}
  />`;
}

export function useForm(
  formId: string,
  fields: readonly FieldDef[],
  initial: () => Record<string, RawValue>,
  base: Readonly<Record<string, RawValue>> = {},
): FormState {
  const notify = useNotify();
  const [values, setValues] = useState<Record<string, RawValue>>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [summary, setSummary] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const fail = (found: FieldErrors, text: string) => {
    setErrors(found);
    setSummary(text);
    const shown = fields.map((f) => f.key).filter((k) => found[k] !== undefined);
    // An error about a key no input shows (a rule on the whole record) would be invisible here.
    const hidden = Object.entries(found).filter(([k]) => !fields.some((f) => f.key === k));
    if (hidden.length > 0) notify.error(hidden.map(([, m]) => m).join('\n'));
    const first = shown[0];
    if (first) {
      // After the render that opens a folded section and draws the messages.
      setTimeout(() =>
        formRef.current?.querySelector<HTMLElement>(`[id="${formId}-${first}"]`)?.focus(),
      );
    }
  };

  return {
    values,
    errors,
    summary,
    formRef,
    setValue(key, value) {
      setValues((v) => ({ ...v, [key]: value }));
      if (errors[key] !== undefined) setErrors(({ [key]: _fixed, ...rest }) => rest);
    },
    commit(key) {
      const field = fields.find((f) => f.key === key);
      const raw = values[key];
      if (!field || raw === undefined || raw === base[key]) return;
      const message = checkField(field, fromRaw(field, raw));
      setErrors(({ [key]: _old, ...rest }) => (message ? { ...rest, [key]: message } : rest));
    },
    fail,
    failWith(error) {
      if (error instanceof RpcError && error.fieldErrors.length > 0) {
        const found = errorsByField(error.fieldErrors);
        fail(found, 'Le CRM a refusé l’enregistrement : corrigez les champs signalés.');
        return found;
      }
      setSummary(null);
      notify.error(errorText(error));
      return null;
    },
    clear() {
      setErrors({});
      setSummary(null);
    },
    reset(next) {
      setValues(next);
      setErrors({});
      setSummary(null);
    },
  };
}
