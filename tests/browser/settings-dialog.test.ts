/**
 * « Paramètres et clés… » in Debian's Chromium against the local server of `npm start` (mode
 * démo, stand-ins): the dialog opens from the menu, a Slack URL typed is tested before it is
 * saved, then saved and shown masked, a bad Make URL is refused in French, and the web app's
 * secret is generated and shown once. Screenshots go to artifacts/screenshots/.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { SHOTS, expectText, startSession, type CrmSession } from './helpers';

const SLACK_URL = 'https://hooks.slack.com/services/T0001/B0002/demoSECRETtoken';

let session: CrmSession;
let page: Page;
let dialog: FrameLocator;

beforeAll(async () => {
  session = await startSession({ viewport: { width: 1400, height: 900 } });
  ({ page } = session);
});

afterAll(() => session?.close());

async function dialogShot(name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

test('opens from the menu, tests then saves a key, shows it masked', async () => {
  await page.getByRole('button', { name: 'CRM UTPLA ▾' }).click();
  await page.getByRole('button', { name: 'Paramètres et clés…' }).click();
  await page.locator('#html-dialog[open]').waitFor();
  await expectText(page.locator('#html-dialog-title'), 'Paramètres et clés');
  dialog = page.frameLocator('#html-dialog-frame');
  await dialog.locator('#group-claude').waitFor();
  // Mode démo gives Claude its fake key: shown by its last 4 characters only.
  await expectText(dialog.locator('#claude-api-key-state'), 'Enregistrée : ••••able');
  await expectText(dialog.locator('#slack-webhook-url-state'), 'Non renseignée');
  await dialogShot('settings-01-opened');

  const slack = dialog.locator('[data-key="SLACK_WEBHOOK_URL"]');
  await slack.locator('input').fill(SLACK_URL);
  await slack.getByRole('button', { name: 'Tester' }).click();
  await expectText(slack.locator('.result.ok'), 'Le webhook Slack fonctionne');
  await expectText(slack.locator('.result'), 'pas encore enregistrée');
  await slack.getByRole('button', { name: 'Enregistrer' }).click();
  await expectText(slack.locator('#slack-webhook-url-state'), 'Enregistrée : ••••oken');
  expect(await slack.locator('input').inputValue()).toBe('');
  await dialogShot('settings-02-slack-saved');

  const claude = dialog.locator('[data-key="CLAUDE_API_KEY"]');
  await claude.getByRole('button', { name: 'Tester' }).click();
  await expectText(claude.locator('.result.ok'), 'La clé Claude fonctionne');
});

test('refuses a Make URL that is not Make’s, in French', async () => {
  const make = dialog.locator('[data-key="MAKE_WEBHOOK_URL"]');
  await make.locator('input').fill('https://example.com/hook');
  await make.getByRole('button', { name: 'Enregistrer' }).click();
  await expectText(make.locator('.result.bad'), 'n’est pas make.com');
  await expectText(make.locator('#make-webhook-url-state'), 'Non renseignée');
});

test('generates the shared secret and shows it once', async () => {
  const incoming = dialog.locator('[data-key="INCOMING_WEBHOOK_SECRET"]');
  await incoming.scrollIntoViewIfNeeded();
  await incoming.getByRole('button', { name: 'Générer un secret' }).click();
  const field = dialog.locator('#generated-secret');
  await field.waitFor();
  const secret = await field.inputValue();
  expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
  await expectText(incoming.locator('#incoming-webhook-secret-state'), `••••${secret.slice(-4)}`);
  await expectText(dialog.locator('#webapp-url'), 'http://localhost:8080/exec');
  await dialogShot('settings-03-secret-generated');
  // The local server answers the web app's URL as Google would: Make can post to it.
  const response = await fetch(`${session.server.url}/exec`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      secret,
      action: 'upsert',
      type: 'contact',
      fields: { nom: 'Depuis Make', email: 'depuis.make@example.org' },
    }),
  });
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expect(await response.json()).toMatchObject({ ok: true, action: 'created', type: 'contact' });
  // A second click asks before replacing the secret a scenario may be using.
  await incoming.getByRole('button', { name: 'Générer un secret' }).click();
  await expectText(incoming.getByRole('button'), 'Confirmer : remplacer le secret actuel');
  await dialog.locator('#close').click();
  await page.locator('#html-dialog:not([open])').waitFor({ state: 'attached' });
});
