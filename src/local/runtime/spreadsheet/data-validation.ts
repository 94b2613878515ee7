/**
 * SpreadsheetApp.newDataValidation() and the DataValidation objects ranges return
 * (developers.google.com/apps-script/reference/spreadsheet/data-validation-builder). Only the
 * list criteria is emulated — the one the CRM's validation columns use; other `require…`
 * methods are absent, so a script using one fails loudly rather than getting a fake rule.
 */
import { countCalls, fail, realmArray, type HasContext, type SpreadsheetContext } from './context';
import { badParameters } from './messages';
import type { ValidationRule } from './workbook-data';

/** SpreadsheetApp.DataValidationCriteria (names of the reference; only VALUE_IN_LIST is buildable). */
export const DataValidationCriteria = Object.freeze({
  DATE_AFTER: 'DATE_AFTER',
  DATE_BEFORE: 'DATE_BEFORE',
  DATE_BETWEEN: 'DATE_BETWEEN',
  DATE_EQUAL_TO: 'DATE_EQUAL_TO',
  DATE_IS_VALID_DATE: 'DATE_IS_VALID_DATE',
  DATE_NOT_BETWEEN: 'DATE_NOT_BETWEEN',
  DATE_ON_OR_AFTER: 'DATE_ON_OR_AFTER',
  DATE_ON_OR_BEFORE: 'DATE_ON_OR_BEFORE',
  NUMBER_BETWEEN: 'NUMBER_BETWEEN',
  NUMBER_EQUAL_TO: 'NUMBER_EQUAL_TO',
  NUMBER_GREATER_THAN: 'NUMBER_GREATER_THAN',
  NUMBER_GREATER_THAN_OR_EQUAL_TO: 'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  NUMBER_LESS_THAN: 'NUMBER_LESS_THAN',
  NUMBER_LESS_THAN_OR_EQUAL_TO: 'NUMBER_LESS_THAN_OR_EQUAL_TO',
  NUMBER_NOT_BETWEEN: 'NUMBER_NOT_BETWEEN',
  NUMBER_NOT_EQUAL_TO: 'NUMBER_NOT_EQUAL_TO',
  TEXT_CONTAINS: 'TEXT_CONTAINS',
  TEXT_DOES_NOT_CONTAIN: 'TEXT_DOES_NOT_CONTAIN',
  TEXT_EQUAL_TO: 'TEXT_EQUAL_TO',
  TEXT_IS_VALID_EMAIL: 'TEXT_IS_VALID_EMAIL',
  TEXT_IS_VALID_URL: 'TEXT_IS_VALID_URL',
  VALUE_IN_LIST: 'VALUE_IN_LIST',
  VALUE_IN_RANGE: 'VALUE_IN_RANGE',
  CUSTOM_FORMULA: 'CUSTOM_FORMULA',
  CHECKBOX: 'CHECKBOX',
});

/** [inference] what build() says without a criteria. */
const NO_CRITERIA = 'You must specify a criteria for the data validation rule.';

const rules = new WeakMap<object, ValidationRule>();

/** The rule behind a DataValidation object made here, or undefined for anything else. */
export function ruleOf(value: unknown): ValidationRule | undefined {
  return typeof value === 'object' && value !== null ? rules.get(value) : undefined;
}

interface Draft {
  values: string[] | undefined;
  showDropdown: boolean;
  allowInvalid: boolean;
  helpText: string | null;
}

export class DataValidationBuilder implements HasContext {
  constructor(
    readonly ctx: SpreadsheetContext,
    private readonly draft: Draft = {
      values: undefined,
      showDropdown: true,
      allowInvalid: true,
      helpText: null,
    },
  ) {}

  requireValueInList(values: unknown, showDropdown?: unknown): this {
    if (
      !Array.isArray(values) ||
      (showDropdown !== undefined && typeof showDropdown !== 'boolean')
    ) {
      fail(
        this.ctx,
        badParameters(
          [values, showDropdown].filter((a) => a !== undefined),
          'DataValidationBuilder.requireValueInList',
        ),
      );
    }
    this.draft.values = (values as unknown[]).map((v) => String(v));
    this.draft.showDropdown = showDropdown ?? true;
    return this;
  }

  setAllowInvalid(allowInvalidData: unknown): this {
    if (typeof allowInvalidData !== 'boolean') {
      fail(this.ctx, badParameters([allowInvalidData], 'DataValidationBuilder.setAllowInvalid'));
    }
    this.draft.allowInvalid = allowInvalidData;
    return this;
  }

  setHelpText(helpText: unknown): this {
    this.draft.helpText = String(helpText);
    return this;
  }

  withCriteria(criteria: unknown, args: unknown): this {
    if (criteria !== DataValidationCriteria.VALUE_IN_LIST || !Array.isArray(args)) {
      fail(this.ctx, badParameters([criteria, args], 'DataValidationBuilder.withCriteria'));
    }
    const [values, showDropdown] = args as unknown[];
    return this.requireValueInList(values, showDropdown);
  }

  getCriteriaType(): string | null {
    return this.draft.values === undefined ? null : DataValidationCriteria.VALUE_IN_LIST;
  }

  getCriteriaValues(): unknown[] {
    return criteriaValues(this.ctx, this.draft.values, this.draft.showDropdown);
  }

  getAllowInvalid(): boolean {
    return this.draft.allowInvalid;
  }

  getHelpText(): string | null {
    return this.draft.helpText;
  }

  copy(): DataValidationBuilder {
    return new DataValidationBuilder(this.ctx, { ...this.draft });
  }

  build(): DataValidation {
    if (this.draft.values === undefined) fail(this.ctx, NO_CRITERIA);
    return newDataValidation(this.ctx, {
      criteria: 'VALUE_IN_LIST',
      values: [...this.draft.values],
      showDropdown: this.draft.showDropdown,
      allowInvalid: this.draft.allowInvalid,
      helpText: this.draft.helpText,
    });
  }

  toString(): string {
    return 'DataValidationBuilder';
  }
}
countCalls(DataValidationBuilder.prototype, 'DataValidationBuilder');

export class DataValidation implements HasContext {
  constructor(
    readonly ctx: SpreadsheetContext,
    private readonly rule: ValidationRule,
  ) {}

  getCriteriaType(): string {
    return this.rule.criteria;
  }

  /** For VALUE_IN_LIST: `[values, showDropdown]`, as the reference documents. */
  getCriteriaValues(): unknown[] {
    return criteriaValues(this.ctx, this.rule.values, this.rule.showDropdown);
  }

  getAllowInvalid(): boolean {
    return this.rule.allowInvalid;
  }

  getHelpText(): string | null {
    return this.rule.helpText;
  }

  copy(): DataValidationBuilder {
    const { values, showDropdown, allowInvalid, helpText } = this.rule;
    return new DataValidationBuilder(this.ctx, {
      values: [...values],
      showDropdown,
      allowInvalid,
      helpText,
    });
  }

  toString(): string {
    return 'DataValidation';
  }
}
countCalls(DataValidation.prototype, 'DataValidation');

/** Wraps a stored rule for the script; the rule itself is never handed out (it is shared). */
export function newDataValidation(ctx: SpreadsheetContext, rule: ValidationRule): DataValidation {
  const object = new DataValidation(ctx, rule);
  rules.set(object, rule);
  return object;
}

function criteriaValues(
  ctx: SpreadsheetContext,
  values: string[] | undefined,
  showDropdown: boolean,
): unknown[] {
  if (values === undefined) return realmArray(ctx, []);
  return realmArray<unknown>(ctx, [realmArray(ctx, values), showDropdown]);
}
