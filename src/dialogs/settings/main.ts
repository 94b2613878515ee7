/**
 * « Paramètres et clés… »: each secret of the CRM — API keys, Make.com and Slack webhook URLs,
 * the web app's shared secret — saved, cleared and tested from here. The server never sends a
 * stored value back, only its last 4 characters; a value typed here is tested before it is
 * saved, so a working key is not replaced by a broken one. Every text goes through textContent.
 */
import type { KeyTestResult, SecretState, SettingsKeysState } from '../../server/api/contract';
import { callServer } from '../rpc';

type Attributes = Record<string, string>;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

const GROUPS: ReadonlyArray<{ id: SecretState['group']; title: string; intro: string }> = [
  {
    id: 'claude',
    title: 'Claude (Anthropic)',
    intro: 'Analyse des appels d’offres et explication des scores.',
  },
  { id: 'apollo', title: 'Apollo.io', intro: 'Enrichissement des contacts et des organisations.' },
  { id: 'hunter', title: 'Hunter.io', intro: 'Vérification et recherche d’adresses email.' },
  {
    id: 'make',
    title: 'Make.com — événements envoyés par le CRM',
    intro:
      'Contact qualifié, nouvel appel d’offres pertinent, opportunité gagnée ou perdue, tâche en retard : chaque événement est envoyé en JSON (version 1, décrite dans le README) à son URL, ou à l’URL commune.',
  },
  {
    id: 'slack',
    title: 'Slack',
    intro: 'Les mêmes événements, en messages lisibles, dans un canal Slack.',
  },
  {
    id: 'entrant',
    title: 'Make.com → CRM (réception)',
    intro:
      'Un scénario Make peut créer ou modifier un contact, une organisation ou une interaction en appelant l’application web du CRM avec ce secret.',
  },
];

const errorBox = el('p', { class: 'error', role: 'alert' });
let state: SettingsKeysState | null = null;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function stateText(key: SecretState): string {
  return key.configured ? `Enregistrée : ${key.masked ?? '••••'}` : 'Non renseignée';
}

function show(result: HTMLElement, ok: boolean, text: string): void {
  result.className = `result ${ok ? 'ok' : 'bad'}`;
  result.textContent = text;
}

/** One secret: its state, a field for a new value, and its buttons. */
function keyRow(key: SecretState): HTMLElement {
  const slug = key.id.toLowerCase().replace(/_/g, '-');
  const status = el(
    'span',
    { class: `key-state${key.configured ? ' set' : ''}`, id: `${slug}-state` },
    stateText(key),
  );
  const result = el('p', {
    class: 'result',
    role: 'status',
    'aria-live': 'polite',
    id: `${slug}-result`,
  });
  const row = el('div', { class: 'key', 'data-key': key.id });
  const setState = (next: SecretState) => {
    status.textContent = stateText(next);
    status.className = `key-state${next.configured ? ' set' : ''}`;
    clear.disabled = !next.configured;
  };
  const input = el('input', {
    type: 'password',
    id: `${slug}-input`,
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-label': key.label,
    placeholder:
      key.kind === 'make-url'
        ? 'https://hook.eu2.make.com/…'
        : key.kind === 'slack-url'
          ? 'https://hooks.slack.com/services/…'
          : key.kind === 'shared-secret'
            ? 'Coller un secret existant, ou « Générer »'
            : 'Coller la nouvelle clé',
  });
  const save = el('button', { type: 'button', class: 'primary' }, 'Enregistrer');
  const test = el('button', { type: 'button' }, 'Tester');
  const clear = el('button', { type: 'button' }, 'Supprimer');
  clear.disabled = !key.configured;
  const buttons: HTMLButtonElement[] = [save, clear];
  if (key.testable) buttons.splice(1, 0, test);
  const busy = async (label: string, work: () => Promise<void>) => {
    for (const b of buttons) b.disabled = true;
    result.className = 'result';
    result.textContent = label;
    try {
      await work();
    } catch (error) {
      show(result, false, messageOf(error));
    } finally {
      for (const b of buttons) b.disabled = false;
      clear.disabled = status.textContent === 'Non renseignée';
    }
  };
  save.addEventListener(
    'click',
    () =>
      void busy('Enregistrement…', async () => {
        const next = await callServer('saveSettingsKey', key.id, input.value);
        input.value = '';
        setState(next);
        show(result, true, 'Enregistrée.');
      }),
  );
  test.addEventListener(
    'click',
    () =>
      void busy('Test en cours…', async () => {
        const typed = input.value.trim() === '' ? null : input.value;
        const answer: KeyTestResult = await callServer('testSettingsKey', key.id, typed);
        const which = typed === null ? '' : ' (valeur saisie, pas encore enregistrée)';
        show(result, answer.ok, `${answer.message}${answer.ok ? which : ''}`);
      }),
  );
  clear.addEventListener(
    'click',
    () =>
      void busy('Suppression…', async () => {
        setState(await callServer('clearSettingsKey', key.id));
        show(result, true, 'Supprimée.');
      }),
  );
  const children: Node[] = [
    el(
      'div',
      { class: 'key-head' },
      el('label', { class: 'key-label', for: input.id }, key.label),
      status,
    ),
    el('div', { class: 'key-row' }, input, ...buttons),
    el('p', { class: 'hint' }, key.help),
    result,
  ];
  if (key.kind === 'shared-secret') children.splice(2, 0, generator(key, setState, result));
  row.append(...children);
  return row;
}

