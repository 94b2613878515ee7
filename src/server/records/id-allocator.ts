/**
 * Allocates record IDs under the document lock (the caller holds it). The last number handed out
 * per prefix is kept in the document's properties, so IDs of deleted rows are never reused.
 */
import { nextRecordIds } from '../../core/schema/record-id';

const KEY_PREFIX = 'crm.ids.';

function store(): GoogleAppsScript.Properties.Properties {
  return PropertiesService.getDocumentProperties() ?? PropertiesService.getScriptProperties();
}

export function allocateIds(
  prefix: string,
  existingIds: Iterable<string>,
  count: number,
): string[] {
  const properties = store();
  const stored = Number(properties.getProperty(KEY_PREFIX + prefix) ?? '0');
  const { ids, lastAllocated } = nextRecordIds(
    prefix,
    Number.isFinite(stored) ? stored : 0,
    existingIds,
    count,
  );
  properties.setProperty(KEY_PREFIX + prefix, String(lastAllocated));
  return ids;
}
