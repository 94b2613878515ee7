/**
 * The secrets of « Paramètres et clés… » (DESIGN.md §3: never in a cell). Each is one script
 * property; the dialog shows it masked and never receives it back in full — except a shared
 * secret the CRM generates, shown once so that it can be pasted into Make.
 */
import { EVENT_LABELS, EVENT_TYPES } from '../webhooks/events';
import {
  MAKE_APIKEY_PROPERTY,
  MAKE_WEBHOOK_PROPERTY,
  SLACK_WEBHOOK_PROPERTY,
  checkMakeUrl,
  checkSlackUrl,
  makeUrlProperty,
} from '../webhooks/channels';

export type SecretGroup = 'claude' | 'apollo' | 'hunter' | 'make' | 'slack' | 'entrant';
export type SecretKind = 'api-key' | 'make-url' | 'slack-url' | 'make-apikey' | 'shared-secret';

export interface SecretDef {
  /** The script property, also the id the dialog and the endpoints use. */
  readonly id: string;
  readonly group: SecretGroup;
  readonly kind: SecretKind;
  readonly label: string;
  readonly help: string;
  /** « Tester » makes one cheap real call with it. */
  readonly testable: boolean;
}

export const CLAUDE_KEY_ID = 'CLAUDE_API_KEY';
export const APOLLO_KEY_ID = 'APOLLO_API_KEY';
export const HUNTER_KEY_ID = 'HUNTER_API_KEY';
export const INCOMING_SECRET_ID = 'INCOMING_WEBHOOK_SECRET';

export const SECRET_DEFS: readonly SecretDef[] = [
  {
    id: CLAUDE_KEY_ID,
    group: 'claude',
    kind: 'api-key',
    label: 'Clé API Claude (Anthropic)',
    help: 'console.anthropic.com › API keys. Le test vérifie la clé et le modèle « claude.modele » de Paramètres (GET /v1/models, gratuit).',
    testable: true,
  },
  {
    id: APOLLO_KEY_ID,
    group: 'apollo',
    kind: 'api-key',
    label: 'Clé API Apollo.io',
    help: 'Apollo › Settings › Integrations › API. Le test appelle auth/health, qui ne consomme aucun crédit.',
    testable: true,
  },
  {
    id: HUNTER_KEY_ID,
    group: 'hunter',
    kind: 'api-key',
    label: 'Clé API Hunter.io',
    help: 'hunter.io › API. Le test lit le compte (GET /account), qui ne consomme aucun crédit.',
    testable: true,
  },
  {
    id: MAKE_WEBHOOK_PROPERTY,
    group: 'make',
    kind: 'make-url',
    label: 'URL Make.com pour tous les événements',
    help: 'Module « Custom webhook » du scénario (https://hook.eu2.make.com/…). Utilisée pour chaque événement qui n’a pas sa propre URL.',
    testable: true,
  },
  ...EVENT_TYPES.map((type): SecretDef => ({
    id: makeUrlProperty(type),
    group: 'make',
    kind: 'make-url',
    label: `URL Make.com : ${EVENT_LABELS[type]} (${type})`,
    help: 'Facultative : remplace l’URL commune pour cet événement.',
    testable: true,
  })),
  {
    id: MAKE_APIKEY_PROPERTY,
    group: 'make',
    kind: 'make-apikey',
    label: 'Clé API des webhooks Make (facultative)',
    help: 'Si le webhook Make exige une clé (« API key authentication »), elle est envoyée dans l’en-tête x-make-apikey.',
    testable: false,
  },
  {
    id: SLACK_WEBHOOK_PROPERTY,
    group: 'slack',
    kind: 'slack-url',
    label: 'URL du webhook entrant Slack',
    help: 'Slack › Apps › Incoming Webhooks (https://hooks.slack.com/services/…). Les événements envoyés sont choisis dans Paramètres (slack.evenements).',
    testable: true,
  },
  {
    id: INCOMING_SECRET_ID,
    group: 'entrant',
    kind: 'shared-secret',
    label: 'Secret partagé Make.com → CRM',
    help: 'Un scénario Make qui crée ou modifie des fiches l’envoie dans le champ « secret » de sa requête. « Générer » en crée un nouveau (l’ancien cesse de fonctionner).',
    testable: false,
  },
];

export function secretDef(id: unknown): SecretDef | undefined {
  return SECRET_DEFS.find((d) => d.id === id);
}

/**
 * What the dialog shows of a stored secret: its last 4 characters, enough to tell two keys apart
 * and too few to use one. Short values show nothing at all.
 */
export function maskSecret(value: string | null): string | null {
  if (value === null || value === '') return null;
  return value.length < 12 ? '••••' : `••••${value.slice(-4)}`;
}

export type SecretCheck =
  { readonly ok: true; readonly value: string } | { readonly ok: false; readonly message: string };

/** A pasted value, cleaned (spaces and quotes around it are a copy's, not the key's) and checked. */
export function checkSecretInput(def: SecretDef, raw: unknown): SecretCheck {
  const value = typeof raw === 'string' ? raw.trim().replace(/^["'«\s]+|["'»\s]+$/g, '') : '';
  if (value === '') return { ok: false, message: `${def.label} : valeur vide.` };
  if (value.length > 1000) return { ok: false, message: `${def.label} : valeur trop longue.` };
  if (def.kind === 'make-url') {
    const problem = checkMakeUrl(value);
    return problem ? { ok: false, message: problem } : { ok: true, value };
  }
  if (def.kind === 'slack-url') {
    const problem = checkSlackUrl(value);
    return problem ? { ok: false, message: problem } : { ok: true, value };
  }
  if (!/^[\x21-\x7e]+$/.test(value))
    return {
      ok: false,
      message: `${def.label} : caractères inattendus (espace, accent…) — recopiez la clé sans rien autour.`,
    };
  if (def.kind === 'shared-secret' && value.length < 24)
    return {
      ok: false,
      message: `${def.label} : 24 caractères au moins — utilisez « Générer ».`,
    };
  if (def.kind === 'api-key' && value.length < 16)
    return { ok: false, message: `${def.label} : clé trop courte pour être valide.` };
  return { ok: true, value };
}
