/**
 * Reads back an `.eml` from the outbox: headers (unfolded, encoded words decoded), the text and
 * HTML bodies and the attachments. Enough MIME (RFC 2045–2047) for what eml-writer writes and for
 * the raw messages the CRM hands to the Gmail advanced service; not a general mail parser.
 */

export interface ParsedAttachment {
  name: string;
  contentType: string;
  data: Buffer;
}

export interface ParsedEml {
  /** Lower-case header name → value (the first occurrence). */
  headers: Record<string, string>;
  textBody: string;
  htmlBody: string | undefined;
  attachments: ParsedAttachment[];
}

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(
      /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g,
      (_m, _charset: string, enc: string, text: string) => {
        if (enc.toUpperCase() === 'B') return Buffer.from(text, 'base64').toString('utf8');
        const bytes = text
          .replace(/_/g, ' ')
          .replace(/=([0-9A-Fa-f]{2})/g, (_x, hex: string) =>
            String.fromCharCode(parseInt(hex, 16)),
          );
        return Buffer.from(bytes, 'latin1').toString('utf8');
      },
    );
}

function splitHead(raw: string): { headers: Record<string, string>; body: string } {
  const normalized = raw.replace(/\r\n/g, '\n');
  const end = normalized.indexOf('\n\n');
  const head = end < 0 ? normalized : normalized.slice(0, end);
  const body = end < 0 ? '' : normalized.slice(end + 2);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!(name in headers)) headers[name] = decodeWords(line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function param(headerValue: string | undefined, name: string): string | undefined {
  const star = new RegExp(`${name}\\*=(?:UTF-8)?''([^;]+)`, 'i').exec(headerValue ?? '');
  if (star?.[1] !== undefined) return decodeURIComponent(star[1]);
  const m = new RegExp(`${name}="?([^";]+)"?`, 'i').exec(headerValue ?? '');
  return m?.[1];
}

function decodeBody(body: string, encoding: string | undefined): Buffer {
  const enc = (encoding ?? '7bit').toLowerCase();
  if (enc === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64');
  if (enc === 'quoted-printable') {
    const joined = body.replace(/=\n/g, '');
    const bytes: number[] = [];
    for (let i = 0; i < joined.length; i++) {
      const ch = joined.charAt(i);
      const hex = joined.slice(i + 1, i + 3);
      if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
        bytes.push(parseInt(hex, 16));
        i += 2;
      } else {
        for (const b of Buffer.from(ch, 'utf8')) bytes.push(b);
      }
    }
    return Buffer.from(bytes);
  }
  return Buffer.from(body, 'utf8');
}

function walk(raw: string, into: ParsedEml): void {
  const { headers, body } = splitHead(raw);
  const type = (headers['content-type'] ?? 'text/plain').toLowerCase();
  if (type.startsWith('multipart/')) {
    const b = param(headers['content-type'], 'boundary');
    if (b === undefined) return;
    const sections = body.split(`--${b}`);
    // Drop the preamble and everything from the closing delimiter on.
    for (const section of sections.slice(1)) {
      if (section.startsWith('--')) break;
      walk(section.replace(/^\n/, '').replace(/\n$/, ''), into);
    }
    return;
  }
  const data = decodeBody(body, headers['content-transfer-encoding']);
  const disposition = headers['content-disposition'] ?? '';
  const name = param(disposition, 'filename') ?? param(headers['content-type'], 'name');
  if (/^attachment/i.test(disposition) || (name !== undefined && !type.startsWith('text/'))) {
    into.attachments.push({
      name: name === undefined ? 'attachment' : decodeWords(name),
      contentType: type.split(';')[0]?.trim() ?? 'application/octet-stream',
      data,
    });
  } else if (type.startsWith('text/html')) {
    into.htmlBody ??= data.toString('utf8').replace(/\n/g, '\r\n');
  } else if (type.startsWith('text/')) {
    if (into.textBody === '') into.textBody = data.toString('utf8').replace(/\r?\n/g, '\n');
  }
}

export function parseEml(raw: string): ParsedEml {
  const parsed: ParsedEml = {
    headers: splitHead(raw).headers,
    textBody: '',
    htmlBody: undefined,
    attachments: [],
  };
  walk(raw, parsed);
  if (parsed.htmlBody !== undefined) parsed.htmlBody = parsed.htmlBody.replace(/\r\n/g, '\n');
  return parsed;
}
