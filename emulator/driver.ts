/**
 * The driver: what tests and scripts use to act as people do — open the bound
 * spreadsheet, click a menu item, select a range, answer a dialog, call the server from a
 * sidebar — and to read what they would see. Built on Emulator (one execution per action).
 */
import { Emulator, ScriptError, type ExecutionResult, type Manifest, type ScriptFile } from './host';
import { newStore, type CellValue, type DriveItemRec, type MailRec, type MenuEntryRec, type Store, type UiEventRec } from './store';
import { setRuntime } from './runtime/context';
import { newSpreadsheetRec } from './runtime/sheet-model';
import { Sheet } from './runtime/spreadsheet/sheet';
import { addDriveItem, GOOGLE_MIME } from './runtime/drive-model';
import { formByTitle, prefilledAnswers, submitForm, type Answers, type SubmitOptions, type SubmitResult } from './drivers/forms';
import { advanceClock, fireDueTimeTriggers, holdScriptLock, releaseExternalScriptLock } from './drivers/triggers';

export interface DriverOptions {
  /** A project directory as clasp pushes it (every .js/.gs file, appsscript.json, .html); defaults to ./dist. */
  dir?: string;
  /** Script files named here run first, in this order (as `filePushOrder` in .clasp.json); the rest by path. */
  filePushOrder?: string[];
  /** One built file, with its manifest and .html files beside it. */
  codePath?: string;
  /** One script as text. */
  code?: string;
  /** Several script files as text, in project order. */
  files?: ScriptFile[];
  manifest?: Manifest;
  store?: Store;
  /** Name of the bound spreadsheet created for a new world (default: Google's "Untitled spreadsheet"). */
  spreadsheetName?: string;
  owner?: string;
  now?: number;
  /** Drive this emulator (a fork) instead of building one. */
  emulator?: Emulator;
  /** Who is at the keyboard at first (default: the store's active user). */
  user?: string;
}

/** Runs plain-data model code on the host, against the given store (world set-up only). */
function onHost<T>(store: Store, user: string, fn: () => T): T {
  setRuntime({ store, exec: { number: 0, kind: 'menu', authMode: 'FULL', activeUser: user, effectiveUser: user } });
  try {
    return fn();
  } finally {
    // Not kept: a module-level reference would hold this world (and every context whose objects it stores) alive.
    setRuntime(undefined);
  }
}

export class Driver {
  readonly emu: Emulator;
  readonly spreadsheetId: string;
  private user: string;

  constructor(opts: DriverOptions = {}) {
    this.emu =
      opts.emulator ??
      new Emulator({
        store: opts.store ?? newStore({ owner: opts.owner, now: opts.now }),
        code: opts.code,
        files: opts.files,
        codePath: opts.codePath,
        dir: opts.dir,
        filePushOrder: opts.filePushOrder,
        manifest: opts.manifest,
      });
    const store = this.emu.store;
    this.user = opts.user ?? store.users.active;
    if (!store.script.containerId) {
      store.script.containerId = onHost(store, this.user, () => {
        const ss = newSpreadsheetRec(opts.spreadsheetName ?? 'Untitled spreadsheet');
        addDriveItem({ id: ss.id, kind: 'file', name: ss.name, mimeType: GOOGLE_MIME.spreadsheet });
        return ss.id;
      });
    }
    this.spreadsheetId = store.script.containerId;
  }

  get store(): Store {
    return this.emu.store;
  }

  /** Acts as another person from now on (Session, menus, trigger ownership follow). */
  actAs(user: string): this {
    this.user = user;
    this.store.users.active = user;
    return this;
  }

  get activeUser(): string {
    return this.user;
  }

  /** Opens the spreadsheet: fires the onOpen simple trigger, as Sheets does. */
  open(): ExecutionResult {
    this.store.ui.menus[this.user] = [];
    return this.emu.run('onOpen', {
      kind: 'simple',
      user: this.user,
      event: { kind: 'open', spreadsheetId: this.spreadsheetId, authMode: 'LIMITED', user: this.user },
    });
  }

