/**
 * The form-field module: which schema fields a form shows, how a stored value becomes what an
 * input holds and back, and the input of each schema type (enum → select, boolean → checkbox,
 * longtext → textarea, date → date input, ref → picker searching the records). Forms keep raw
 * input (what the user typed) and send only what differs from what they started with.
 */
import type { VNode } from 'preact';
import { getTab } from '../../core/schema/tabs';
import type { FieldDef, TabKey } from '../../core/schema/types';
import type { RecordDto } from '../../server/api/contract';
import { fromDateTimeInput, toDateTimeInput } from '../format';
import { html } from '../html';
import { RefPicker } from './ref-picker';

/** What an input holds: text for every type, a boolean for checkboxes. */
export type RawValue = string | boolean;
export type RawValues = Readonly<Record<string, RawValue>>;
export type FormMode = 'create' | 'edit';

/** The bookkeeping columns every record tab ends with: the CRM fills them, forms never show them. */
const TRAILER_KEYS: ReadonlySet<string> = new Set(['owner', 'etat', 'createdAt', 'updatedAt']);

/**
 * Fields a form shows on creation only. An opportunity's stage changes through moveStage, which
 * checks the pipeline rules and journals the move; an edit form must not be a way around it.
 */
const CREATE_ONLY: Partial<Record<TabKey, readonly string[]>> = {
  opportunites: ['etape', 'raisonPerte'],
};

/**
 * The fields shown first; the others wait behind "Autres champs" so that a 40-column
 * organisation stays a short form in a 300 px sidebar. Schema order is kept within each group.
 */
const MAIN_FIELDS: Partial<Record<TabKey, readonly string[]>> = {
  organisations: [
    'nom',
    'type',
    'siren',
    'ville',
    'departement',
    'region',
    'population',
    'effectif',
    'siteWeb',
    'budgetBiodiversite',
    'budgetConfirme',
    'source',
    'notes',
  ],
  contacts: [
    'nom',
    'prenom',
    'email',
    'telephone',
    'organisationId',
    'poste',
    'source',
    'statut',
    'prochaineAction',
    'prochaineActionLe',
    'notes',
  ],
  opportunites: [
    'titre',
    'organisationId',
    'contactId',
    'offre',
    'etape',
    'montant',
    'probabilite',
    'dateCloturePrevue',
    'source',
  ],
};

/** The fields a form of this tab shows: no computed field, no bookkeeping trailer. */
export function formFields(tab: TabKey, mode: FormMode): FieldDef[] {
  const createOnly = CREATE_ONLY[tab] ?? [];
  return getTab(tab).fields.filter(
    (f) =>
      !f.computed && !TRAILER_KEYS.has(f.key) && (mode === 'create' || !createOnly.includes(f.key)),
  );
}

export function isMainField(tab: TabKey, key: string): boolean {
  const main = MAIN_FIELDS[tab];
  return main === undefined || main.includes(key);
}

/** French decimal comma, as the user would type the number back. */
function decimalText(n: number): string {
  return String(n).replace('.', ',');
}

/** A stored value (JSON from the server) as the input shows it. */
export function toRaw(field: FieldDef, value: unknown): RawValue {
  if (field.type === 'boolean') return value === true;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    // "40 %" rather than "0,4": typed back, a bare "1" would mean 100 %, "1 %" means 1 %.
    if (field.type === 'percent') return `${decimalText(Math.round(value * 1e6) / 1e4)} %`;
    return decimalText(value);
  }
  if (field.type === 'datetime') return toDateTimeInput(String(value)) || String(value);
  return String(value);
}

/**
 * An input's value as it is sent: trimmed text, null for a cleared field, the instant of a
 * date-time typed in Paris time. Parsing numbers is left to validation, which reads the French
 * forms ("1 234,56 €") the same way on both sides.
 */
export function fromRaw(field: FieldDef, raw: RawValue): string | boolean | null {
  if (typeof raw === 'boolean') return raw;
  const text = raw.trim();
  if (text === '') return null;
  if (field.type === 'datetime') return fromDateTimeInput(text) ?? text;
  return text;
}

export function rawValues(
  fields: readonly FieldDef[],
  record: RecordDto | undefined,
  defaults: RawValues = {},
): Record<string, RawValue> {
  const values: Record<string, RawValue> = {};
  for (const field of fields) {
    values[field.key] = defaults[field.key] ?? toRaw(field, record?.[field.key] ?? null);
  }
  return values;
}

/** Only the fields whose input differs from `base`: an update sends the changes, nothing else. */
export function changedInput(
  fields: readonly FieldDef[],
  base: RawValues,
  current: RawValues,
): RecordDto {
  const input: Record<string, string | boolean | null> = {};
  for (const field of fields) {
    const value = current[field.key];
    if (value !== undefined && value !== base[field.key]) input[field.key] = fromRaw(field, value);
  }
  return input;
}

