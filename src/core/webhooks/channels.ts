/**
 * Where each event goes. Make.com: the URL of its event type when one is set, else the URL for
 * all events, else nowhere — so a team can start with one scenario and split later. Slack: the
 * one incoming webhook, for the event types listed in Parametres (`slack.evenements`).
 */
import { EVENT_TYPES, isEventType, type EventType } from './events';

/** Script properties (secrets: the URL is the credential), entered in « Paramètres et clés ». */
export const MAKE_WEBHOOK_PROPERTY = 'MAKE_WEBHOOK_URL';
export const MAKE_APIKEY_PROPERTY = 'MAKE_WEBHOOK_APIKEY';
export const SLACK_WEBHOOK_PROPERTY = 'SLACK_WEBHOOK_URL';

/** `contact.qualifie` → `MAKE_WEBHOOK_URL_CONTACT_QUALIFIE`. */
export function makeUrlProperty(type: EventType): string {
  return `${MAKE_WEBHOOK_PROPERTY}_${type.replace(/[^a-z]+/gi, '_').toUpperCase()}`;
}

/** The URL an event of this type is posted to, or null when Make does not take it. */
export function makeUrlFor(
  type: EventType,
  property: (name: string) => string | null,
): string | null {
  const own = property(makeUrlProperty(type))?.trim();
  if (own) return own;
  const all = property(MAKE_WEBHOOK_PROPERTY)?.trim();
  return all ? all : null;
}

export const SLACK_EVENTS_SETTING = 'slack.evenements';

/**
 * `slack.evenements`: event ids separated by commas, `tous` or `aucun`. An unknown word is
 * ignored rather than refused, so that a typo costs one kind of message, not all of them.
 */
export function slackEventsFromSettings(settings: ReadonlyMap<string, string>): Set<EventType> {
  const raw = (settings.get(SLACK_EVENTS_SETTING) ?? DEFAULT_SLACK_EVENTS).trim().toLowerCase();
  if (raw === 'tous') return new Set(EVENT_TYPES);
  return new Set(
    raw
      .split(/[,;\s]+/)
      .map((w) => w.trim())
      .filter(isEventType),
  );
}

/** Every kind goes to Slack by default: tender alerts already did before this setting existed. */
const DEFAULT_SLACK_EVENTS = EVENT_TYPES.join(', ');

export const WEBHOOK_SETTINGS: readonly {
  readonly key: string;
  readonly defaultValue: string;
  readonly description: string;
}[] = [
  {
    key: SLACK_EVENTS_SETTING,
    defaultValue: DEFAULT_SLACK_EVENTS,
    description: `Événements annoncés aussi sur Slack quand l’URL du webhook Slack est enregistrée (CRM UTPLA › Paramètres et clés…), séparés par des virgules : ${EVENT_TYPES.join(', ')} ; « tous » ou « aucun ».`,
  },
  {
    key: 'planification.heure_taches_en_retard',
    defaultValue: '8',
    description:
      'Heure (0–23) à laquelle les tâches passées en retard la veille sont annoncées à Make.com et Slack (une fois par tâche).',
  },
  {
    key: 'webhooks.jours_retard_premier_envoi',
    defaultValue: '7',
    description:
      'Au premier passage, seules les tâches en retard depuis au plus ce nombre de jours sont annoncées (les plus anciennes ne le sont jamais).',
  },
];

// --- URLs entered in the settings dialog ----------------------------------------------------------

/**
 * A Make webhook is `https://hook.<zone>.make.com/<id>` (make.md §2); the manifest's
 * `urlFetchWhitelist` allows `https://*.make.com/` only, so another host could never be called.
 */
export function checkMakeUrl(url: string): string | null {
  const parsed = parseUrl(url);
  if (!parsed || parsed.protocol !== 'https:')
    return 'URL Make.com invalide : elle commence par https:// (copiez-la depuis le module « Custom webhook » du scénario).';
  if (!/^([a-z0-9-]+\.)+make\.com$/i.test(parsed.host))
    return `URL Make.com invalide : le domaine « ${parsed.host} » n’est pas make.com (attendu : https://hook.eu2.make.com/…).`;
  if (parsed.path === '' || parsed.path === '/')
    return 'URL Make.com incomplète : l’identifiant du webhook manque après le domaine.';
  return null;
}

/** `https://hooks.slack.com/services/T…/B…/<secret>` (slack.md §1). */
export function checkSlackUrl(url: string): string | null {
  const parsed = parseUrl(url);
  if (!parsed || parsed.protocol !== 'https:' || parsed.host.toLowerCase() !== 'hooks.slack.com')
    return 'URL Slack invalide : attendu https://hooks.slack.com/services/… (Slack › Incoming Webhooks).';
  if (!/^\/services\/[^/]+\/[^/]+\/[^/]+$/.test(parsed.path))
    return 'URL Slack incomplète : attendu https://hooks.slack.com/services/T…/B…/….';
  return null;
}

/** Core has no URL class (no DOM, no Node): the three parts the checks need. */
function parseUrl(url: string): { protocol: string; host: string; path: string } | null {
  const m = /^([a-z][a-z0-9+.-]*:)\/\/([^/?#\s]+)([^?#\s]*)(\?[^#\s]*)?(#\S*)?$/i.exec(url.trim());
  if (!m) return null;
  return { protocol: (m[1] ?? '').toLowerCase(), host: m[2] ?? '', path: m[3] ?? '' };
}