  /** The custom menus this user sees (added by the last onOpen). */
  menus(): { name: string; items: MenuEntryRec[] }[] {
    return this.store.ui.menus[this.user] ?? [];
  }

  /** Clicks a menu item by its caption (optionally within a named menu or submenu path). */
  clickMenu(caption: string, menuName?: string): ExecutionResult {
    const fn = findMenuItem(this.menus(), caption, menuName);
    if (!fn) {
      const shown =
        this.menus()
          .map((m) => `${m.name}: ${captions(m.items).join(', ')}`)
          .join(' | ') || 'no custom menu (was the spreadsheet opened?)';
      throw new Error(`No menu item "${caption}"${menuName ? ` in "${menuName}"` : ''}. Menus: ${shown}`);
    }
    return this.emu.run(fn, { kind: 'menu', user: this.user });
  }

  /** Selects cells, as clicking in the grid does: "Sheet1!A2:A4" or ["Sheet1!A2", "Sheet1!A5"]. */
  select(a1: string | string[]): void {
    const list = Array.isArray(a1) ? a1 : [a1];
    const ss = this.store.spreadsheets[this.spreadsheetId];
    const sheetName = list[0].includes('!') ? list[0].slice(0, list[0].lastIndexOf('!')).replace(/^'(.*)'$/, '$1') : ss.sheets[0].name;
    const sheet = ss.sheets.find((s) => s.name === sheetName);
    if (!sheet) throw new Error(`No sheet "${sheetName}" to select in`);
    ss.selection = { sheetId: sheet.sheetId, a1: list.map((x) => (x.includes('!') ? x.slice(x.lastIndexOf('!') + 1) : x)) };
  }

  /** Scripts the person's answer to the next alert or prompt. */
  answerNext(kind: 'alert' | 'prompt', button: string, text?: string): this {
    this.store.ui.pendingAnswers.push({ kind, button, text });
    return this;
  }

  /**
   * A call from a sidebar or dialog through google.script.run. Arguments and the return value
   * follow google.script.run's type rule (a Date, a function, … fails the call).
   */
  callServer<T = unknown>(functionName: string, ...args: unknown[]): T {
    return this.emu.call<T>(functionName, { kind: 'rpc', user: this.user, args });
  }

  /** As callServer, reporting the outcome instead of throwing. */
  runServer<T = unknown>(functionName: string, ...args: unknown[]): ExecutionResult<T> {
    return this.emu.run<T>(functionName, { kind: 'rpc', user: this.user, args });
  }

  // ---- the web app as others reach it ---------------------------------------------------------

  /** A visitor of the web app who is not signed in (Session.getActiveUser().getEmail() is ""). */
  asAnonymous(): WebAppVisitor {
    return new WebAppVisitor(this.emu, '');
  }

  /** A signed-in person visiting the web app; share the spreadsheet with them (or not) first. */
  asViewer(email: string): WebAppVisitor {
    return new WebAppVisitor(this.emu, email);
  }

  /** Every top-level function of the script not ending in "_": what google.script.run can reach. */
  publicFunctions(): string[] {
    return this.emu.publicFunctions();
  }

  /** Shares the bound spreadsheet, as the owner does in Sheets' Share dialog. */
  shareSpreadsheet(email: string, role: 'editor' | 'viewer'): void {
    const item = this.store.drive.items[this.spreadsheetId];
    if (!item) throw new Error('The bound spreadsheet has no Drive item');
    item.editors = item.editors.filter((e) => e !== email);
    item.viewers = item.viewers.filter((e) => e !== email);
    if (email === item.owner) return;
    (role === 'editor' ? item.editors : item.viewers).push(email);
  }

  /** Removes a person's access to the bound spreadsheet. */
  unshareSpreadsheet(email: string): void {
    const item = this.store.drive.items[this.spreadsheetId];
    if (!item) return;
    item.editors = item.editors.filter((e) => e !== email);
    item.viewers = item.viewers.filter((e) => e !== email);
  }