const PLACEHOLDERS: Partial<Record<FieldDef['type'], string>> = {
  email: 'prenom.nom@exemple.fr',
  phone: '06 12 34 56 78',
  url: 'https://…',
  siren: '9 chiffres',
  siret: '14 chiffres',
  money: 'ex. 1 234,56',
  percent: 'ex. 40 %',
};

export interface FieldInputProps {
  /** The input's DOM id, unique in the sidebar (`<form id>-<field key>`). */
  readonly id: string;
  readonly field: FieldDef;
  readonly value: RawValue;
  readonly error?: string | undefined;
  readonly disabled?: boolean;
  readonly onValue: (key: string, value: RawValue) => void;
  /** The user left the field: the moment to check it. */
  readonly onCommit?: (key: string) => void;
  /**
   * A short list to pick from instead of the field's own input: the contacts and opportunities
   * of the card a form was opened from, one click instead of a search.
   */
  readonly choices?: ReadonlyArray<{ readonly value: string; readonly label: string }>;
}

/** One labelled input with its error underneath (role=alert, tied by aria-describedby). */
export function FieldInput(props: FieldInputProps): VNode {
  const { id, field, value, error, disabled = false, onValue, onCommit, choices } = props;
  const errorId = `${id}-error`;
  const common = {
    id,
    name: field.key,
    disabled,
    'data-testid': `field-${field.key}`,
    'aria-invalid': error ? 'true' : undefined,
    'aria-describedby': error ? errorId : undefined,
    onBlur: () => onCommit?.(field.key),
  };
  const text = typeof value === 'string' ? value : '';
  const onText = (e: Event) => onValue(field.key, (e.currentTarget as HTMLInputElement).value);
  const label = `${field.header}${field.required ? ' *' : ''}`;
  const errorLine = error
    ? html`<p class="field-error" id=${errorId} role="alert" data-testid=${`error-${field.key}`}>
        ${error}
      </p>`
    : null;

  if (field.type === 'boolean') {
    return html`
      <div class=${error ? 'field field-check has-error' : 'field field-check'}>
        <label>
          <input
            ...${common}
            type="checkbox"
            checked=${value === true}
            onChange=${(e: Event) =>
              onValue(field.key, (e.currentTarget as HTMLInputElement).checked)}
          />
          ${' '}${field.header}
        </label>
        ${errorLine}
      </div>
    `;
  }

  let control: VNode;
  switch (choices ? 'choices' : field.type) {
    case 'choices':
      control = html`
        <select ...${common} value=${text} onChange=${onText}>
          ${field.required ? null : html`<option value="">—</option>`}
          ${(choices ?? []).map((c) => html`<option value=${c.value}>${c.label}</option>`)}
        </select>
      `;
      break;
    case 'enum': {
      const values = field.values ?? [];
      // A value typed in the sheet outside the list is kept as an option: opening the form and
      // saving another field must not silently erase it.
      const options = text !== '' && !values.includes(text) ? [...values, text] : values;
      control = html`
        <select ...${common} value=${text} onChange=${onText}>
          <option value="">${field.required ? 'Choisir…' : '—'}</option>
          ${options.map((v) => html`<option value=${v}>${v}</option>`)}
        </select>
      `;
      break;
    }
    case 'longtext':
      control = html`<textarea ...${common} rows="3" value=${text} onInput=${onText}></textarea>`;
      break;
    case 'date':
      control = html`<input ...${common} type="date" value=${text} onInput=${onText} />`;
      break;
    case 'datetime':
      control = html`<input ...${common} type="datetime-local" value=${text} onInput=${onText} />`;
      break;
    case 'ref':
      control = html`<${RefPicker}
        id=${id}
        field=${field}
        value=${text}
        disabled=${disabled}
        invalid=${Boolean(error)}
        describedBy=${error ? errorId : undefined}
        onValue=${(v: string) => onValue(field.key, v)}
        onCommit=${() => onCommit?.(field.key)}
      />`;
      break;
    default: {
      const type =
        field.type === 'email'
          ? 'email'
          : field.type === 'phone'
            ? 'tel'
            : field.type === 'url'
              ? 'url'
              : 'text';
      const inputMode =
        field.type === 'integer' || field.type === 'siren' || field.type === 'siret'
          ? 'numeric'
          : field.type === 'money' || field.type === 'number' || field.type === 'percent'
            ? 'decimal'
            : undefined;
      control = html`<input
        ...${common}
        type=${type}
        inputmode=${inputMode}
        placeholder=${PLACEHOLDERS[field.type]}
        autocomplete="off"
        value=${text}
        onInput=${onText}
      />`;
    }
  }
  return html`
    <div class=${error ? 'field has-error' : 'field'}>
      <label for=${id}>${label}</label>
      ${control} ${errorLine}
    </div>
  `;
}
