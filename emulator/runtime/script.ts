/**
 * ScriptApp: installable triggers (kept in store.triggers, owned by the effective user, at most
 * 20 per user per script), the project's enums, script id and web app URL. Clock triggers get
 * an exact nextDue; the host driver (emulator/drivers/triggers.ts) fires and reschedules them
 * with nextClockDue. Real Apps Script spreads daily runs over the chosen hour; here they run
 * exactly at atHour:nearMinute (default minute 0) in the trigger's time zone.
 */
import type { TriggerRec } from '../store';
import { now, requireScope, rt, SCOPES, store } from './context';
import { asGas, strict } from './strict';
import { enumArg, makeEnum } from './enums';
import { zonedParts, zonedToEpoch } from './utilities';

type GasTrigger = GoogleAppsScript.Script.Trigger;
type GasScriptApp = GoogleAppsScript.Script.ScriptApp;

// Enum objects in documented order (https://developers.google.com/apps-script/reference/script/auth-mode,
// …/event-type, …/trigger-source, …/base/weekday); built once per execution in the script's realm.
export const AuthMode = makeEnum('AuthMode', ['NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL']);
export const EventType = makeEnum('EventType', ['CLOCK', 'ON_OPEN', 'ON_EDIT', 'ON_FORM_SUBMIT', 'ON_CHANGE', 'ON_EVENT_UPDATED']);
export const TriggerSource = makeEnum('TriggerSource', ['SPREADSHEETS', 'CLOCK', 'FORMS', 'DOCUMENTS', 'CALENDAR']);
export const WeekDay = makeEnum('Weekday', ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY']);
const WEEKDAY_INDEX: string[] = Object.keys(WeekDay);

const MAX_TRIGGERS_PER_USER = 20;
const TOO_MANY = 'This script has too many triggers. Triggers must be deleted from the script before more can be added.';
const MINUTE = 60000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// ---------- clock scheduling (plain data; also used by the host driver) ----------

/** First instant strictly after `after` whose local date passes `ok`, at hour:minute in tz. */
function nextLocal(tz: string, after: number, hour: number, minute: number, ok: (y: number, m: number, d: number, weekday: number) => boolean): number {
  const p = zonedParts(after, tz);
  for (let i = 0; i < 800; i++) {
    const day = new Date(Date.UTC(p.year, p.month - 1, p.day + i));
    const [y, m, d] = [day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate()];
    if (!ok(y, m, d, day.getUTCDay())) continue;
    const at = zonedToEpoch(tz, y, m, d, hour, minute);
    if (at > after) return at;
  }
  throw new Error('emulator: no next run time for trigger');
}

/** When a clock trigger runs next after firing at `firedAt`, the clock now reading `current`; undefined when done. */
export function nextClockDue(t: TriggerRec, firedAt: number, current: number): number | undefined {
  const spec = t.spec ?? {};
  if (spec.monthDay !== undefined) {
    const tz = String(spec.timezone);
    const monthly = (from: number): number =>
      nextLocal(tz, from, Number(spec.atHour ?? 0), Number(spec.nearMinute ?? 0), (_y, _m, d) => d === Number(spec.monthDay));
    let next = monthly(firedAt);
    while (next <= current) next = monthly(next);
    return next;
  }
  if (!t.everyMs) return undefined;
  let next = firedAt + t.everyMs;
  if (next <= current) next += (Math.floor((current - next) / t.everyMs) + 1) * t.everyMs;
  return next;
}

// ---------- Trigger ----------

type TriggerSurface = Pick<GasTrigger, 'getUniqueId' | 'getHandlerFunction' | 'getEventType' | 'getTriggerSource' | 'getTriggerSourceId'>;

class Trigger implements TriggerSurface {
  constructor(private readonly _rec: TriggerRec) {
    return strict('Trigger', this);
  }

  getUniqueId(): string {
    return this._rec.uid;
  }

  getHandlerFunction(): string {
    return this._rec.handler;
  }

  getEventType(): GoogleAppsScript.Script.EventType {
    return EventType[this._rec.eventType] as unknown as GoogleAppsScript.Script.EventType;
  }

  getTriggerSource(): GoogleAppsScript.Script.TriggerSource {
    return TriggerSource[this._rec.source] as unknown as GoogleAppsScript.Script.TriggerSource;
  }

  /** The spreadsheet/form/document id; null for time-driven triggers. */
  getTriggerSourceId(): string {
    return (this._rec.sourceId ?? null) as string;
  }
}

/** Stores a new trigger for the effective user, enforcing the per-user cap. */
function addTrigger(fields: Omit<TriggerRec, 'uid' | 'owner'>): GasTrigger {
  const s = store();
  const owner = rt().exec.effectiveUser;
  if (s.triggers.filter((t) => t.owner === owner).length >= MAX_TRIGGERS_PER_USER) throw new Error(TOO_MANY);
  const rec: TriggerRec = { uid: '4' + String(s.seq++).padStart(18, '0'), owner, ...fields };
  s.triggers.push(rec);
  return asGas(new Trigger({ ...rec }));
}

function idOf(x: unknown): string {
  if (typeof x === 'string') return x;
  return (x as { getId(): string }).getId();
}

// ---------- builders ----------

type SheetTriggerSurface = Pick<GoogleAppsScript.Script.SpreadsheetTriggerBuilder, 'onOpen' | 'onEdit' | 'onChange' | 'onFormSubmit' | 'create'>;

class SpreadsheetTriggerBuilder implements SheetTriggerSurface {
  private _event?: TriggerRec['eventType'];

  constructor(
    private readonly _handler: string,
    private readonly _id: string,
  ) {
    return strict('SpreadsheetTriggerBuilder', this);
  }

  onOpen(): GoogleAppsScript.Script.SpreadsheetTriggerBuilder {
    this._event = 'ON_OPEN';
    return asGas(this);
  }

  onEdit(): GoogleAppsScript.Script.SpreadsheetTriggerBuilder {
    this._event = 'ON_EDIT';
    return asGas(this);
  }

  onChange(): GoogleAppsScript.Script.SpreadsheetTriggerBuilder {
    this._event = 'ON_CHANGE';
    return asGas(this);
  }

  onFormSubmit(): GoogleAppsScript.Script.SpreadsheetTriggerBuilder {
    this._event = 'ON_FORM_SUBMIT';
    return asGas(this);
  }

  create(): GasTrigger {
    if (!this._event) throw new Error('Trigger event type must be specified.');
    return addTrigger({ handler: this._handler, eventType: this._event, source: 'SPREADSHEETS', sourceId: this._id });
  }
}

type FormTriggerSurface = Pick<GoogleAppsScript.Script.FormTriggerBuilder, 'onOpen' | 'onFormSubmit' | 'create'>;

class FormTriggerBuilder implements FormTriggerSurface {
  private _event?: TriggerRec['eventType'];

  constructor(
    private readonly _handler: string,
    private readonly _id: string,
  ) {
    return strict('FormTriggerBuilder', this);
  }

  onOpen(): GoogleAppsScript.Script.FormTriggerBuilder {
    this._event = 'ON_OPEN';
    return asGas(this);
  }

  onFormSubmit(): GoogleAppsScript.Script.FormTriggerBuilder {
    this._event = 'ON_FORM_SUBMIT';
    return asGas(this);
  }

  create(): GasTrigger {
    if (!this._event) throw new Error('Trigger event type must be specified.');
    return addTrigger({ handler: this._handler, eventType: this._event, source: 'FORMS', sourceId: this._id });
  }
}

type DocTriggerSurface = Pick<GoogleAppsScript.Script.DocumentTriggerBuilder, 'onOpen' | 'create'>;

class DocumentTriggerBuilder implements DocTriggerSurface {
  private _open = false;

  constructor(
    private readonly _handler: string,
    private readonly _id: string,
  ) {
    return strict('DocumentTriggerBuilder', this);
  }

  onOpen(): GoogleAppsScript.Script.DocumentTriggerBuilder {
    this._open = true;
    return asGas(this);
  }

  create(): GasTrigger {
    if (!this._open) throw new Error('Trigger event type must be specified.');
    return addTrigger({ handler: this._handler, eventType: 'ON_OPEN', source: 'DOCUMENTS', sourceId: this._id });
  }
}

type ClockSurface = Pick<
  GoogleAppsScript.Script.ClockTriggerBuilder,
  | 'after'
  | 'at'
  | 'atDate'
  | 'atHour'
  | 'nearMinute'
  | 'everyMinutes'
  | 'everyHours'
  | 'everyDays'
  | 'everyWeeks'
  | 'onWeekDay'
  | 'onMonthDay'
  | 'inTimezone'
  | 'create'
>;

class ClockTriggerBuilder implements ClockSurface {
  private _at?: number;
  private _every?: { unit: 'minutes' | 'hours' | 'days' | 'weeks'; n: number };
  private _atHour?: number;
  private _nearMinute?: number;
  private _weekDay?: number;
  private _monthDay?: number;
  private _atDate?: [number, number, number];
  private _tz?: string;

  constructor(private readonly _handler: string) {
    return strict('ClockTriggerBuilder', this);
  }

  after(durationMilliseconds: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    this._at = now() + Number(durationMilliseconds);
    return asGas(this);
  }

  at(date: Date): GoogleAppsScript.Script.ClockTriggerBuilder {
    this._at = date.getTime();
    return asGas(this);
  }

  atDate(year: number, month: number, day: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    this._atDate = [year, month, day];
    return asGas(this);
  }

  atHour(hour: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    if (!(hour >= 0 && hour <= 23)) throw new Error('The hour must be between 0 and 23.');
    this._atHour = Math.floor(hour);
    return asGas(this);
  }

  nearMinute(minute: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    this._nearMinute = Math.min(59, Math.max(0, Math.floor(minute)));
    return asGas(this);
  }

  /** Only 1, 5, 10, 15 or 30 are allowed (documented); the error text is ours. */
  everyMinutes(n: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    if (![1, 5, 10, 15, 30].includes(n)) throw new Error('The number of minutes must be 1, 5, 10, 15 or 30.');
    this._every = { unit: 'minutes', n };
    return asGas(this);
  }

  everyHours(n: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    this._every = { unit: 'hours', n: positive(n) };
    return asGas(this);
  }

  everyDays(n: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    this._every = { unit: 'days', n: positive(n) };
    return asGas(this);
  }

  everyWeeks(n: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    this._every = { unit: 'weeks', n: positive(n) };
    return asGas(this);
  }

  onWeekDay(day: GoogleAppsScript.Base.Weekday): GoogleAppsScript.Script.ClockTriggerBuilder {
    const i = WEEKDAY_INDEX.indexOf(enumArg(WeekDay, day, 'ScriptApp.ClockTriggerBuilder.onWeekDay'));
    this._weekDay = i;
    return asGas(this);
  }

  onMonthDay(day: number): GoogleAppsScript.Script.ClockTriggerBuilder {
    if (!(day >= 1 && day <= 31)) throw new Error('The day of the month must be between 1 and 31.');
    this._monthDay = Math.floor(day);
    return asGas(this);
  }

  inTimezone(timezone: string): GoogleAppsScript.Script.ClockTriggerBuilder {
    this._tz = String(timezone);
    return asGas(this);
  }

  create(): GasTrigger {
    const tz = this._tz ?? store().script.timeZone;
    const hour = this._atHour ?? 0;
    const minute = this._nearMinute ?? 0;
    const spec: Record<string, string | number> = { timezone: tz };
    if (this._atHour !== undefined) spec.atHour = this._atHour;
    if (this._nearMinute !== undefined) spec.nearMinute = this._nearMinute;
    const base = { handler: this._handler, eventType: 'CLOCK' as const, source: 'CLOCK' as const };
    const t = now();
    if (this._at !== undefined) return addTrigger({ ...base, atMs: this._at, nextDue: this._at, spec: { ...spec, once: 1 } });
    if (this._atDate) {
      const [y, m, d] = this._atDate;
      const at = zonedToEpoch(tz, y, m, d, hour, minute);
      return addTrigger({ ...base, atMs: at, nextDue: at, spec: { ...spec, once: 1 } });
    }
    if (this._monthDay !== undefined) {
      const monthDay = this._monthDay;
      const nextDue = nextLocal(tz, t, hour, minute, (_y, _m, d) => d === monthDay);
      return addTrigger({ ...base, nextDue, spec: { ...spec, monthDay } });
    }
    if (!this._every)
      throw new Error('The trigger has no schedule: call a method such as everyMinutes(), everyHours(), everyDays(), everyWeeks(), at() or after() first.');
    const { unit, n } = this._every;
    spec[unit === 'minutes' ? 'everyMinutes' : unit === 'hours' ? 'everyHours' : unit === 'days' ? 'everyDays' : 'everyWeeks'] = n;
    if (unit === 'minutes' || unit === 'hours') {
      const everyMs = n * (unit === 'minutes' ? MINUTE : HOUR);
      return addTrigger({ ...base, everyMs, nextDue: t + everyMs, spec });
    }
    const everyMs = n * (unit === 'days' ? DAY : 7 * DAY);
    // Interval steps are fixed ms, so a daily run shifts by an hour across a DST change.
    let nextDue: number;
    if (unit === 'weeks') {
      const weekDay = this._weekDay ?? zonedParts(t, tz).weekday;
      spec.weekDay = WEEKDAY_INDEX[weekDay];
      nextDue = nextLocal(tz, t, hour, minute, (_y, _m, _d, wd) => wd === weekDay);
    } else {
      nextDue = this._atHour !== undefined ? nextLocal(tz, t, hour, minute, () => true) : t + everyMs;
    }
    return addTrigger({ ...base, everyMs, nextDue, spec });
  }
}

function positive(n: number): number {
  if (!(Number.isInteger(n) && n > 0)) throw new Error('The interval must be a positive whole number.');
  return n;
}

type TriggerBuilderSurface = Pick<GoogleAppsScript.Script.TriggerBuilder, 'forSpreadsheet' | 'forForm' | 'forDocument' | 'timeBased'>;

class TriggerBuilder implements TriggerBuilderSurface {
  constructor(private readonly _handler: string) {
    return strict('TriggerBuilder', this);
  }

  forSpreadsheet(sheet: GoogleAppsScript.Spreadsheet.Spreadsheet | string): GoogleAppsScript.Script.SpreadsheetTriggerBuilder {
    return asGas(new SpreadsheetTriggerBuilder(this._handler, idOf(sheet)));
  }

  forForm(form: GoogleAppsScript.Forms.Form | string): GoogleAppsScript.Script.FormTriggerBuilder {
    return asGas(new FormTriggerBuilder(this._handler, idOf(form)));
  }

  forDocument(document: GoogleAppsScript.Document.Document | string): GoogleAppsScript.Script.DocumentTriggerBuilder {
    return asGas(new DocumentTriggerBuilder(this._handler, idOf(document)));
  }

  timeBased(): GoogleAppsScript.Script.ClockTriggerBuilder {
    return asGas(new ClockTriggerBuilder(this._handler));
  }
}

// ---------- ScriptApp ----------

type ServiceSurface = Pick<GoogleAppsScript.Script.Service, 'getUrl'>;

class Service implements ServiceSurface {
  constructor() {
    return strict('Service', this);
  }

  getUrl(): string {
    return store().script.webAppUrl;
  }
}

type ScriptAppSurface = Pick<GasScriptApp, 'newTrigger' | 'getProjectTriggers' | 'getUserTriggers' | 'deleteTrigger' | 'getScriptId' | 'getService'>;

class ScriptApp implements ScriptAppSurface {
  AuthMode = AuthMode as unknown as typeof GoogleAppsScript.Script.AuthMode;
  EventType = EventType as unknown as typeof GoogleAppsScript.Script.EventType;
  TriggerSource = TriggerSource as unknown as typeof GoogleAppsScript.Script.TriggerSource;
  WeekDay = WeekDay as unknown as typeof GoogleAppsScript.Base.Weekday;

  constructor() {
    return strict('ScriptApp', this);
  }

  newTrigger(functionName: string): GoogleAppsScript.Script.TriggerBuilder {
    requireScope('ScriptApp.newTrigger', [SCOPES.scriptApp]);
    return asGas(new TriggerBuilder(String(functionName)));
  }

  /** Only the current user's triggers of this project: Apps Script never shows other users' ones. */
  getProjectTriggers(): GasTrigger[] {
    requireScope('ScriptApp.getProjectTriggers', [SCOPES.scriptApp]);
    const me = rt().exec.effectiveUser;
    return store()
      .triggers.filter((t) => t.owner === me)
      .map((t) => asGas<GasTrigger>(new Trigger({ ...t })));
  }

  getUserTriggers(source: GoogleAppsScript.Spreadsheet.Spreadsheet | GoogleAppsScript.Forms.Form | GoogleAppsScript.Document.Document): GasTrigger[] {
    requireScope('ScriptApp.getUserTriggers', [SCOPES.scriptApp]);
    const me = rt().exec.effectiveUser;
    const id = idOf(source);
    return store()
      .triggers.filter((t) => t.owner === me && t.sourceId === id)
      .map((t) => asGas<GasTrigger>(new Trigger({ ...t })));
  }

  deleteTrigger(trigger: GasTrigger): void {
    requireScope('ScriptApp.deleteTrigger', [SCOPES.scriptApp]);
    const me = rt().exec.effectiveUser;
    // Read the fake's own record (no counted call); any other object goes through the public API.
    const uid = (trigger as unknown as { _rec?: TriggerRec })._rec?.uid ?? trigger.getUniqueId();
    const s = store();
    s.triggers = s.triggers.filter((t) => !(t.uid === uid && t.owner === me));
  }

  getScriptId(): string {
    return store().script.id;
  }

  getService(): GoogleAppsScript.Script.Service {
    return asGas(new Service());
  }
}

export function createScriptApp(): GasScriptApp {
  return asGas<GasScriptApp>(new ScriptApp());
}
