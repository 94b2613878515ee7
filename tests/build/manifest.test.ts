/**
 * appsscript.json against the public SchemaStore schema (shared/schemas). That schema marks
 * urlFetchWhitelist items as `format: hostname`, which every real entry fails (they are URL
 * prefixes), so formats are not asserted and each entry is checked against Google's rule instead:
 * https, a full host (a single leading `*.` allowed) and a non-empty path.
 */
import Ajv from 'ajv';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');
const schemaPath = path.resolve(root, '../shared/schemas/appsscript.schema.json');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'appsscript.json'), 'utf8')) as {
  timeZone: string;
  runtimeVersion: string;
  exceptionLogging: string;
  oauthScopes: string[];
  urlFetchWhitelist: string[];
};

describe('appsscript.json', () => {
  it('validates against the SchemaStore schema (formats off)', () => {
    const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
    delete schema.$schema;
    const ajv = new Ajv({ validateFormats: false, strict: false, allErrors: true });
    const validate = ajv.compile(schema);
    expect(validate(manifest) ? [] : validate.errors).toEqual([]);
  });

  it('runs on V8 in Paris time with exception logging', () => {
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.timeZone).toBe('Europe/Paris');
    expect(manifest.exceptionLogging).toBe('STACKDRIVER');
  });

  it('lists each allowed host as an https://host/ prefix', () => {
    expect(manifest.urlFetchWhitelist.length).toBeGreaterThan(0);
    for (const entry of manifest.urlFetchWhitelist) {
      expect(entry).toMatch(/^https:\/\/(\*\.)?([a-z0-9-]+\.)+[a-z]{2,}\/[^\s]*$/);
    }
  });

  it('asks for the narrow scopes only', () => {
    const broad = [
      'https://www.googleapis.com/auth/spreadsheets',
      'https://mail.google.com/',
      'https://www.googleapis.com/auth/drive',
      'https://www.googleapis.com/auth/gmail.modify',
    ];
    for (const scope of broad) expect(manifest.oauthScopes).not.toContain(scope);
    expect(manifest.oauthScopes).toContain(
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
    );
    expect(manifest.oauthScopes).toContain('https://www.googleapis.com/auth/script.container.ui');
  });

  it('is the manifest the build ships', () => {
    expect(fs.readFileSync(path.join(root, 'dist/appsscript.json'), 'utf8')).toBe(
      fs.readFileSync(path.join(root, 'appsscript.json'), 'utf8'),
    );
  });
});
