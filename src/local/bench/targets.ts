/**
 * The two checks of DESIGN.md §8 on bench results: an operation's Sheets calls do not depend on
 * the number of rows, and a sidebar action fits in 1.5 s of simulated Apps Script time at 10,000
 * contacts.
 */
import type { SizeResult } from './measure';

export const SIDEBAR_BUDGET_MS = 1500;
/** A bulk operation run from the menu (rescoring, import) must end well inside one execution. */
export const BULK_BUDGET_MS = 60_000;
export const BUDGET_AT_CONTACTS = 10_000;

export interface TargetResult {
  readonly operation: string;
  /** Sheets calls at each measured size, in size order. */
  readonly callsBySize: ReadonlyArray<{ contacts: number; sheetsCalls: number | null }>;
  /** Null when fewer than two sizes could be compared. */
  readonly constantCalls: boolean | null;
  /** Null when 10,000 contacts were not measured or the operation was unavailable there. */
  readonly simulatedAtBudgetSize: number | null;
  readonly withinBudget: boolean | null;
}

/** Operations measured for reference only: shown, but not held to the sidebar budget. */
export function evaluateTargets(
  sizes: readonly SizeResult[],
  unbudgeted: ReadonlySet<string> = new Set(),
  /** Operation label → its own budget, for the bulk operations. */
  budgets: ReadonlyMap<string, number> = new Map(),
): TargetResult[] {
  const operations = [...new Set(sizes.flatMap((s) => s.operations.map((o) => o.operation)))];
  return operations.map((operation) => {
    const callsBySize = sizes.map((size) => ({
      contacts: size.contacts,
      sheetsCalls:
        size.operations.find((o) => o.operation === operation)?.ours?.sheetsCalls ?? null,
    }));
    const measured = callsBySize.flatMap((c) => (c.sheetsCalls === null ? [] : [c.sheetsCalls]));
    const atBudget = sizes
      .find((s) => s.contacts === BUDGET_AT_CONTACTS)
      ?.operations.find((o) => o.operation === operation)?.ours;
    const simulated = atBudget ? atBudget.simulatedMs : null;
    return {
      operation,
      callsBySize,
      constantCalls: measured.length < 2 ? null : new Set(measured).size === 1,
      simulatedAtBudgetSize: simulated,
      withinBudget:
        simulated === null || unbudgeted.has(operation)
          ? null
          : simulated < (budgets.get(operation) ?? SIDEBAR_BUDGET_MS),
    };
  });
}
