/**
 * The local page around the add-on: the workbook's tabs as a grid, the menu the add-on declared
 * in onOpen, and the real Sidebar.html in an iframe. Values are rendered with textContent only.
 */
import type { MenuRunResponse, PageState, SheetView } from './page-state';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
let state: PageState | null = null;
let activeSheet = '';

function text<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  value: string,
  className = '',
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.textContent = value;
  if (className) node.className = className;
  return node;
}

/** `open` runs onOpen first, as opening the spreadsheet does. */
async function loadState(open = false): Promise<void> {
  const response = await fetch(open ? '/api/state?open=1' : '/api/state');
  state = (await response.json()) as PageState;
  render();
}

function render(): void {
  if (!state) return;
  $('banner').hidden = state.mode !== 'sandbox';
  $('clock').textContent =
    `Horloge du script : ${new Date(state.nowIso).toLocaleString('fr-FR', { timeZone: 'Europe/Paris' })}`;
  renderMenus(state);
  const visible = state.sheets.filter((s) => !s.hidden);
  if (!visible.some((s) => s.name === activeSheet)) activeSheet = visible[0]?.name ?? '';
  const tabs = $('tabs');
  tabs.replaceChildren(
    ...visible.map((sheet) => {
      const button = text('button', sheet.name, sheet.name === activeSheet ? 'tab active' : 'tab');
      button.dataset.sheet = sheet.name;
      button.addEventListener('click', () => {
        activeSheet = sheet.name;
        render();
      });
      return button;
    }),
  );
  const sheet = visible.find((s) => s.name === activeSheet);
  renderGrid(sheet);
}

function renderMenus(current: PageState): void {
  const bar = $('menus');
  bar.replaceChildren(
    ...current.menus.map((menu) => {
      const wrapper = text('div', '', 'menu');
      const title = text('button', `${menu.title} ▾`, 'menu-title');
      const list = text('div', '', 'menu-items');
      list.hidden = true;
      title.addEventListener('click', () => (list.hidden = !list.hidden));
      for (const item of menu.items) {
        if ('separator' in item) {
          list.append(text('hr', ''));
          continue;
        }
        const entry = text('button', item.caption, 'menu-item');
        entry.dataset.function = item.functionName;
        entry.addEventListener('click', () => {
          list.hidden = true;
          void runMenu(item.functionName, item.caption);
        });
        list.append(entry);
      }
      wrapper.append(title, list);
      return wrapper;
    }),
  );
}

function renderGrid(sheet: SheetView | undefined): void {
  const grid = $('grid');
  if (!sheet) {
    grid.replaceChildren(text('p', 'Classeur vide.'));
    return;
  }
  const table = document.createElement('table');
  table.dataset.sheet = sheet.name;
  sheet.rows.forEach((row, index) => {
    const tr = document.createElement('tr');
    tr.append(text('th', String(index + 1), 'row-number'));
    row.forEach((value, column) => {
      const cell = text(index < Math.max(sheet.frozenRows, 1) ? 'th' : 'td', value);
      // Clicking a cell moves the script's cursor there, as selecting it in Sheets does.
      cell.addEventListener('click', () => selectCell(sheet.name, index + 1, column + 1, cell));
      tr.append(cell);
    });
    table.append(tr);
  });
  const footer = text(
    'p',
    `${Math.max(sheet.rowCount - 1, 0)} ligne(s) de données${sheet.truncated ? ` — ${sheet.rows.length} premières affichées` : ''}`,
    'grid-footer',
  );
  grid.replaceChildren(table, footer);
}

function selectCell(sheet: string, row: number, column: number, cell: HTMLElement): void {
  document.querySelectorAll('#grid .selected').forEach((c) => c.classList.remove('selected'));
  cell.classList.add('selected');
  void fetch('/api/select', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sheet, row, column }),
  });
}

async function runMenu(functionName: string, caption: string): Promise<void> {
  // A caption that opens a dialog ends with « … » already (« Paramètres et clés… »).
  showToast(caption.endsWith('…') ? caption : `${caption}…`);
  const response = await fetch('/api/menu', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ functionName }),
  });
  const result = (await response.json()) as MenuRunResponse;
  if (result.openedSidebar) reloadSidebar();
  if (result.dialog) showHtmlDialog(result.dialog.title);
  for (const alert of result.alerts) showDialog(alert.title, alert.prompt);
  if (!result.ok && result.error) showDialog('Erreur', result.error.message);
  for (const toast of result.toasts)
    showToast(toast.title ? `${toast.title} — ${toast.message}` : toast.message);
  await loadState();
  reloadSidebar();
}

function reloadSidebar(): void {
  const frame = $<HTMLIFrameElement>('sidebar');
  $('sidebar-panel').hidden = false;
  frame.src = `/sidebar?t=${Date.now()}`;
}

function showDialog(title: string, message: string): void {
  const dialog = $<HTMLDialogElement>('dialog');
  $('dialog-title').textContent = title;
  $('dialog-body').textContent = message;
  if (!dialog.open) dialog.showModal();
}

/** An add-on's HTML dialog (Ui.showModalDialog): its page in an iframe, closed by host.close(). */
function showHtmlDialog(title: string): void {
  const dialog = $<HTMLDialogElement>('html-dialog');
  $('html-dialog-title').textContent = title;
  $<HTMLIFrameElement>('html-dialog-frame').src = `/dialog?t=${Date.now()}`;
  if (!dialog.open) dialog.showModal();
}

function showToast(message: string): void {
  const toast = $('toast');
  toast.textContent = message;
  toast.hidden = false;
  window.setTimeout(() => (toast.hidden = true), 4000);
}

window.addEventListener('message', (event: MessageEvent<{ type?: string }>) => {
  if (event.data?.type === 'gas-run-done') void loadState();
  const fromDialog = event.source === $<HTMLIFrameElement>('html-dialog-frame').contentWindow;
  if (event.data?.type === 'gas-host-close' && fromDialog)
    $<HTMLDialogElement>('html-dialog').close();
  else if (event.data?.type === 'gas-host-close') $('sidebar-panel').hidden = true;
});
$('dialog-ok').addEventListener('click', () => $<HTMLDialogElement>('dialog').close());
$('sidebar-close').addEventListener('click', () => ($('sidebar-panel').hidden = true));
$('html-dialog-close').addEventListener('click', () => $<HTMLDialogElement>('html-dialog').close());
void loadState(true);
