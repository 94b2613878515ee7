/**
 * The emulated `Ui` of SpreadsheetApp.getUi() (developers.google.com/apps-script/reference/base/ui)
 * and its `Menu`. Nothing is displayed here: menus, alerts, prompts, sidebars and dialogs are
 * recorded into the execution's `uiEvents` for the caller (the local page, a test, the CLI) to
 * show, and alerts/prompts are answered from `env.uiAnswers`.
 */
import { readHtmlOutput } from '../services/html-service';
import { countCalls, fail, type HasContext, type SpreadsheetContext } from './context';
import { badParameters } from './messages';
import type { RecordedMenu } from '../env';

/** Ui.Button: what alert/prompt return. */
export const Button = Object.freeze({
  CLOSE: 'CLOSE',
  OK: 'OK',
  CANCEL: 'CANCEL',
  YES: 'YES',
  NO: 'NO',
});

/** Ui.ButtonSet: which buttons a dialog offers. */
export const ButtonSet = Object.freeze({
  OK: 'OK',
  OK_CANCEL: 'OK_CANCEL',
  YES_NO: 'YES_NO',
  YES_NO_CANCEL: 'YES_NO_CANCEL',
});

const BUTTONS_OF: Record<string, string[]> = {
  OK: ['OK'],
  OK_CANCEL: ['OK', 'CANCEL'],
  YES_NO: ['YES', 'NO'],
  YES_NO_CANCEL: ['YES', 'NO', 'CANCEL'],
};

export class Ui implements HasContext {
  readonly Button = Button;
  readonly ButtonSet = ButtonSet;

  constructor(readonly ctx: SpreadsheetContext) {}

  createMenu(caption: unknown): Menu {
    if (typeof caption !== 'string') fail(this.ctx, badParameters([caption], 'Ui.createMenu'));
    return new Menu(this.ctx, caption);
  }

  /** The add-on's menu under Extensions, titled with the add-on's name. */
  createAddonMenu(): Menu {
    return new Menu(this.ctx, this.ctx.addOnMenuTitle);
  }

  /** alert(prompt) | alert(prompt, buttons) | alert(title, prompt, buttons). */
  alert(...args: unknown[]): string {
    const { title, prompt, buttons } = dialogArgs(this.ctx, args, 'Ui.alert');
    this.ctx.env.uiEvents.alerts.push({ title, prompt, kind: 'alert' });
    return answer(buttons, this.ctx.env.uiAnswers.alert);
  }

  /** prompt(prompt) | prompt(prompt, buttons) | prompt(title, prompt, buttons). */
  prompt(...args: unknown[]): PromptResponse {
    const { title, prompt, buttons } = dialogArgs(this.ctx, args, 'Ui.prompt');
    this.ctx.env.uiEvents.alerts.push({ title, prompt, kind: 'prompt' });
    const given = this.ctx.env.uiAnswers.prompt;
    return new PromptResponse(this.ctx, given?.text ?? '', answer(buttons, given?.button));
  }

  showSidebar(userInterface: unknown): void {
    recordDialog(this.ctx, 'sidebar', userInterface, undefined, 'Ui.showSidebar');
  }

  showModalDialog(userInterface: unknown, title: unknown): void {
    recordDialog(this.ctx, 'modal', userInterface, title, 'Ui.showModalDialog');
  }

  showModelessDialog(userInterface: unknown, title: unknown): void {
    recordDialog(this.ctx, 'modeless', userInterface, title, 'Ui.showModelessDialog');
  }

  toString(): string {
    return 'Ui';
  }
}
countCalls(Ui.prototype, 'Ui');

export class Menu implements HasContext {
  private readonly items: RecordedMenu['items'] = [];

  constructor(
    readonly ctx: SpreadsheetContext,
    private readonly title: string,
  ) {}

  addItem(caption: unknown, functionName: unknown): this {
    if (typeof caption !== 'string' || typeof functionName !== 'string') {
      fail(this.ctx, badParameters([caption, functionName], 'Menu.addItem'));
    }
    this.items.push({ caption, functionName });
    return this;
  }

  addSeparator(): this {
    this.items.push({ separator: true });
    return this;
  }

  /**
   * The recorded menu format is flat, so a sub-menu's items are added with their caption
   * prefixed by the sub-menu's title (`Export › CSV`).
   */
  addSubMenu(menu: unknown): this {
    if (!(menu instanceof Menu)) fail(this.ctx, badParameters([menu], 'Menu.addSubMenu'));
    for (const item of menu.items) {
      this.items.push(
        'separator' in item ? item : { ...item, caption: `${menu.title} › ${item.caption}` },
      );
    }
    return this;
  }

  addToUi(): void {
    this.ctx.env.uiEvents.menus.push({
      title: this.title,
      items: this.items.map((i) => ({ ...i })),
    });
  }

  toString(): string {
    return 'Menu';
  }
}
countCalls(Menu.prototype, 'Menu');

export class PromptResponse implements HasContext {
  constructor(
    readonly ctx: SpreadsheetContext,
    private readonly text: string,
    private readonly button: string,
  ) {}

  getResponseText(): string {
    return this.text;
  }

  getSelectedButton(): string {
    return this.button;
  }

  toString(): string {
    return 'PromptResponse';
  }
}
countCalls(PromptResponse.prototype, 'PromptResponse');

function dialogArgs(
  ctx: SpreadsheetContext,
  args: unknown[],
  method: string,
): { title: string; prompt: string; buttons: string } {
  let title: unknown = '';
  let prompt: unknown;
  let buttons: unknown = ButtonSet.OK;
  if (args.length === 1) [prompt] = args;
  else if (args.length === 2) [prompt, buttons] = args;
  else if (args.length === 3) [title, prompt, buttons] = args;
  if (
    typeof title !== 'string' ||
    typeof prompt !== 'string' ||
    typeof buttons !== 'string' ||
    !(buttons in BUTTONS_OF)
  ) {
    fail(ctx, badParameters(args, method));
  }
  return { title, prompt, buttons };
}

/** The caller's answer when the dialog offers it (or CLOSE, always possible), else the first button. */
function answer(buttons: string, given: string | undefined): string {
  const offered = BUTTONS_OF[buttons] ?? ['OK'];
  if (given !== undefined && (offered.includes(given) || given === Button.CLOSE)) return given;
  return offered[0] ?? 'OK';
}

/** The HTML and title of an HtmlOutput from HtmlService, or of anything with getContent/getTitle. */
function htmlOf(output: unknown): { html: string; title: string } | undefined {
  const snapshot = readHtmlOutput(output);
  if (snapshot !== undefined) return { html: snapshot.html, title: snapshot.title };
  if (typeof output !== 'object' || output === null) return undefined;
  const o = output as { getContent?: unknown; getTitle?: unknown };
  if (typeof o.getContent !== 'function') return undefined;
  const html = String((o.getContent as () => unknown).call(output));
  const title =
    typeof o.getTitle === 'function' ? String((o.getTitle as () => unknown).call(output)) : '';
  return { html, title };
}

function recordDialog(
  ctx: SpreadsheetContext,
  kind: 'sidebar' | 'modal' | 'modeless',
  output: unknown,
  title: unknown,
  method: string,
): void {
  const content = htmlOf(output);
  if (content === undefined)
    fail(ctx, badParameters(title === undefined ? [output] : [output, title], method));
  ctx.env.uiEvents.dialogs.push({
    kind,
    title: title === undefined ? content.title : String(title),
    html: content.html,
  });
}
