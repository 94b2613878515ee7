/**
 * The Slack form of the CRM's events (shared/apis/slack.md): a `text` (the notification and the
 * fallback) and blocks. Everything comes from the sheet or from outside, so it is escaped for
 * mrkdwn, where `<!channel>` would ping everyone. Slack asks for about one message a second per
 * webhook, so the events of one run go out as one message per kind.
 */
import { frenchEuros, frenchInteger } from '../scoring/french-number';
import { escapeSlack } from '../text/html-escape';
import { EVENT_LABELS, type CrmEvent, type EventType } from './events';

export interface SlackMessage {
  readonly text: string;
  readonly blocks: ReadonlyArray<Readonly<Record<string, unknown>>>;
}

/** Slack refuses more than 50 blocks; one header and a closing line leave 45 items. */
const MAX_ITEMS = 45;
/** A section's text is refused above 3,000 characters. */
const MAX_SECTION = 2900;

type Data = Readonly<Record<string, unknown>>;

const str = (value: unknown) =>
  value === null || value === undefined ? '' : typeof value === 'string' ? value : String(value);
const obj = (value: unknown): Data =>
  typeof value === 'object' && value !== null ? (value as Data) : {};

export function slackMessage(type: EventType, events: readonly CrmEvent[]): SlackMessage {
  const n = events.length;
  const title =
    n === 1 ? EVENT_LABELS[type] : `${EVENT_LABELS[type]} : ${frenchInteger(n)} événements`;
  const lines = events.slice(0, MAX_ITEMS).map((e) => line(type, e.data));
  const more = n > MAX_ITEMS ? [`… et ${frenchInteger(n - MAX_ITEMS)} de plus dans le CRM.`] : [];
  const text = n === 1 ? `${EVENT_LABELS[type]} : ${plain(type, events[0]?.data ?? {})}` : title;
  return {
    text: truncate(text, 300),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: truncate(title, 150) } },
      ...[...lines, ...more].map((t) => ({
        type: 'section',
        text: { type: 'mrkdwn', text: truncate(t, MAX_SECTION) },
      })),
    ],
  };
}

/** The settings dialog's « Tester » for Slack: says plainly that it is a test. */
export function slackTestMessage(): SlackMessage {
  const text =
    'Test du CRM UTPLA : ce webhook Slack fonctionne. Message de test envoyé depuis « Paramètres et clés », à ignorer.';
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

/** The notification text: no markup, since Slack shows it as is in the notification. */
function plain(type: EventType, data: Data): string {
  switch (type) {
    case 'opportunite.gagnee':
    case 'opportunite.perdue':
      return str(obj(data.opportunite).titre);
    case 'contact.qualifie':
      return str(obj(data.organisation).nom);
    case 'tache.en_retard':
      return str(obj(data.tache).titre);
    case 'ao.pertinent':
      return str(data.objet);
  }
}

function line(type: EventType, data: Data): string {
  switch (type) {
    case 'opportunite.gagnee':
    case 'opportunite.perdue': {
      const o = obj(data.opportunite);
      const org = obj(data.organisation);
      const amount = typeof o.montant === 'number' ? ` — ${frenchEuros(o.montant)}` : '';
      const reason =
        type === 'opportunite.perdue' && str(o.raisonPerte) !== ''
          ? `\nRaison : ${escapeSlack(o.raisonPerte)}`
          : '';
      const who = str(org.nom) === '' ? '' : ` — ${escapeSlack(org.nom)}`;
      return `*${escapeSlack(o.titre)}* (${escapeSlack(o.id)})${who}${amount}${reason}`;
    }
    case 'contact.qualifie': {
      const org = obj(data.organisation);
      const score = obj(data.score);
      const before = score.avant === null || score.avant === undefined ? '—' : str(score.avant);
      const contacts = Array.isArray(data.contacts) ? data.contacts.length : 0;
      const people =
        contacts === 0 ? 'aucun contact' : `${contacts} contact${contacts > 1 ? 's' : ''}`;
      return `*${escapeSlack(org.nom)}* (${escapeSlack(org.id)}) — score ICP ${escapeSlack(before)} → ${escapeSlack(score.apres)} (seuil ${escapeSlack(score.seuil)}), ${people}`;
    }
    case 'tache.en_retard': {
      const t = obj(data.tache);
      const c = obj(data.contact);
      const who = [str(c.prenom), str(c.nom)].filter((s) => s !== '').join(' ');
      const days = Number(data.joursDeRetard) || 0;
      return `*${escapeSlack(t.titre)}* (${escapeSlack(t.id)}) — échéance ${escapeSlack(frenchDay(str(t.echeance)))}, ${days} jour${days > 1 ? 's' : ''} de retard${who === '' ? '' : ` — ${escapeSlack(who)}`}`;
    }
    case 'ao.pertinent':
      return `*${escapeSlack(data.objet)}* — ${escapeSlack(data.acheteur)}`;
  }
}

function frenchDay(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
