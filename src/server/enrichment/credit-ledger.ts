/**
 * Apollo and Hunter credits counted per calendar month in the document's properties, against the
 * budgets of Parametres. A run asks `affordable` before sending and `record`s what the API billed
 * right after the answer — before writing the sheet — so a run cut between the two does not
 * forget credits it spent.
 */
import {
  CREDIT_SETTINGS,
  addCredits,
  affordableUnits,
  budgetFromSettings,
  creditMonth,
  creditPropertyKey,
  creditRefusal,
  creditStatus,
  parseCreditUsage,
  type CreditService,
  type CreditStatus,
  type CreditUsage,
} from '../../core/enrichment';
import { CrmError } from '../../core/errors';
import { now, toLocalDateTime } from '../platform/clock';
import type { Settings } from '../settings/settings-reader';

export { CREDIT_SETTINGS };

function store(): GoogleAppsScript.Properties.Properties {
  return PropertiesService.getDocumentProperties() ?? PropertiesService.getScriptProperties();
}

export interface CreditLedger {
  usage(service: CreditService): CreditUsage;
  budget(service: CreditService): number;
  /** Units of `unitCost` the month's budget still allows. */
  affordable(service: CreditService, unitCost: number): number;
  /** Throws QUOTA (or CONFIG when the budget is 0) when not even one unit fits. */
  ensure(service: CreditService, unitCost: number): void;
  record(service: CreditService, credits: number, calls: number): void;
  status(): CreditStatus[];
}

export function createCreditLedger(settings: Settings): CreditLedger {
  const month = () => creditMonth(toLocalDateTime(now()));
  const usage = (service: CreditService) =>
    parseCreditUsage(store().getProperty(creditPropertyKey(service, month())));
  const budget = (service: CreditService) => budgetFromSettings(settings, service);
  return {
    usage,
    budget,
    affordable(service, unitCost) {
      return affordableUnits(usage(service), budget(service), unitCost);
    },
    ensure(service, unitCost) {
      const refusal = creditRefusal(service, usage(service), budget(service), unitCost);
      if (refusal !== null) throw new CrmError(budget(service) <= 0 ? 'CONFIG' : 'QUOTA', refusal);
    },
    record(service, credits, calls) {
      if (credits <= 0 && calls <= 0) return;
      const key = creditPropertyKey(service, month());
      const updated = addCredits(parseCreditUsage(store().getProperty(key)), credits, calls);
      store().setProperty(key, JSON.stringify(updated));
    },
    status() {
      return (['apollo', 'hunter'] as const).map((service) =>
        creditStatus(service, month(), usage(service), budget(service)),
      );
    },
  };
}
