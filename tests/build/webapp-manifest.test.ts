/**
 * The web app part of the build: Make.com calls the deployed URL without a Google account, so
 * the manifest lets anyone in and runs as the deployer (the shared secret is the lock), and the
 * bundle has doPost and doGet at the top level where Apps Script looks for them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');

describe('web app', () => {
  it('is reachable by Make.com and runs as the deployer', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'appsscript.json'), 'utf8')) as {
      webapp?: { access?: string; executeAs?: string };
      urlFetchWhitelist: string[];
    };
    expect(manifest.webapp).toEqual({ access: 'ANYONE_ANONYMOUS', executeAs: 'USER_DEPLOYING' });
    expect(manifest.urlFetchWhitelist).toEqual(
      expect.arrayContaining(['https://*.make.com/', 'https://hooks.slack.com/']),
    );
  });

  it('exposes doPost and doGet, and ships the settings dialog', () => {
    const code = fs.readFileSync(path.join(root, 'dist/Code.js'), 'utf8');
    expect(code).toMatch(/^function doPost\(/m);
    expect(code).toMatch(/^function doGet\(/m);
    const html = fs.readFileSync(path.join(root, 'dist/SettingsDialog.html'), 'utf8');
    expect(html).toContain('<title>Paramètres et clés</title>');
    expect(html).not.toMatch(/innerHTML/);
  });
});
