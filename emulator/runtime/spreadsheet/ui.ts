/**
 * SpreadsheetApp.getUi(): custom menus, alerts, prompts, sidebars and dialogs. Nobody clicks
 * here: a test scripts the person's answers in store.ui.pendingAnswers, and every dialog shown
 * is recorded in store.ui.events.
 */
import type { MenuEntryRec, UiEventRec } from '../../store';
import { now, requireScope, rt, SCOPES, store } from '../context';
import { asGas, strict } from '../strict';
import { enumArg, makeEnum } from '../enums';

type GasUi = GoogleAppsScript.Base.Ui;
type GasMenu = GoogleAppsScript.Base.Menu;
type GasButton = GoogleAppsScript.Base.Button;
type GasButtonSet = GoogleAppsScript.Base.ButtonSet;

// Enum objects (https://developers.google.com/apps-script/reference/base/button, …/button-set);
// the store keeps their names.
export const ButtonEnum = makeEnum('Button', ['CLOSE', 'OK', 'CANCEL', 'YES', 'NO']);
export const ButtonSetEnum = makeEnum('ButtonSet', ['OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL']);
const Button = { CLOSE: 'CLOSE', OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO' } as const;
const ButtonSet = { OK: 'OK', OK_CANCEL: 'OK_CANCEL', YES_NO: 'YES_NO', YES_NO_CANCEL: 'YES_NO_CANCEL' } as const;

/** The buttons each set shows; the title bar's close button can always be clicked too. */
const SET_BUTTONS: Record<string, string[]> = {
  OK: ['OK'],
  OK_CANCEL: ['OK', 'CANCEL'],
  YES_NO: ['YES', 'NO'],
  YES_NO_CANCEL: ['YES', 'NO', 'CANCEL'],
};

function record(event: Omit<UiEventRec, 'at' | 'user'>): void {
  store().ui.events.push({ at: now(), user: rt().exec.activeUser, ...event });
}

export class Menu implements Pick<GasMenu, 'addItem' | 'addSeparator' | 'addSubMenu' | 'addToUi'> {
  _items: MenuEntryRec[] = [];
  constructor(readonly _name: string) {
    return strict('Menu', this);
  }
  addItem(caption: string, functionName: string): GasMenu {
    this._items.push({ kind: 'item', caption: String(caption), functionName: String(functionName) });
    return asGas(this);
  }
  addSeparator(): GasMenu {
    this._items.push({ kind: 'separator' });
    return asGas(this);
  }
  addSubMenu(menu: GasMenu): GasMenu {
    const sub = menu as unknown as Menu;
    this._items.push({ kind: 'submenu', name: sub._name, items: JSON.parse(JSON.stringify(sub._items)) as MenuEntryRec[] });
    return asGas(this);
  }
  /** Shows the menu to the user at the keyboard; a menu with the same name is replaced in place. */
  addToUi(): void {
    const s = store();
    const user = rt().exec.activeUser;
    const menu = { name: this._name, items: JSON.parse(JSON.stringify(this._items)) as MenuEntryRec[] };
    const menus = (s.ui.menus[user] ??= []);
    const at = menus.findIndex((m) => m.name === menu.name);
    if (at >= 0) menus[at] = menu;
    else menus.push(menu);
    record({ kind: 'menu', title: menu.name, menu: JSON.parse(JSON.stringify(menu)) as UiEventRec['menu'] });
  }
}

export class PromptResponse implements Pick<GoogleAppsScript.Base.PromptResponse, 'getResponseText' | 'getSelectedButton'> {
  constructor(
    private readonly text: string,
    private readonly button: string,
  ) {
    return strict('PromptResponse', this);
  }
  getResponseText(): string {
    return this.text;
  }
  getSelectedButton(): GasButton {
    return ButtonEnum[this.button as keyof typeof ButtonEnum] as unknown as GasButton;
  }
}

type UiSurface = Pick<GasUi, 'Button' | 'ButtonSet' | 'alert' | 'prompt' | 'createMenu' | 'showSidebar' | 'showModalDialog' | 'showModelessDialog'>;

export class Ui implements UiSurface {
  Button = asGas<typeof GoogleAppsScript.Base.Button>(ButtonEnum);
  ButtonSet = asGas<typeof GoogleAppsScript.Base.ButtonSet>(ButtonSetEnum);

  constructor() {
    return strict('Ui', this);
  }

  createMenu(caption: string): GasMenu {
    return asGas(new Menu(String(caption)));
  }

  alert(a: string, b?: string | GasButtonSet, c?: GasButtonSet): GasButton {
    const { title, message, buttons } = dialogArgs('Ui.alert', a, b, c);
    const answer = nextAnswer('alert', title, message, buttons);
    record({ kind: 'alert', title, message, answer: answer.button });
    return ButtonEnum[answer.button as keyof typeof ButtonEnum] as unknown as GasButton;
  }

  prompt(a: string, b?: string | GasButtonSet, c?: GasButtonSet): GoogleAppsScript.Base.PromptResponse {
    const { title, message, buttons } = dialogArgs('Ui.prompt', a, b, c);
    const answer = nextAnswer('prompt', title, message, buttons);
    const text = answer.text ?? '';
    // The recorded answer is "<BUTTON>:<text typed>".
    record({ kind: 'prompt', title, message, answer: `${answer.button}:${text}` });
    return asGas(new PromptResponse(text, answer.button));
  }

  showSidebar(output: GoogleAppsScript.HTML.HtmlOutput): void {
    requireScope('Ui.showSidebar', [SCOPES.containerUi]);
    record({ kind: 'sidebar', title: output.getTitle(), html: output.getContent() });
  }

  showModalDialog(output: GoogleAppsScript.HTML.HtmlOutput, title: string): void {
    requireScope('Ui.showModalDialog', [SCOPES.containerUi]);
    record({ kind: 'modalDialog', title: String(title), html: output.getContent() });
  }

  showModelessDialog(output: GoogleAppsScript.HTML.HtmlOutput, title: string): void {
    requireScope('Ui.showModelessDialog', [SCOPES.containerUi]);
    record({ kind: 'modelessDialog', title: String(title), html: output.getContent() });
  }
}

/** alert/prompt(prompt), (prompt, buttons) or (title, prompt, buttons); buttons is a ButtonSet enum value. */
function dialogArgs(method: string, a: string, b?: unknown, c?: unknown): { title: string; message: string; buttons: string } {
  if (c !== undefined) return { title: String(a), message: String(b), buttons: enumArg(ButtonSetEnum, c, method, a, b, c) };
  if (b !== undefined) {
    return { title: '', message: String(a), buttons: enumArg(ButtonSetEnum, b, method, a, b) };
  }
  return { title: '', message: String(a), buttons: ButtonSet.OK };
}

function nextAnswer(kind: 'alert' | 'prompt', title: string, message: string, buttons: string): { button: string; text?: string } {
  const allowed = SET_BUTTONS[buttons];
  if (!allowed) throw new Error(`Invalid argument: buttons`);
  const pending = store().ui.pendingAnswers;
  const label = title || message;
  const next = pending[0];
  // A plain OK alert needs no answer: it takes a scripted one only if that one fits it.
  if (kind === 'alert' && buttons === ButtonSet.OK && !(next?.kind === 'alert' && (next.button === Button.OK || next.button === Button.CLOSE))) {
    return { button: Button.OK };
  }
  if (!next) throw new Error(`emulator: no scripted answer for ${kind} '${label}'`);
  if (next.kind !== kind) throw new Error(`emulator: the next scripted answer is for a ${next.kind}, but the script showed a ${kind} '${label}'`);
  if (next.button !== Button.CLOSE && !allowed.includes(next.button)) {
    throw new Error(`emulator: scripted button ${next.button} is not on the ${kind} '${label}' (buttons: ${allowed.join(', ')}, CLOSE)`);
  }
  pending.shift();
  return { button: next.button, text: next.text };
}
