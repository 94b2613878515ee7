/**
 * Hunter's verdict on an address, as the CRM stores it (the schema's French EMAIL_STATUSES), and
 * what it allows. An address Hunter calls invalid or disposable is not written to: a draft to it
 * would bounce or reach nobody, and bounces hurt the sender's reputation for every other email.
 */
import type { EMAIL_STATUSES } from '../schema/enums';
import { isOptedOut } from './eligibility';

export type EmailStatus = (typeof EMAIL_STATUSES)[number];

export type HunterStatus =
  'valid' | 'invalid' | 'accept_all' | 'webmail' | 'disposable' | 'unknown';

const FRENCH: Record<HunterStatus, EmailStatus> = {
  valid: 'Valide',
  invalid: 'Invalide',
  accept_all: 'Accepte tout',
  webmail: 'Webmail',
  disposable: 'Jetable',
  unknown: 'Inconnu',
};

export function isHunterStatus(value: unknown): value is HunterStatus {
  return typeof value === 'string' && value in FRENCH;
}

export function emailStatusOf(status: HunterStatus): EmailStatus {
  return FRENCH[status];
}

/** Statuses that block any draft to the address. */
export const BLOCKING_EMAIL_STATUSES: readonly EmailStatus[] = ['Invalide', 'Jetable'];

export interface DraftTarget {
  readonly email: unknown;
  readonly statutEmail: unknown;
  readonly optOut: unknown;
  readonly etat?: unknown;
}

export type DraftVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * Whether the CRM may prepare an email to this contact (follow-ups, sequences). The reason is
 * French, to show next to the refused action.
 */
export function canDraftTo(contact: DraftTarget): DraftVerdict {
  const email = typeof contact.email === 'string' ? contact.email.trim() : '';
  if (contact.etat === 'Archivé') return { ok: false, reason: 'Contact archivé.' };
  if (isOptedOut(contact.optOut))
    return {
      ok: false,
      reason: 'Ce contact s’est opposé au démarchage (opt-out) : aucun email ne lui est préparé.',
    };
  if (email === '') return { ok: false, reason: 'Ce contact n’a pas d’adresse email.' };
  const status = typeof contact.statutEmail === 'string' ? contact.statutEmail.trim() : '';
  if ((BLOCKING_EMAIL_STATUSES as readonly string[]).includes(status))
    return {
      ok: false,
      reason: `Adresse ${email} « ${status} » selon Hunter : aucun brouillon n’y est préparé. Corrigez l’adresse ou vérifiez-la à nouveau.`,
    };
  return { ok: true };
}