  // ---- executions: time, crashes, service errors -------------------------------------------------

  /**
   * Emulated crash: counting service calls from now on (across executions), the k-th completes
   * and the execution that attempts the next is ended for good; what it wrote stays written.
   */
  crashAfter(k: number): this {
    this.emu.crashAfter(k);
    return this;
  }

  /** Whether a crash asked for by crashAfter has not happened yet. */
  get crashPending(): boolean {
    return this.emu.crashPending;
  }

  cancelCrash(): this {
    this.emu.cancelCrash();
    return this;
  }

  /**
   * Makes the next `times` (default 1) calls of `method` ("MailApp.sendEmail") throw a service
   * error with `message`: catchable by the script, unlike a crash.
   */
  failCall(method: string, opts: { times?: number; message?: string } = {}): this {
    this.emu.failCall(method, opts);
    return this;
  }

  /** A new, independent world: a deep copy of this one's store, the same compiled script and user. */
  fork(): Driver {
    return new Driver({ emulator: this.emu.fork(), user: this.user });
  }

  /** Modelled Apps Script seconds of the last execution. */
  lastModelledSeconds(): number {
    return (this.emu.lastExecution?.modelledMs ?? 0) / 1000;
  }

  /** Modelled Apps Script seconds of every execution since the last resetCalls(). */
  modelledSeconds(): number {
    return this.emu.stats().modelledMs / 1000;
  }

  /** Executions since the last resetCalls(). */
  executions(): number {
    return this.emu.stats().executions;
  }

  /** A visit to the web app (doGet), as an anonymous visitor: the page's HTML and title. */
  webApp(parameters: Record<string, string> = {}): { html: string; title: string } {
    const parameter = parameters;
    const multi = Object.fromEntries(Object.entries(parameters).map(([k, v]) => [k, [v]]));
    return this.emu.call<{ html: string; title: string }>('doGet', {
      kind: 'webapp',
      user: '',
      effectiveUser: this.store.script.owner,
      event: { kind: 'doGet', parameter, parameters: multi, queryString: new URLSearchParams(parameters).toString(), contextPath: '', contentLength: -1 },
    });
  }

  /**
   * A person working in the grid (Data → Sort sheet, delete or insert rows, …): `work` gets the
   * sheet through the same Sheet/Range model scripts use, so the result is what Sheets does.
   * Not an execution: no trigger fires and no service call is counted.
   */
  personEdits<T>(sheetName: string, work: (sheet: GoogleAppsScript.Spreadsheet.Sheet) => T): T {
    const ss = this.store.spreadsheets[this.spreadsheetId];
    const rec = this.sheet(sheetName);
    const calls = { ...this.store.calls };
    try {
      return onHost(this.store, this.user, () => work(new Sheet(ss, rec) as unknown as GoogleAppsScript.Spreadsheet.Sheet));
    } finally {
      this.store.calls = calls;
    }
  }

  /**
   * A person types into cells of the grid ("Agreements!H2", a block of values): the values are
   * entered as typed input (as a person typing), then Sheets fires the onEdit simple trigger
   * (AuthMode.LIMITED) with the edited range, and value/oldValue for a single cell
   * (developers.google.com/apps-script/guides/triggers/events#edit). Returns the trigger's
   * execution, or undefined when the script has no onEdit.
   */
  editCells(a1: string, values: unknown[][]): ExecutionResult | undefined {
    const at = a1.lastIndexOf('!');
    const sheetName = a1.slice(0, at).replace(/^'(.*)'$/, '$1');
    const cells = a1.slice(at + 1);
    const rec = this.sheet(sheetName);
    const single = values.length === 1 && values[0].length === 1;
    const oldValue = single ? this.personEdits(sheetName, (sheet) => sheet.getRange(cells).getValue()) : undefined;
    this.personEdits(sheetName, (sheet) => sheet.getRange(cells).setValues(values));
    const event: Record<string, unknown> & { kind: string } = {
      kind: 'edit',
      spreadsheetId: this.spreadsheetId,
      sheetId: rec.sheetId,
      a1: cells,
      user: this.user,
      authMode: 'LIMITED',
    };
    if (single) {
      event.value = values[0][0];
      if (oldValue !== '' && oldValue !== undefined) event.oldValue = oldValue;
    }
    const r = this.emu.run('onEdit', { kind: 'simple', user: this.user, event });
    return !r.ok && /^Script function not found/.test(r.error?.message ?? '') ? undefined : r;
  }

