/**
 * Webhook posts not yet delivered, in the document's properties: one entry per post, so two
 * executions adding posts at the same time never overwrite each other's (one shared list would
 * be read, changed and written back by both). A post is written here before it is sent and
 * removed once delivered, so an execution stopped mid-send loses nothing; the hourly job sends
 * what is left. The webhook URLs are not copied here: they are read from the script's
 * properties when the post goes out, so a URL replaced in the settings is used at once.
 */
import type { Channel } from '../../core/webhooks/delivery';
import { deleteJsonProperty, writeJsonProperty } from '../platform/json-property';

const PREFIX = 'crm.outbox.';

export interface OutboxItem {
  /** `<channel>|<event id>`: unique, and the property name's tail. */
  readonly key: string;
  readonly channel: Channel;
  /** `opportunite.gagnee`… (Make routes by it: an event type may have its own URL). */
  readonly event: string;
  readonly eventId: string;
  /** The record the event is about, for the Journal (OPP-…, TCH-…, an idweb); '' for a digest. */
  readonly recordId: string;
  /** The JSON body, exactly as it is posted at every attempt. */
  readonly body: string;
  readonly createdIso: string;
  readonly attempts: number;
  /** The hourly job leaves the item alone before this instant. */
  readonly nextIso: string;
  readonly lastError?: string;
}

export function outboxKey(channel: Channel, eventId: string): string {
  return `${channel}|${eventId}`;
}

/** Every pending post, oldest first, from one read of the properties. */
export function readOutbox(): OutboxItem[] {
  const properties = PropertiesService.getDocumentProperties();
  if (!properties) return [];
  const all = properties.getProperties();
  const items: OutboxItem[] = [];
  for (const name of Object.keys(all)) {
    const m = /^crm\.outbox\.(.+)\.n$/.exec(name);
    if (!m) continue;
    const base = `${PREFIX}${m[1] ?? ''}`;
    const count = Number(all[name] ?? '0');
    let text = '';
    for (let i = 0; i < count; i++) text += all[`${base}.${i}`] ?? '';
    try {
      const item = JSON.parse(text) as OutboxItem;
      if (item && typeof item.key === 'string') items.push(item);
    } catch {
      // A torn entry (an execution stopped between two chunks) cannot be sent; dropping it
      // beats failing every hour on it.
      deleteJsonProperty(base);
    }
  }
  return items.sort(
    (a, b) => a.createdIso.localeCompare(b.createdIso) || a.key.localeCompare(b.key),
  );
}

export function saveOutboxItem(item: OutboxItem): void {
  writeJsonProperty(PREFIX + item.key, item);
}

export function removeOutboxItem(key: string): void {
  deleteJsonProperty(PREFIX + key);
}
