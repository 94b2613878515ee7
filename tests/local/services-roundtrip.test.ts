/**
 * Property-based checks of the encoders the services rely on: what the .eml writer encodes,
 * the reader gives back; what formatDate prints, parseDate reads back; line lengths stay within
 * RFC 5322's limit.
 */
import fc from 'fast-check';
import { formatJavaDate, parseJavaDate } from '../../src/local/runtime/services/date-format';
import { parseEml } from '../../src/local/runtime/services/mail/eml-reader';
import { buildEml } from '../../src/local/runtime/services/mail/eml-writer';

const text = fc.string({ unit: 'grapheme', maxLength: 300 });
// A header value is trimmed when read, and `=?…?=` in plain ASCII would read as an encoded word.
const subjectText = text.filter((s) => s === s.trim() && !s.includes('=?'));

describe('.eml writer and reader', () => {
  it('round-trip any subject, text and HTML, with no line over 998 characters', () => {
    fc.assert(
      fc.property(subjectText, text, text, (subject, body, html) => {
        const eml = buildEml({
          from: { name: 'Équipe', address: 'a@utpla.fr' },
          to: ['b@x.fr'],
          subject,
          textBody: body,
          htmlBody: html,
          date: new Date('2026-01-01T00:00:00Z'),
          timeZone: 'Europe/Paris',
          messageId: 'id@local',
        });
        expect(eml.split('\r\n').every((line) => line.length <= 998)).toBe(true);
        const parsed = parseEml(eml);
        const normalise = (s: string) => s.replace(/\r\n|\r/g, '\n');
        expect(parsed.headers.subject).toBe(subject);
        expect(parsed.textBody).toBe(normalise(body));
        expect(parsed.htmlBody).toBe(normalise(html));
      }),
    );
  });
});

describe('formatDate and parseDate', () => {
  it('read back what they print, in Paris time, to the second', () => {
    const instants = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2060, 0, 1) });
    fc.assert(
      fc.property(instants, (ms) => {
        const pattern = 'dd/MM/yyyy HH:mm:ss Z';
        const printed = formatJavaDate(ms, 'Europe/Paris', pattern);
        expect(parseJavaDate(printed, 'Europe/Paris', pattern, ms)).toBe(
          Math.floor(ms / 1000) * 1000,
        );
      }),
    );
  });

  it('agree with Intl on the wall clock of any instant', () => {
    const fmt = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/Paris',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Date.UTC(2100, 0, 1) }), (ms) => {
        const intl = fmt.format(new Date(ms)).replace(',', '');
        expect(formatJavaDate(ms, 'Europe/Paris', 'yyyy-MM-dd HH:mm')).toBe(intl);
      }),
    );
  });
});
