/**
 * The serialisation rules of google.script.run, applied to what the local page sends to the
 * server and what the server sends back. Google documents that primitives, arrays and plain
 * objects cross, that `undefined` in an array becomes null, and that a Date, a function or a DOM
 * node makes the request fail (developers.google.com/apps-script/guides/html/reference/run).
 * On Google a Date in a return value silently turns the whole result into null; here it throws,
 * so the bug shows up locally instead of as an empty sidebar in production.
 */
export class TransportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TransportError';
  }
}

function isPlainObject(value: object): boolean {
  if (Object.prototype.toString.call(value) !== '[object Object]') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  // Either realm's Object.prototype (its own prototype is null), or a null-prototype object.
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/** A copy of `value` as it would arrive on the other side, in this (Node's) realm. */
export function toTransportValue(value: unknown, where = 'valeur'): unknown {
  if (value === undefined || value === null) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'function':
      throw new TransportError(`${where} : une fonction ne peut pas traverser google.script.run.`);
    case 'bigint':
    case 'symbol':
      throw new TransportError(`${where} : type ${typeof value} interdit par google.script.run.`);
    default:
      break;
  }
  const object = value as object;
  if (Object.prototype.toString.call(object) === '[object Date]') {
    throw new TransportError(
      `${where} : une Date ne peut pas traverser google.script.run (Google renvoie null) — envoyez une chaîne ISO.`,
    );
  }
  if (Array.isArray(object)) {
    return object.map((item, index) => toTransportValue(item, `${where}[${index}]`));
  }
  if (!isPlainObject(object)) {
    throw new TransportError(`${where} : seuls les objets simples traversent google.script.run.`);
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(object)) {
    // Google drops object properties whose value is undefined.
    if (item === undefined) continue;
    out[key] = toTransportValue(item, `${where}.${key}`);
  }
  return out;
}
