/**
 * A minimal Apps Script `Blob`: bytes, a content type and a name. Used by Utilities.newBlob,
 * HTTPResponse.getBlob, HtmlOutput.getBlob and mail attachments. Blobs from other emulated
 * services are accepted by shape (`getBytes`), not by class.
 */
import type { CallCounter } from '../../env';
import { fromByteArray, nodeEncoding, toSignedBytes } from './bytes';
import { counted } from './counted';
import { exception, toRealmArray, type Realm } from './realm';

export interface BlobLike {
  getBytes(): number[];
  getContentType(): string | null;
  getName(): string | null;
}

export interface LocalBlob extends BlobLike {
  getDataAsString(charset?: string): string;
  setDataFromString(data: string, charset?: string): LocalBlob;
  setBytes(data: number[]): LocalBlob;
  setName(name: string): LocalBlob;
  setContentType(contentType: string): LocalBlob;
  setContentTypeFromExtension(): LocalBlob;
  copyBlob(): LocalBlob;
  getAs(contentType: string): LocalBlob;
  isGoogleType(): boolean;
}

export interface BlobContext {
  counter: CallCounter;
  realm: Realm;
}

const EXTENSION_TYPES: Record<string, string> = {
  txt: 'text/plain',
  html: 'text/html',
  htm: 'text/html',
  csv: 'text/csv',
  json: 'application/json',
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  xml: 'application/xml',
  eml: 'message/rfc822',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function isBlobLike(value: unknown): value is BlobLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { getBytes?: unknown }).getBytes === 'function'
  );
}

export function blobBytes(blob: BlobLike): Buffer {
  return fromByteArray(blob.getBytes());
}

export function createBlob(
  ctx: BlobContext,
  data: Uint8Array,
  contentType: string | null,
  name: string | null,
): LocalBlob {
  let bytes: Buffer = Buffer.from(data);
  let type = contentType;
  let fileName = name;
  const blob: LocalBlob = {
    getBytes: () => toRealmArray(ctx.realm, toSignedBytes(bytes)),
    getDataAsString: (charset) => bytes.toString(nodeEncoding(charset)),
    setDataFromString(text, charset) {
      bytes = Buffer.from(String(text), nodeEncoding(charset));
      return blob;
    },
    setBytes(values) {
      bytes = fromByteArray(values);
      return blob;
    },
    getName: () => fileName,
    setName(value) {
      fileName = String(value);
      return blob;
    },
    getContentType: () => type,
    setContentType(value) {
      type = String(value);
      return blob;
    },
    setContentTypeFromExtension() {
      const ext = /\.([a-z0-9]+)$/i.exec(fileName ?? '')?.[1]?.toLowerCase();
      const found = ext === undefined ? undefined : EXTENSION_TYPES[ext];
      if (found === undefined) {
        throw exception(ctx.realm, `Could not determine the content type of ${fileName ?? ''}.`);
      }
      type = found;
      return blob;
    },
    copyBlob: () => createBlob(ctx, bytes, type, fileName),
    getAs(target) {
      // Only identity conversions are honest offline; PDF or image rendering is not emulated.
      if (String(target) !== type) {
        throw exception(
          ctx.realm,
          `Converting from ${type ?? 'unknown'} to ${String(target)} is not supported.`,
        );
      }
      return createBlob(ctx, bytes, type, fileName);
    },
    isGoogleType: () => false,
  };
  return counted(ctx.counter, 'Blob', blob);
}
