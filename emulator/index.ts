/**
 * @training-help-desk/gas-emulator: an offline Google Apps Script runtime (see README.md).
 * The host side: Emulator runs one execution per call in a fresh vm context; Driver acts as
 * people do (open the spreadsheet, click a menu, submit a form, fire triggers, visit the web app).
 * Exports (xlsx/pdf/eml) and the browser harness are separate entry points ('./export',
 * './browser') so that loading the emulator never loads exceljs, pdfkit or playwright.
 */
export { Emulator, ScriptError, cloneStore, readScriptFiles } from './host';
export type { ExecutionKind, EventSpec, CallFailure, Manifest, RunOptions, ExecutionResult, ExecutionStats, ScriptFile } from './host';
export { Driver, WebAppVisitor, crashSweep, assertSweep, formatSweep } from './driver';
export type { DriverOptions, SweepOptions, SweepReport, SweepFailure } from './driver';
export type { Answers, SubmitOptions, SubmitResult } from './drivers/forms';
export { newStore } from './store';
export type { Store, CellValue, CellRec, SheetRec, SpreadsheetRec, FormRec, MailRec, TriggerRec, DriveItemRec, UiEventRec, LogRec } from './store';
export { EXECUTION_LIMIT_MS } from './runtime/latency';
