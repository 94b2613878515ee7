/**
 * A JSON value kept in document properties across executions (a job's checkpoint). A property
 * holds at most 9 KB, so a bigger value is split over numbered properties.
 */
const CHUNK = 8_000;

export function readJsonProperty<T>(key: string): T | null {
  const properties = PropertiesService.getDocumentProperties();
  if (!properties) return null;
  const count = Number(properties.getProperty(`${key}.n`) ?? '0');
  if (!Number.isInteger(count) || count <= 0) return null;
  const all = properties.getProperties();
  let text = '';
  for (let i = 0; i < count; i++) text += all[`${key}.${i}`] ?? '';
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

export function writeJsonProperty(key: string, value: unknown): void {
  const properties = PropertiesService.getDocumentProperties();
  if (!properties) return;
  const text = JSON.stringify(value);
  const chunks: Record<string, string> = {};
  for (let i = 0; i * CHUNK < text.length; i++)
    chunks[`${key}.${i}`] = text.slice(i * CHUNK, (i + 1) * CHUNK);
  const count = Object.keys(chunks).length;
  const previous = Number(properties.getProperty(`${key}.n`) ?? '0');
  properties.setProperties({ ...chunks, [`${key}.n`]: String(count) });
  for (let i = count; i < previous; i++) properties.deleteProperty(`${key}.${i}`);
}

export function deleteJsonProperty(key: string): void {
  const properties = PropertiesService.getDocumentProperties();
  if (!properties) return;
  const count = Number(properties.getProperty(`${key}.n`) ?? '0');
  for (let i = 0; i < count; i++) properties.deleteProperty(`${key}.${i}`);
  properties.deleteProperty(`${key}.n`);
}
