/**
 * Counts Claude's tokens per calendar month in the document's properties and journals each
 * billed call (action "Claude"), so the team sees what the AI costs and the monthly budget of
 * Parametres can stop the calls. Counting happens under the document lock, which the Journal
 * append needs anyway, so two users calling at once both count.
 */
import { CrmError } from '../../core/errors';
import {
  addToMonth,
  budgetRefusal,
  describeCall,
  parseMonthlyUsage,
  usageMonth,
  usagePropertyKey,
  type MonthlyUsage,
} from '../../core/claude/budget';
import { appendJournal } from '../journal/journal-writer';
import { now, toLocalDateTime } from '../platform/clock';
import { withDocumentLock } from '../platform/lock';
import { currentUserEmail } from '../platform/spreadsheet';
import type { BilledCall, UsageLedger } from './claude-client';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const CLAUDE_JOURNAL_ACTION = 'Claude';

function store(): GoogleAppsScript.Properties.Properties {
  return PropertiesService.getDocumentProperties() ?? PropertiesService.getScriptProperties();
}

/** This month's usage, for the sidebar and the settings dialog. */
export function currentMonthUsage(at: Date = now()): { month: string; usage: MonthlyUsage } {
  const month = usageMonth(toLocalDateTime(at));
  return { month, usage: parseMonthlyUsage(store().getProperty(usagePropertyKey(month))) };
}

export function createUsageLedger(spreadsheet: Spreadsheet, budgetTokens: number): UsageLedger {
  return {
    ensureAvailable() {
      const refusal = budgetRefusal(currentMonthUsage().usage, budgetTokens);
      if (refusal !== null) throw new CrmError('QUOTA', refusal);
    },
    record(call: BilledCall) {
      withDocumentLock(() => {
        const at = now();
        const { month, usage } = currentMonthUsage(at);
        const updated = addToMonth(usage, call.usage);
        store().setProperty(usagePropertyKey(month), JSON.stringify(updated));
        appendJournal(spreadsheet, [
          {
            at,
            user: currentUserEmail(),
            action: CLAUDE_JOURNAL_ACTION,
            ...(call.subject ? { tab: call.subject.tab, recordId: call.subject.recordId } : {}),
            detail: describeCall(call.purpose, call.model, call.usage, updated, budgetTokens),
          },
        ]);
      });
    },
  };
}
