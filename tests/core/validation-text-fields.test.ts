/**
 * Free text, email addresses and web links: what is normalised, what is refused and why, and
 * that text typed by people or sent by APIs is never turned into anything else.
 */
import {
  MAX_TEXT_LENGTH,
  normalizeEmail,
  normalizeText,
  normalizeUrl,
} from '../../src/core/validation';

describe('normalizeText', () => {
  it('trims the ends and keeps everything inside as typed', () => {
    expect(normalizeText('  Mairie de  Rennes\n2e étage  ')).toEqual({
      ok: true,
      value: 'Mairie de  Rennes\n2e étage',
    });
  });

  it.each(['=IMPORTXML("http://x","//a")', '+33612345678', '-12', '@jean', "'quoted"])(
    'keeps %p as text, never as a formula or a number',
    (text) => {
      expect(normalizeText(text)).toEqual({ ok: true, value: text });
    },
  );

  it('takes numbers and booleans from cells as their text', () => {
    expect(normalizeText(35000)).toEqual({ ok: true, value: '35000' });
    expect(normalizeText(true)).toEqual({ ok: true, value: 'true' });
  });

  it('refuses what is not text', () => {
    expect(normalizeText({ nom: 'x' })).toEqual({ ok: false, reason: "n'est pas un texte" });
    expect(normalizeText(Number.NaN).ok).toBe(false);
  });

  it("accepts up to Sheets' 50,000 characters per cell and no more", () => {
    expect(normalizeText('a'.repeat(MAX_TEXT_LENGTH)).ok).toBe(true);
    expect(normalizeText(`  ${'a'.repeat(MAX_TEXT_LENGTH)}  `).ok).toBe(true);
    expect(normalizeText('a'.repeat(MAX_TEXT_LENGTH + 1))).toEqual({
      ok: false,
      reason: 'est trop long (50\u202f001 caractères ; 50\u202f000 au plus)',
    });
  });
});

describe('normalizeEmail', () => {
  it.each([
    ['jean.dupont@ville-rennes.fr', 'jean.dupont@ville-rennes.fr'],
    ['  Jean.Dupont@Ville-Rennes.FR ', 'jean.dupont@ville-rennes.fr'],
    ['contact+crm@utpla.fr', 'contact+crm@utpla.fr'],
    ["o'brien@example.ie", "o'brien@example.ie"],
    ['rse_team@groupe.co.uk', 'rse_team@groupe.co.uk'],
    ['j.martin@mairie.paris', 'j.martin@mairie.paris'],
    ['x@sub.domain-with-hyphen.com', 'x@sub.domain-with-hyphen.com'],
    ['contact@élysée.fr', 'contact@élysée.fr'], // IDN domain, as French registries allow
    ['contact@xn--lyse-bsab.fr', 'contact@xn--lyse-bsab.fr'],
    ['info@example.xn--p1ai', 'info@example.xn--p1ai'],
    ['mailto:Jean@X.fr', 'jean@x.fr'],
    ['Jean Dupont <Jean.Dupont@Ville.fr>', 'jean.dupont@ville.fr'],
  ])('stores %p as %p', (raw, email) => {
    expect(normalizeEmail(raw)).toEqual({ ok: true, value: email });
  });

  it.each([
    ['jean dupont@x.fr', "n'est pas une adresse email valide (elle contient un espace)"],
    ['jean@x .fr', "n'est pas une adresse email valide (elle contient un espace)"],
    ['jean..dupont@x.fr', "n'est pas une adresse email valide (deux points qui se suivent)"],
    ['jean@x..fr', "n'est pas une adresse email valide (deux points qui se suivent)"],
    [
      'jean@localhost',
      "n'est pas une adresse email valide (il manque l'extension du domaine, ex. .fr)",
    ],
    ['jérôme.dupont@x.fr', "n'est pas une adresse email valide (pas d'accent avant le @)"],
    ['jean@@x', "n'est pas une adresse email valide"],
    ['jean@x@y.fr', "n'est pas une adresse email valide"],
    ['@x.fr', "n'est pas une adresse email valide"],
    ['jean@', "n'est pas une adresse email valide"],
    ['jean', "n'est pas une adresse email valide"],
    ['.jean@x.fr', "n'est pas une adresse email valide"],
    ['jean.@x.fr', "n'est pas une adresse email valide"],
    ['jean@-x.fr', "n'est pas une adresse email valide"],
    ['jean@x-.fr', "n'est pas une adresse email valide"],
    ['jean@x.f', "n'est pas une adresse email valide"],
    ['jean@x.123', "n'est pas une adresse email valide"],
    ['jean@[192.168.0.1]', "n'est pas une adresse email valide"],
    ['"jean dupont"@x.fr', "n'est pas une adresse email valide (elle contient un espace)"],
    ['jean(x)@x.fr', "n'est pas une adresse email valide"],
    ['jean@x,fr', "n'est pas une adresse email valide"],
  ])('refuses %p', (raw, reason) => {
    expect(normalizeEmail(raw)).toEqual({ ok: false, reason });
  });

  it('refuses addresses longer than the standard allows', () => {
    expect(normalizeEmail(`${'a'.repeat(65)}@x.fr`).ok).toBe(false);
    expect(normalizeEmail(`${'a'.repeat(64)}@x.fr`).ok).toBe(true);
    expect(normalizeEmail(`a@${'b'.repeat(64)}.fr`).ok).toBe(false);
  });
});

