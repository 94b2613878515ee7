/**
 * Vocabulary of the schema: the single source of truth for tab names, column keys, French
 * headers, types, required fields, allowed values and display formats (DESIGN.md §3).
 */
export type FieldType =
  | 'id'
  | 'text'
  | 'longtext'
  | 'email'
  | 'phone'
  | 'url'
  | 'siren'
  | 'siret'
  | 'integer'
  | 'number'
  | 'money'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'enum'
  | 'ref'
  | 'boolean';

export type TabKey =
  | 'organisations'
  | 'contacts'
  | 'opportunites'
  | 'interactions'
  | 'appelsOffres'
  | 'taches'
  | 'journal'
  | 'parametres'
  | 'tableauDeBord';

export interface FieldDef {
  /** Stable key used in code (camelCase English or French domain word). */
  readonly key: string;
  /** The French header shown in row 1. */
  readonly header: string;
  readonly type: FieldType;
  readonly required?: boolean;
  /** Allowed values of an `enum` field, in display order. */
  readonly values?: readonly string[];
  /** Target tab of a `ref` field (holds the target's ID). */
  readonly ref?: TabKey;
  /** Filled by the CRM, not typed by users (scores, stamps, computed dates). */
  readonly computed?: boolean;
  /** Column width in pixels. */
  readonly width?: number;
}

export type TabKind = 'records' | 'log' | 'settings' | 'dashboard';

export interface TabDef {
  readonly key: TabKey;
  /** The sheet name, as users see it. */
  readonly name: string;
  readonly kind: TabKind;
  /** Prefix of record IDs (`CT` gives `CT-000123`). */
  readonly idPrefix?: string;
  readonly fields: readonly FieldDef[];
}