  /** Values of a sheet as the store holds them (Dates as {date}); [] when the sheet is empty. */
  sheetValues(name: string): CellValue[][] {
    const sheet = this.sheet(name);
    const width = Math.max(0, ...sheet.rows.map((r) => (r ? r.length : 0)));
    let height = sheet.rows.length;
    while (height > 0 && !(sheet.rows[height - 1] ?? []).some((c) => c && (c.v !== '' || c.f))) height--;
    const out: CellValue[][] = [];
    for (let r = 0; r < height; r++) {
      const row = sheet.rows[r] ?? [];
      out.push(Array.from({ length: width }, (_, c) => row[c]?.v ?? ''));
    }
    return out;
  }

  /** Rows of a header-row sheet as objects keyed by header. */
  records(name: string): Record<string, CellValue>[] {
    const [headers, ...rows] = this.sheetValues(name);
    if (!headers) return [];
    return rows.map((row) => Object.fromEntries(headers.map((h, i) => [String(h), row[i]])));
  }

  sheetNames(): string[] {
    return this.store.spreadsheets[this.spreadsheetId].sheets.map((s) => s.name);
  }

  sheet(name: string) {
    const sheet = this.store.spreadsheets[this.spreadsheetId].sheets.find((s) => s.name === name);
    if (!sheet) throw new Error(`No sheet "${name}"; sheets: ${this.sheetNames().join(', ')}`);
    return sheet;
  }

  uiEvents(kind?: UiEventRec['kind']): UiEventRec[] {
    return this.store.ui.events.filter((e) => !kind || e.kind === kind);
  }

  toasts(): { message: string; title: string }[] {
    return this.store.spreadsheets[this.spreadsheetId].toasts;
  }

  /** Files and folders in the emulated Drive (not trashed unless asked). */
  driveFiles(opts: { includeTrashed?: boolean } = {}): DriveItemRec[] {
    return Object.values(this.store.drive.items).filter((i) => i.id !== this.store.drive.rootId && (opts.includeTrashed || !i.trashed));
  }

  outbox(): MailRec[] {
    return this.store.mail.outbox;
  }

  setMailQuota(recipientsPerDay: number): void {
    this.store.mail.dailyQuota = recipientsPerDay;
  }

  /** Moves the virtual clock, running each time-driven trigger that falls due, in order. */
  advanceClock(ms: number): ExecutionResult[] {
    return advanceClock(this.emu, ms);
  }

  /** Runs the time-driven triggers that are due now. */
  fireTimeTriggers(): ExecutionResult[] {
    return fireDueTimeTriggers(this.emu);
  }

  /** Another execution holds the script lock for `ms` of virtual time. */
  holdScriptLock(ms: number): void {
    holdScriptLock(this.emu, ms);
  }

  releaseScriptLock(): void {
    releaseExternalScriptLock(this.emu);
  }

  /** Fills in and submits a form (by title) as `respondent`, exactly as Google delivers it. */
  submitForm(formTitle: string, answers: Answers, opts: SubmitOptions = {}): SubmitResult {
    return submitForm(this.emu, formByTitle(this.emu, formTitle).id, answers, opts);
  }

  /** The answers a prefilled form link carries, by question title (a person opening the link). */
  prefilledAnswers(url: string): Answers {
    return prefilledAnswers(this.emu, url);
  }

  formTitles(): string[] {
    return Object.values(this.store.forms).map((f) => f.title);
  }

