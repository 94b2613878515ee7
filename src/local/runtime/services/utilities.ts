/**
 * The `Utilities` global: dates (Java SimpleDateFormat), digests and HMAC as signed byte arrays,
 * base64, UUIDs, blobs, CSV and `sleep`. Reference followed:
 * developers.google.com/apps-script/reference/utilities/utilities.
 *
 * `sleep` does not block by default: a test or benchmark must not wait for a retry backoff. Each
 * call is counted (`Utilities.sleep`) and its duration added to `sleptMs()`, so a benchmark can
 * add the slept time to its Apps Script time model. Live runs against real APIs can ask for a
 * real sleep so that Retry-After is honoured in wall time.
 */
import { createHash, createHmac, randomUUID } from 'node:crypto';
import type { ExecutionEnv } from '../env';
import { formatJavaDate, parseJavaDate, PatternError, UnparseableDateError } from './date-format';
import { createBlob, isBlobLike, blobBytes, type LocalBlob } from './support/blob';
import { fromByteArray, isByteArray, nodeEncoding, toSignedBytes } from './support/bytes';
import { counted } from './support/counted';
import {
  exception,
  hostRealm,
  isDate,
  toRealmArray,
  toRealmDate,
  type Realm,
} from './support/realm';
import { signatureError } from './support/signature';
import { sleepSync } from './support/sleep';

export const Charset = { US_ASCII: 'US_ASCII', UTF_8: 'UTF_8' } as const;
export const DigestAlgorithm = {
  MD2: 'MD2',
  MD5: 'MD5',
  SHA_1: 'SHA_1',
  SHA_256: 'SHA_256',
  SHA_384: 'SHA_384',
  SHA_512: 'SHA_512',
} as const;
export const MacAlgorithm = {
  HMAC_MD5: 'HMAC_MD5',
  HMAC_SHA_1: 'HMAC_SHA_1',
  HMAC_SHA_256: 'HMAC_SHA_256',
  HMAC_SHA_384: 'HMAC_SHA_384',
  HMAC_SHA_512: 'HMAC_SHA_512',
} as const;

const NODE_HASHES: Record<string, string> = {
  MD5: 'md5',
  SHA_1: 'sha1',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
};

export interface UtilitiesOptions {
  realm?: Realm;
  /** 'record' (default): count and add up, return at once. 'real': also block that long. */
  sleep?: 'record' | 'real';
}

export interface UtilitiesGlobal {
  formatDate(date: Date, timeZone: string, format: string): string;
  parseDate(date: string, timeZone: string, format: string): Date;
  formatString(template: string, ...args: unknown[]): string;
  sleep(milliseconds: number): void;
  getUuid(): string;
  computeDigest(algorithm: string, value: string | number[], charset?: string): number[];
  computeHmacSignature(
    algorithm: string,
    value: string | number[],
    key: string | number[],
    charset?: string,
  ): number[];
  computeHmacSha256Signature(
    value: string | number[],
    key: string | number[],
    charset?: string,
  ): number[];
  base64Encode(data: string | number[], charset?: string): string;
  base64EncodeWebSafe(data: string | number[], charset?: string): string;
  base64Decode(encoded: string, charset?: string): number[];
  base64DecodeWebSafe(encoded: string, charset?: string): number[];
  newBlob(data: string | number[] | LocalBlob, contentType?: string, name?: string): LocalBlob;
  parseCsv(csv: string, delimiter?: string): string[][];
  Charset: typeof Charset;
  DigestAlgorithm: typeof DigestAlgorithm;
  MacAlgorithm: typeof MacAlgorithm;
}

export interface UtilitiesHandle {
  Utilities: UtilitiesGlobal;
  /** Total milliseconds passed to `Utilities.sleep` in this execution. */
  sleptMs(): number;
}

/**
 * Java's `%.nf` rounds HALF_UP on the shortest decimal form of the double (1.005 → "1.01"),
 * where `Number.toFixed` rounds the binary value (1.005 → "1.00").
 */
function toFixedHalfUp(value: number, digits: number): string {
  const shortest = String(Math.abs(value));
  if (!Number.isFinite(value) || shortest.includes('e')) return value.toFixed(digits);
  const rounded = Number(`${Math.round(Number(`${shortest}e${digits}`))}e-${digits}`);
  return (value < 0 && rounded !== 0 ? '-' : '') + rounded.toFixed(digits);
}

/** Java's `String.format` for the conversions scripts use: %s %d %f %x %% with flags and width. */
export function javaFormat(template: string, args: readonly unknown[]): string {
  let next = 0;
  return String(template).replace(
    /%(-)?(0)?(\d+)?(?:\.(\d+))?([sSdfxXn%])/g,
    (_m, left?: string, zero?: string, width?: string, precision?: string, conv?: string) => {
      if (conv === '%') return '%';
      if (conv === 'n') return '\n';
      const value = args[next++];
      let text: string;
      if (conv === 'd') text = String(Math.trunc(Number(value)));
      else if (conv === 'f')
        text = toFixedHalfUp(Number(value), precision === undefined ? 6 : +precision);
      else if (conv === 'x' || conv === 'X') {
        text = Math.trunc(Number(value)).toString(16);
        if (conv === 'X') text = text.toUpperCase();
      } else {
        text = value === null ? 'null' : String(value);
        if (precision !== undefined) text = text.slice(0, +precision);
        if (conv === 'S') text = text.toUpperCase();
      }
      const w = width === undefined ? 0 : +width;
      if (text.length >= w) return text;
      if (left !== undefined) return text.padEnd(w);
      if (zero !== undefined && conv !== 's' && conv !== 'S') {
        const negative = text.startsWith('-');
        return (
          (negative ? '-' : '') + text.slice(negative ? 1 : 0).padStart(w - (negative ? 1 : 0), '0')
        );
      }
      return text.padStart(w);
    },
  );
}

