/**
 * Writes a message as an RFC 5322 `.eml` file, the form in which the local runtime's sent mail
 * and Gmail drafts land in the outbox (DESIGN.md §2): UTF-8 text in quoted-printable (readable
 * in a text editor), non-ASCII headers as RFC 2047 encoded words, `multipart/alternative` when
 * there is an HTML body and `multipart/mixed` around attachments (RFC 2046).
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatJavaDate } from '../date-format';

export interface EmlAttachment {
  name: string;
  contentType: string;
  data: Buffer;
}

export interface EmlMessage {
  from: { name?: string; address: string };
  to: string[];
  cc?: string[];
  bcc?: string[];
  replyTo?: string;
  subject: string;
  textBody: string;
  htmlBody?: string;
  attachments?: EmlAttachment[];
  /** The Date header is written in this instant and zone. */
  date: Date;
  timeZone: string;
  /** Without angle brackets. */
  messageId: string;
  /** Extra headers written as given (e.g. `X-Local-Draft-Id`). */
  extraHeaders?: Array<[string, string]>;
}

const ASCII_PRINTABLE = /^[\x20-\x7e]*$/;

/** RFC 2047 `=?UTF-8?B?…?=` words of at most 75 characters, never splitting a character. */
export function encodeWord(text: string): string {
  if (ASCII_PRINTABLE.test(text)) return text;
  const words: string[] = [];
  let chunk = '';
  for (const ch of text) {
    if (Buffer.byteLength(chunk + ch, 'utf8') > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk !== '') words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join('\r\n ');
}

export function formatAddress(name: string | undefined, address: string): string {
  if (name === undefined || name === '') return address;
  const display = ASCII_PRINTABLE.test(name)
    ? `"${name.replace(/["\\]/g, '\\$&')}"`
    : encodeWord(name);
  return `${display} <${address}>`;
}

/** Quoted-printable (RFC 2045 §6.7) with CRLF line ends and soft breaks before 76 columns. */
export function quotedPrintable(text: string): string {
  return text
    .replace(/\r\n|\r/g, '\n')
    .split('\n')
    .map((line) => {
      const bytes = Buffer.from(line, 'utf8');
      const tokens: string[] = [];
      bytes.forEach((b, i) => {
        const last = i === bytes.length - 1;
        if ((b === 0x20 || b === 0x09) && !last) tokens.push(String.fromCharCode(b));
        else if (b >= 33 && b <= 126 && b !== 61) tokens.push(String.fromCharCode(b));
        else tokens.push(`=${b.toString(16).toUpperCase().padStart(2, '0')}`);
      });
      const out: string[] = [];
      let current = '';
      for (const token of tokens) {
        if (current.length + token.length > 75) {
          out.push(`${current}=`);
          current = '';
        }
        current += token;
      }
      out.push(current);
      return out.join('\r\n');
    })
    .join('\r\n');
}

function base64Lines(data: Buffer): string {
  return (data.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');
}

function boundary(): string {
  return `=_local_${randomBytes(12).toString('hex')}`;
}

function textPart(type: 'plain' | 'html', body: string): string {
  return (
    `Content-Type: text/${type}; charset=UTF-8\r\n` +
    `Content-Transfer-Encoding: quoted-printable\r\n\r\n${quotedPrintable(body)}`
  );
}

function multipart(subtype: 'alternative' | 'mixed', parts: string[]): string {
  const b = boundary();
  return (
    `Content-Type: multipart/${subtype}; boundary="${b}"\r\n\r\n` +
    parts.map((p) => `--${b}\r\n${p}\r\n`).join('') +
    `--${b}--`
  );
}

function attachmentPart(a: EmlAttachment): string {
  const ascii = ASCII_PRINTABLE.test(a.name) && !a.name.includes('"');
  const filename = ascii
    ? `filename="${a.name}"`
    : `filename*=UTF-8''${encodeURIComponent(a.name)}`;
  return (
    `Content-Type: ${a.contentType}; name="${ascii ? a.name : encodeWord(a.name)}"\r\n` +
    `Content-Disposition: attachment; ${filename}\r\n` +
    `Content-Transfer-Encoding: base64\r\n\r\n${base64Lines(a.data)}`
  );
}

export function buildEml(message: EmlMessage): string {
  const headers: Array<[string, string]> = [
    ['From', formatAddress(message.from.name, message.from.address)],
  ];
  if (message.to.length > 0) headers.push(['To', message.to.join(', ')]);
  if (message.cc !== undefined && message.cc.length > 0)
    headers.push(['Cc', message.cc.join(', ')]);
  // Kept in the outbox copy so a reader can see who was blind-copied; a real send strips it.
  if (message.bcc !== undefined && message.bcc.length > 0) {
    headers.push(['Bcc', message.bcc.join(', ')]);
  }
  if (message.replyTo !== undefined && message.replyTo !== '') {
    headers.push(['Reply-To', message.replyTo]);
  }
  headers.push(
    ['Subject', encodeWord(message.subject)],
    [
      'Date',
      formatJavaDate(message.date.getTime(), message.timeZone, 'EEE, dd MMM yyyy HH:mm:ss Z'),
    ],
    ['Message-ID', `<${message.messageId}>`],
    ['MIME-Version', '1.0'],
    ...(message.extraHeaders ?? []),
  );
  let content =
    message.htmlBody === undefined
      ? textPart('plain', message.textBody)
      : multipart('alternative', [
          textPart('plain', message.textBody),
          textPart('html', message.htmlBody),
        ]);
  const attachments = message.attachments ?? [];
  if (attachments.length > 0)
    content = multipart('mixed', [content, ...attachments.map(attachmentPart)]);
  return `${headers.map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n${content}\r\n`;
}

/** Writes the file, creating the folder; returns its path. */
export function writeEml(dir: string, fileName: string, eml: string | Buffer): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, fileName);
  fs.writeFileSync(file, eml);
  return file;
}