  /** Service calls per "Class.method" since the last reset. */
  calls(): Record<string, number> {
    return { ...this.store.calls };
  }

  totalCalls(): number {
    return Object.values(this.store.calls).reduce((a, b) => a + b, 0);
  }

  /** Resets the call counters and the modelled-time totals. */
  resetCalls(): void {
    this.store.calls = {};
    this.emu.resetStats();
  }

  /** Throws with the script's own error when an execution failed (for scenario tests). */
  static check<T>(r: ExecutionResult<T>, what = 'execution'): T {
    if (!r.ok) throw new ScriptError(what, r.error!);
    return r.value as T;
  }
}

/**
 * Someone reaching the web app from outside the spreadsheet: its page (doGet) and, from that page,
 * google.script.run calls to any public function. The web app runs as the owner when the manifest
 * says webapp.executeAs USER_DEPLOYING (https://developers.google.com/apps-script/guides/web), so
 * Session.getEffectiveUser() is the owner and Session.getActiveUser() is "" for anyone outside the
 * owner's Workspace domain (https://developers.google.com/apps-script/reference/base/session#getActiveUser()).
 */
export class WebAppVisitor {
  constructor(
    private readonly emu: Emulator,
    /** "" for an anonymous visitor. */
    readonly email: string,
  ) {}

  private runAs(): { user: string; effectiveUser: string } {
    const webapp = this.emu.store.manifest.webapp;
    if (webapp?.executeAs === 'USER_ACCESSING') {
      if (!this.email) throw new Error('This web app executes as the user accessing it: an anonymous visitor is asked to sign in first');
      return { user: this.email, effectiveUser: this.email };
    }
    return { user: this.email, effectiveUser: this.emu.store.script.owner };
  }

  /** google.script.run.<functionName>(...args) from a page of the web app, reporting the outcome. */
  run<T = unknown>(functionName: string, ...args: unknown[]): ExecutionResult<T> {
    return this.emu.run<T>(functionName, { kind: 'webapp', rpc: true, ...this.runAs(), args });
  }

  /** As run, returning the value or throwing the script's error (the page's failure handler). */
  callServer<T = unknown>(functionName: string, ...args: unknown[]): T {
    const r = this.run<T>(functionName, ...args);
    if (!r.ok) throw new ScriptError(functionName, r.error!);
    return r.value as T;
  }

  /** A visit to the web app's page (doGet). */
  webApp(parameters: Record<string, string> = {}): { html: string; title: string } {
    const multi = Object.fromEntries(Object.entries(parameters).map(([k, v]) => [k, [v]]));
    return this.emu.call<{ html: string; title: string }>('doGet', {
      kind: 'webapp',
      ...this.runAs(),
      event: {
        kind: 'doGet',
        parameter: parameters,
        parameters: multi,
        queryString: new URLSearchParams(parameters).toString(),
        contextPath: '',
        contentLength: -1,
      },
    });
  }
}

function captions(items: MenuEntryRec[]): string[] {
  return items.flatMap((i) => (i.kind === 'item' ? [i.caption] : i.kind === 'submenu' ? captions(i.items).map((c) => `${i.name} › ${c}`) : []));
}

function findMenuItem(menus: { name: string; items: MenuEntryRec[] }[], caption: string, menuName?: string): string | undefined {
  const search = (items: MenuEntryRec[], inScope: boolean): string | undefined => {
    for (const i of items) {
      if (i.kind === 'item' && inScope && i.caption === caption) return i.functionName;
      if (i.kind === 'submenu') {
        const f = search(i.items, inScope || i.name === menuName);
        if (f) return f;
      }
    }
    return undefined;
  };
  for (const m of menus) {
    const f = search(m.items, !menuName || m.name === menuName);
    if (f) return f;
  }
  return undefined;
}

export { crashSweep, assertSweep, formatSweep } from './drivers/crash';
/** @public The crash sweep's options and report, for a project that sweeps its own bundle. */
export type { SweepOptions, SweepReport, SweepFailure } from './drivers/crash';