/** RFC 4180 CSV: quoted fields may hold the delimiter, quotes (`""`) and line breaks. */
export function parseCsvText(csv: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const ch = csv.charAt(i);
    if (quoted) {
      if (ch === '"' && csv.charAt(i + 1) === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && csv.charAt(i + 1) === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export function createUtilities(
  env: ExecutionEnv,
  options: UtilitiesOptions = {},
): UtilitiesHandle {
  const realm = options.realm ?? hostRealm;
  let slept = 0;
  const ctx = { counter: env.counter, realm };

  const toBytes = (value: string | number[] | LocalBlob, charset?: string): Buffer => {
    if (typeof value === 'string') return Buffer.from(value, nodeEncoding(charset));
    if (isByteArray(value)) return fromByteArray(value);
    if (isBlobLike(value)) return blobBytes(value);
    return Buffer.from(String(value), nodeEncoding(charset));
  };
  const signed = (bytes: Uint8Array): number[] => toRealmArray(realm, toSignedBytes(bytes));
  const decodeBase64 = (encoded: string, webSafe: boolean): Buffer => {
    const text = String(encoded).replace(/\s+/g, '');
    const pattern = webSafe ? /^[A-Za-z0-9_-]*={0,2}$/ : /^[A-Za-z0-9+/]*={0,2}$/;
    if (!pattern.test(text)) throw exception(realm, 'Could not decode string.');
    return Buffer.from(text, webSafe ? 'base64url' : 'base64');
  };

  const Utilities: UtilitiesGlobal = {
    formatDate(date, timeZone, format) {
      if (!isDate(date) || typeof timeZone !== 'string' || typeof format !== 'string') {
        throw signatureError(realm, 'Utilities.formatDate', [date, timeZone, format]);
      }
      if (Number.isNaN(date.getTime())) throw exception(realm, 'Invalid argument: date');
      try {
        return formatJavaDate(date.getTime(), timeZone, format);
      } catch (e) {
        if (e instanceof PatternError) throw exception(realm, e.message);
        throw e;
      }
    },
    parseDate(text, timeZone, format) {
      try {
        return toRealmDate(
          realm,
          parseJavaDate(String(text), String(timeZone), String(format), env.now().getTime()),
        );
      } catch (e) {
        if (e instanceof PatternError || e instanceof UnparseableDateError) {
          throw exception(realm, e.message);
        }
        throw e;
      }
    },
    formatString: (template, ...args) => javaFormat(template, args),
    sleep(milliseconds) {
      const ms = Math.max(0, Number(milliseconds) || 0);
      slept += ms;
      if (options.sleep === 'real') sleepSync(ms);
    },
    getUuid: () => randomUUID(),
    computeDigest(algorithm, value, charset) {
      const hash = NODE_HASHES[String(algorithm)];
      if (hash === undefined) {
        throw exception(realm, `Digest algorithm ${String(algorithm)} is not available locally.`);
      }
      return signed(createHash(hash).update(toBytes(value, charset)).digest());
    },
    computeHmacSignature(algorithm, value, key, charset) {
      const hash = NODE_HASHES[String(algorithm).replace(/^HMAC_/, '')];
      if (hash === undefined) throw exception(realm, `Invalid argument: algorithm`);
      return signed(
        createHmac(hash, toBytes(key, charset)).update(toBytes(value, charset)).digest(),
      );
    },
    computeHmacSha256Signature(value, key, charset) {
      return signed(
        createHmac('sha256', toBytes(key, charset)).update(toBytes(value, charset)).digest(),
      );
    },
    base64Encode: (data, charset) => toBytes(data, charset).toString('base64'),
    // Apps Script's web-safe alphabet keeps the `=` padding (Java's URL encoder does).
    base64EncodeWebSafe: (data, charset) =>
      toBytes(data, charset).toString('base64').replace(/\+/g, '-').replace(/\//g, '_'),
    base64Decode: (encoded) => signed(decodeBase64(encoded, false)),
    base64DecodeWebSafe: (encoded) => signed(decodeBase64(encoded, true)),
    newBlob(data, contentType, name) {
      return createBlob(ctx, toBytes(data), contentType ?? null, name ?? null);
    },
    parseCsv: (csv, delimiter) =>
      toRealmArray(
        realm,
        parseCsvText(String(csv), delimiter ?? ',').map((r) => toRealmArray(realm, r)),
      ),
    Charset,
    DigestAlgorithm,
    MacAlgorithm,
  };
  return { Utilities: counted(env.counter, 'Utilities', Utilities), sleptMs: () => slept };
}
