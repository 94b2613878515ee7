/**
 * The monthly Claude budget, counted in tokens. Not in euros: the API reports tokens, prices are
 * in dollars, differ per model and per kind of token and change over time (anthropic.md §6), so
 * a euro figure would be an estimate that drifts while tokens are exact. As a guide, 1,000,000
 * tokens cost between $1 and $5 on Claude Haiku 4.5 depending on the input/output mix.
 *
 * The month is the CRM's calendar month (Europe/Paris); usage is kept per month in the
 * document's properties, so a new month starts at zero without any reset job.
 */
import { frenchInteger } from '../scoring/french-number';
import { parseIntegerSetting } from '../settings/defaults';
import { DEFAULT_CLAUDE_MODEL, totalTokens, type TokenUsage } from './messages';

export const CLAUDE_MODEL_SETTING = 'claude.modele';
export const CLAUDE_BUDGET_SETTING = 'claude.budget_mensuel_tokens';
export const DEFAULT_MONTHLY_BUDGET_TOKENS = 1_000_000;
const USAGE_PROPERTY_PREFIX = 'crm.claude.usage.';

export interface MonthlyUsage {
  /** Input tokens of every kind (plain, cache writes, cache reads). */
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly calls: number;
}

export const NO_USAGE: MonthlyUsage = { inputTokens: 0, outputTokens: 0, calls: 0 };

/** `2026-11` */
export function usageMonth(t: { readonly year: number; readonly month: number }): string {
  return `${t.year}-${String(t.month).padStart(2, '0')}`;
}

export function usagePropertyKey(month: string): string {
  return USAGE_PROPERTY_PREFIX + month;
}

/** A corrupt value counts as nothing used rather than blocking Claude for the month. */
export function parseMonthlyUsage(raw: string | null): MonthlyUsage {
  if (raw === null || raw === '') return NO_USAGE;
  try {
    const value = JSON.parse(raw) as Record<string, unknown>;
    const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0);
    return {
      inputTokens: n(value.inputTokens),
      outputTokens: n(value.outputTokens),
      calls: n(value.calls),
    };
  } catch {
    return NO_USAGE;
  }
}

export function addToMonth(month: MonthlyUsage, usage: TokenUsage): MonthlyUsage {
  return {
    inputTokens: month.inputTokens + totalTokens(usage) - usage.outputTokens,
    outputTokens: month.outputTokens + usage.outputTokens,
    calls: month.calls + 1,
  };
}

export function monthTokens(month: MonthlyUsage): number {
  return month.inputTokens + month.outputTokens;
}

export function budgetFromSettings(settings: ReadonlyMap<string, string>): number {
  return parseIntegerSetting(
    settings.get(CLAUDE_BUDGET_SETTING),
    DEFAULT_MONTHLY_BUDGET_TOKENS,
    0,
    Number.MAX_SAFE_INTEGER,
  );
}

export function modelFromSettings(settings: ReadonlyMap<string, string>): string {
  const model = (settings.get(CLAUDE_MODEL_SETTING) ?? '').trim();
  return model === '' ? DEFAULT_CLAUDE_MODEL : model;
}

/** Why no call may be made this month, in French; null while the budget allows calls. */
export function budgetRefusal(month: MonthlyUsage, budgetTokens: number): string | null {
  if (budgetTokens <= 0)
    return `Claude est désactivé : « ${CLAUDE_BUDGET_SETTING} » vaut 0 dans Paramètres.`;
  const used = monthTokens(month);
  if (used < budgetTokens) return null;
  return `Budget Claude du mois épuisé (${frenchInteger(used)} jetons utilisés sur ${frenchInteger(budgetTokens)}) : les appels reprendront le 1er du mois prochain, ou augmentez « ${CLAUDE_BUDGET_SETTING} » dans Paramètres.`;
}

/** The Journal's detail for one call. */
export function describeCall(
  purpose: string,
  model: string,
  usage: TokenUsage,
  month: MonthlyUsage,
  budgetTokens: number,
): string {
  const input = totalTokens(usage) - usage.outputTokens;
  return `${purpose} — ${model} : ${frenchInteger(input)} jetons en entrée, ${frenchInteger(usage.outputTokens)} en sortie ; ce mois : ${frenchInteger(monthTokens(month))} / ${frenchInteger(budgetTokens)} jetons.`;
}
