/**
 * Compiles an HtmlService template into a JavaScript function, as Apps Script does
 * (developers.google.com/apps-script/guides/html/templates): text is copied, `<?= expr ?>` prints
 * the value HTML-escaped, `<?!= expr ?>` prints it raw, `<? code ?>` runs code, and the
 * template's variables are in scope. The generated function runs in the script's realm when the
 * runtime supplies a compiler, so scriptlets can call the script's own functions (the classic
 * `<?!= include('Styles') ?>`).
 *
 * Not emulated: Apps Script's contextual escaping inside `<script>` and attributes (it escapes for
 * JavaScript there); here every `<?= ?>` is HTML-escaped.
 */

export type TemplatePart =
  | { kind: 'text'; text: string }
  | { kind: 'print'; code: string; raw: boolean }
  | { kind: 'code'; code: string };

export class TemplateSyntaxError extends Error {}

export function parseTemplate(source: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let pos = 0;
  while (pos < source.length) {
    const open = source.indexOf('<?', pos);
    if (open < 0) {
      parts.push({ kind: 'text', text: source.slice(pos) });
      break;
    }
    if (open > pos) parts.push({ kind: 'text', text: source.slice(pos, open) });
    const close = source.indexOf('?>', open + 2);
    if (close < 0) throw new TemplateSyntaxError('Unterminated scriptlet: missing ?>');
    const inner = source.slice(open + 2, close);
    if (inner.startsWith('!=')) parts.push({ kind: 'print', code: inner.slice(2), raw: true });
    else if (inner.startsWith('=')) parts.push({ kind: 'print', code: inner.slice(1), raw: false });
    else parts.push({ kind: 'code', code: inner });
    pos = close + 2;
  }
  return parts;
}

/**
 * The source of `function (__vars, output) { … }`. Sloppy mode on purpose: `with` puts the
 * template variables in scope ahead of the script's globals, as Apps Script does.
 */
export function compileTemplate(source: string): string {
  const body = parseTemplate(source)
    .map((part) => {
      if (part.kind === 'text') return `output.append(${JSON.stringify(part.text)});`;
      if (part.kind === 'code') return part.code;
      const expr = part.code.trim().replace(/;+\s*$/, '');
      return part.raw ? `output.append(${expr});` : `output.appendUntrusted(${expr});`;
    })
    .join('\n');
  return `(function (__vars, output) {\nwith (__vars) {\n${body}\n}\n})`;
}

export function escapeHtml(value: unknown): string {
  return printable(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** null and undefined print as nothing [inference]; everything else as String(value). */
export function printable(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}