describe('normalizeUrl', () => {
  it.each([
    ['https://www.rennes.fr', 'https://www.rennes.fr'],
    ['www.rennes.fr', 'https://www.rennes.fr'],
    ['WWW.Rennes.FR/Démarches?Id=A#Top', 'https://www.rennes.fr/Démarches?Id=A#Top'],
    ['HTTPS://Www.LinkedIn.com/in/Jean-Dupont', 'https://www.linkedin.com/in/Jean-Dupont'],
    ['linkedin.com/company/utpla', 'https://linkedin.com/company/utpla'],
    ['http://example.org/a', 'http://example.org/a'],
    [
      'https://www.boamp.fr/pages/avis/?q=idweb:24-12345',
      'https://www.boamp.fr/pages/avis/?q=idweb:24-12345',
    ],
    ['https://example.fr:8443/x', 'https://example.fr:8443/x'],
    ['https://mairie-évry.fr', 'https://mairie-évry.fr'],
    ['  https://utpla.fr/  ', 'https://utpla.fr/'],
  ])('stores %p as %p', (raw, url) => {
    expect(normalizeUrl(raw)).toEqual({ ok: true, value: url });
  });

  it.each([
    ['javascript:alert(1)', "n'est pas un lien web valide (http:// ou https:// seulement)"],
    ['JavaScript:alert(1)', "n'est pas un lien web valide (http:// ou https:// seulement)"],
    ['data:text/html,<b>x</b>', "n'est pas un lien web valide (http:// ou https:// seulement)"],
    ['ftp://files.x.fr/a', "n'est pas un lien web valide (http:// ou https:// seulement)"],
    ['mailto:jean@x.fr', "n'est pas un lien web valide (http:// ou https:// seulement)"],
    ['file:///etc/passwd', "n'est pas un lien web valide (http:// ou https:// seulement)"],
    ['https://www.x.fr/a b', "n'est pas un lien web valide (il contient un espace)"],
    ['localhost:3000', "n'est pas un lien web valide"],
    ['https://localhost/x', "n'est pas un lien web valide"],
    ['https://user:pass@x.fr', "n'est pas un lien web valide"],
    ['https://', "n'est pas un lien web valide"],
    ['https://x', "n'est pas un lien web valide"],
    ['https://x.fr:99999', "n'est pas un lien web valide"],
    ['https://-x.fr', "n'est pas un lien web valide"],
    ['https://x..fr', "n'est pas un lien web valide"],
    ['https://192.168.0.1/admin', "n'est pas un lien web valide"],
    ['Mairie de Rennes', "n'est pas un lien web valide (il contient un espace)"],
    ['=HYPERLINK("https://x.fr")', "n'est pas un lien web valide"],
    ['jean@x.fr', "n'est pas un lien web valide"],
  ])('refuses %p', (raw, reason) => {
    expect(normalizeUrl(raw)).toEqual({ ok: false, reason });
  });

  it('refuses links longer than browsers and Sheets handle well', () => {
    expect(normalizeUrl(`https://x.fr/${'a'.repeat(2100)}`).ok).toBe(false);
  });
});