/**
 * « Générer »: the server makes the secret and sends it back this once, to copy into Make. A
 * secret already set asks for a second click, since replacing it breaks the running scenario.
 */
function generator(
  key: SecretState,
  setState: (next: SecretState) => void,
  result: HTMLElement,
): HTMLElement {
  const button = el('button', { type: 'button', id: 'generate-secret' }, 'Générer un secret');
  const box = el('div', {});
  let armed = false;
  let configured = key.configured;
  button.addEventListener('click', () => {
    if (configured && !armed) {
      armed = true;
      button.textContent = 'Confirmer : remplacer le secret actuel';
      show(result, false, 'Le scénario Make qui utilise le secret actuel cessera de fonctionner.');
      return;
    }
    armed = false;
    button.disabled = true;
    void callServer('generateIncomingSecret')
      .then((generated) => {
        configured = true;
        setState(generated.state);
        const field = el('input', {
          type: 'text',
          readonly: 'readonly',
          id: 'generated-secret',
          'aria-label': 'Secret généré',
        });
        field.value = generated.secret;
        const copy = el('button', { type: 'button' }, 'Copier');
        copy.addEventListener('click', () => {
          field.select();
          void navigator.clipboard
            ?.writeText(field.value)
            .catch(() => document.execCommand('copy'));
          copy.textContent = 'Copié';
        });
        box.replaceChildren(
          el(
            'div',
            { class: 'secret-once' },
            el(
              'p',
              { class: 'hint' },
              'Copiez-le maintenant dans le champ « secret » de la requête du scénario Make : il ne sera plus affiché.',
            ),
            el('div', { class: 'key-row' }, field, copy),
          ),
        );
        show(result, true, 'Nouveau secret enregistré.');
      })
      .catch((error: unknown) => show(result, false, messageOf(error)))
      .finally(() => {
        button.disabled = false;
        button.textContent = 'Générer un secret';
      });
  });
  return el('div', {}, el('div', { class: 'key-row' }, button), box);
}

function webAppHint(url: string | null): HTMLElement {
  if (url)
    return el(
      'p',
      { class: 'hint', id: 'webapp-url' },
      'Adresse à appeler en POST depuis Make (module HTTP, corps JSON) : ',
      el('code', {}, url),
    );
  return el(
    'p',
    { class: 'hint', id: 'webapp-url' },
    'L’application web n’est pas encore déployée : Extensions › Apps Script › Déployer › Nouveau déploiement › Application Web (exécuter en tant que « Moi », accès « Tout le monde »), puis copiez son URL dans Make.',
  );
}

function render(): void {
  const app = document.getElementById('app');
  if (!app || !state) return;
  const current = state;
  const sections = GROUPS.map((group) => {
    const keys = current.keys.filter((k) => k.group === group.id);
    const rows: Node[] = [];
    if (group.id === 'make') {
      const [common, ...rest] = keys.filter((k) => k.kind === 'make-url');
      if (common) rows.push(keyRow(common));
      rows.push(
        el(
          'details',
          {},
          el('summary', {}, 'Une URL par événement (facultatif)'),
          ...rest.map(keyRow),
        ),
      );
      rows.push(...keys.filter((k) => k.kind !== 'make-url').map(keyRow));
    } else rows.push(...keys.map(keyRow));
    const extra: Node[] = [];
    if (group.id === 'claude')
      extra.push(
        el(
          'p',
          { class: 'hint' },
          `Modèle vérifié par le test : ${current.claudeModel} (Paramètres › claude.modele).`,
        ),
      );
    if (group.id === 'slack')
      extra.push(
        el(
          'p',
          { class: 'hint' },
          current.slackEvents.length === 0
            ? 'Aucun événement n’est envoyé sur Slack (Paramètres › slack.evenements).'
            : `Événements envoyés sur Slack : ${current.slackEvents.join(', ')} (Paramètres › slack.evenements).`,
        ),
      );
    if (group.id === 'entrant') extra.push(webAppHint(current.webAppUrl));
    return el(
      'fieldset',
      { id: `group-${group.id}` },
      el('legend', {}, group.title),
      el('p', { class: 'hint' }, group.intro),
      ...extra,
      ...rows,
    );
  });
  const close = el('button', { type: 'button', id: 'close' }, 'Fermer');
  close.addEventListener('click', () => google.script.host.close());
  app.replaceChildren(
    el(
      'p',
      { class: 'intro' },
      'Les clés et les URL de webhooks sont gardées dans les propriétés du script, jamais dans une cellule ni un journal ; seuls leurs 4 derniers caractères sont affichés. « Tester » fait un appel réel et gratuit au service.',
    ),
    errorBox,
    ...sections,
    el('div', { class: 'actions' }, close),
  );
}

async function load(): Promise<void> {
  const app = document.getElementById('app');
  app?.replaceChildren(el('p', { class: 'hint' }, 'Chargement…'), errorBox);
  try {
    state = await callServer('getSettingsKeys');
    render();
  } catch (error) {
    errorBox.textContent = messageOf(error);
  }
}

void load();
