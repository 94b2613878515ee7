/**
 * Apps Script hands bytes to scripts as Java `byte[]`, which V8 sees as an array of numbers in
 * −128..127 (Utilities.computeDigest, Blob.getBytes, HTTPResponse.getContent). These helpers
 * convert between that form and Node's unsigned buffers.
 */
export type JavaBytes = number[];

export function toSignedBytes(bytes: Uint8Array): JavaBytes {
  const out = new Array<number>(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    out[i] = b > 127 ? b - 256 : b;
  }
  return out;
}

/** Accepts signed or unsigned numbers, as Apps Script accepts either in byte arrays. */
export function fromByteArray(values: readonly number[]): Buffer {
  const out = Buffer.alloc(values.length);
  for (let i = 0; i < values.length; i++) out[i] = (values[i] ?? 0) & 0xff;
  return out;
}

export function isByteArray(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'number');
}

/** Apps Script charsets (Utilities.Charset) mapped to Node encodings. */
export function nodeEncoding(charset: string | undefined): BufferEncoding {
  const name = (charset ?? 'UTF-8').toUpperCase().replace(/_/g, '-');
  if (name === 'US-ASCII' || name === 'ASCII') return 'ascii';
  if (name === 'ISO-8859-1' || name === 'LATIN1') return 'latin1';
  if (name === 'UTF-16LE') return 'utf16le';
  return 'utf8';
}
