/**
 * The French messages of validation. Every message names the field by its French header and, when
 * a value was refused, quotes it — shortened and on one line, so a pasted paragraph or an object
 * sent by mistake still gives a readable message.
 */
import { isDateObject } from './input';

const QUOTE_MAX = 60;

export function requiredMessage(header: string): string {
  return `${header} : ce champ est obligatoire.`;
}

export function rejectedMessage(header: string, raw: unknown, reason: string): string {
  return `${header} : « ${quoteRaw(raw)} » ${reason}.`;
}

export function unknownFieldMessage(key: string, tabName: string): string {
  return `Champ inconnu « ${shorten(key)} » dans l'onglet ${tabName}.`;
}

export function computedFieldMessage(header: string): string {
  return `${header} : ce champ est rempli par le CRM et ne peut pas être saisi.`;
}

/** Any value as short one-line text; never throws (objects without prototype, BigInt, cycles). */
export function quoteRaw(raw: unknown): string {
  return shorten(describe(raw));
}

function describe(raw: unknown): string {
  switch (typeof raw) {
    case 'string':
      return raw;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(raw);
    case 'symbol':
      return raw.toString();
    case 'undefined':
      return '';
    case 'function':
      return '[fonction]';
    default:
      break;
  }
  if (raw === null) return '';
  if (isDateObject(raw)) {
    const time = raw.getTime();
    return Number.isNaN(time) ? '[date invalide]' : new Date(time).toISOString();
  }
  try {
    return JSON.stringify(raw) ?? '[objet]';
  } catch {
    // Cycles and BigInt values make JSON.stringify throw; a message must still be built.
    return Array.isArray(raw) ? '[liste]' : '[objet]';
  }
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  // Cut on code points, not UTF-16 units, so an emoji is never split into a lone surrogate.
  const chars = Array.from(oneLine);
  return chars.length > QUOTE_MAX ? `${chars.slice(0, QUOTE_MAX - 1).join('')}…` : oneLine;
}
